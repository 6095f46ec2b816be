/**
 * The project's contracts as consumer tests see them: loaded once per test process, from the
 * configuration `specpact generate` would use.
 */
import type { Contract, HttpInteraction, Interaction, MessageInteraction } from '../contract'
import { compile, loadProject, type Project } from '../project'
import { formatHuman } from '../report/diagnostics'
import { groupByFile } from '../report/group'
import { UserError } from '../shared'
import { provided, ROOT_ENV, ROOT_KEY } from './context'

export interface ProjectOptions {
  /**
   * The consumer's project: `specpact.config.yaml` is looked for here and in the directories
   * above. Default: vitest's root (as the global setup `specpact/vitest` provides it), else
   * the working directory.
   */
  cwd?: string
  /** A configuration file; default `SPECPACT_CONFIG`, else the usual lookup. */
  config?: string
}

/** The consumer tests cannot use the project (specs that do not translate, no global setup). */
export class ConsumerSetupError extends UserError {
  override name = 'ConsumerSetupError'
  constructor(message: string) {
    super('consumer-setup', message)
  }
}

export interface ConsumerProject {
  project: Project
  contracts: Contract[]
}

const cache = new Map<string, Promise<ConsumerProject>>()

/**
 * The project and its contracts, loaded once per process. Any spec that cannot be
 * translated fails here, with the diagnostics `specpact generate` would print: a consumer
 * test of a broken spec says why.
 */
export async function consumerProject(options: ProjectOptions = {}): Promise<ConsumerProject> {
  const cwd = options.cwd ?? (await provided(ROOT_KEY)) ?? process.env[ROOT_ENV] ?? process.cwd()
  const config = options.config ?? process.env.SPECPACT_CONFIG
  const key = `${cwd}\u0000${config ?? ''}`
  let loaded = cache.get(key)
  if (!loaded) {
    loaded = load(cwd, config)
    cache.set(key, loaded)
  }
  return loaded
}

/** Every contract of the project (see `consumerProject`). */
export const projectContracts = async (options: ProjectOptions = {}): Promise<Contract[]> =>
  (await consumerProject(options)).contracts

async function load(cwd: string, config: string | undefined): Promise<ConsumerProject> {
  const project = await loadProject({ cwd, config })
  const build = compile(project)
  const unreadable = project.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error'))
  if (build.failed.length > 0 || unreadable.length > 0) {
    const problems = groupByFile(project.files, build.diagnostics).filter((r) =>
      r.diagnostics.some((d) => d.severity === 'error'),
    )
    throw new ConsumerSetupError(
      `specs cannot be translated, so no consumer test can run:\n${formatHuman(problems, false)}`,
    )
  }
  return { project, contracts: build.contracts }
}

export interface Located<I extends Interaction = Interaction> {
  contract: Contract
  interaction: I
}

/** The interaction named `name` (a spec's file name, which is its description). */
export function findInteraction(contracts: readonly Contract[], name: string): Located {
  for (const contract of contracts) {
    const interaction = contract.interactions.find((i) => i.description === name)
    if (interaction) return { contract, interaction }
  }
  const known = contracts.flatMap((c) => c.interactions.map((i) => i.description)).sort()
  throw new ConsumerSetupError(
    `no spec named "${name}"; known: ${known.join(', ') || '(none: no specs found)'}`,
  )
}

export function findHttpInteraction(
  contracts: readonly Contract[],
  name: string,
): Located<HttpInteraction> {
  const { contract, interaction } = findInteraction(contracts, name)
  if (interaction.kind !== 'http')
    throw new ConsumerSetupError(
      `"${name}" is a ${interaction.kind} interaction, not HTTP: use specMessage`,
    )
  return { contract, interaction }
}

export function findMessageInteraction(
  contracts: readonly Contract[],
  name: string,
): Located<MessageInteraction> {
  const { contract, interaction } = findInteraction(contracts, name)
  if (interaction.kind !== 'message')
    throw new ConsumerSetupError(
      `"${name}" is an ${interaction.kind.toUpperCase()} interaction, not a message: use specInteraction`,
    )
  return { contract, interaction }
}
