/**
 * Runs one verification of the project's pacts against a (possibly mutated) reference
 * communication-gw. The pacts are generated once from specs/ into a temp dir, as
 * `specpact generate --out <tmp>` would, so the suite verifies what the specs say today and
 * not a checked-in file that may lag behind. The reference also serves the core API's client
 * lookup, so the core-api pact (that lookup, which the gateway specs' prerequisites rely
 * on) is verified against it in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pactFileName, writePacts } from '../../src/pact'
import { compile, loadProject } from '../../src/project'
import { type StateHandlers, type VerifyResult, verifyPacts } from '../../src/provider'
import {
  type OperationId,
  type Overrides,
  type ReferenceServer,
  startReference,
} from '../../src/reference'
import type { JsonValue } from '../../src/spec'

const ROOT = resolve(__dirname, '..', '..')
/** The providers the reference stands for, each with its own pact. */
const PROVIDERS = ['communication-gw', 'core-api'] as const

/**
 * The real token the verifier sends for the pact's dummy staff token; the reference accepts
 * any bearer token, so a mutation can refuse exactly this one.
 */
export const STAFF_TOKEN = 'mutation-suite-staff-token'

/** A deliberate change of the provider: its operations, its state handlers, or both. */
export interface Mutation {
  overrides?: Overrides
  /** Receives the reference's faithful handlers; returns the ones the provider team ships. */
  states?: (faithful: StateHandlers) => StateHandlers
}

export interface GeneratedPact {
  dir: string
  /** Provider → its pact file. */
  files: Array<{ provider: string; file: string }>
  variables: Record<string, string>
  /** Interaction descriptions of all pacts, in file order. */
  descriptions: string[]
  remove(): Promise<void>
}

export async function generatePact(): Promise<GeneratedPact> {
  const project = await loadProject({ cwd: ROOT })
  const build = compile(project)
  if (build.failed.length > 0)
    throw new Error(`specs/ did not translate: ${build.failed.map((s) => s.file).join(', ')}`)
  const contracts = PROVIDERS.map((provider) => {
    const all = build.contracts.find((c) => c.provider === provider)
    if (!all) throw new Error(`specs/ make no ${provider} pact`)
    // The mutations change HTTP operations; webhook (message) interactions are produced by
    // another part of the provider and are not what this suite mutates.
    return { ...all, interactions: all.interactions.filter((i) => i.kind === 'http') }
  })
  const dir = await mkdtemp(join(tmpdir(), 'specpact-mutations-'))
  await writePacts(dir, contracts)
  return {
    dir,
    files: contracts.map((c) => ({ provider: c.provider, file: join(dir, pactFileName(c)) })),
    variables: { ...project.config.variables },
    descriptions: contracts.flatMap((c) => c.interactions.map((i) => i.description)),
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}

export interface MutationRun {
  /** Every provider's verification together (one run per pact file). */
  result: Omit<VerifyResult, 'provider'>
  /** How often each overridden operation answered during verification (not the probe). */
  calls: Partial<Record<OperationId, number>>
}

/** Counts the calls of each override, to show a mutation was exercised at all. */
function counted(overrides: Overrides, calls: Partial<Record<OperationId, number>>): Overrides {
  const wrapped: Overrides = {}
  for (const [id, override] of Object.entries(overrides) as [
    OperationId,
    Overrides[OperationId],
  ][]) {
    if (!override) continue
    calls[id] = 0
    wrapped[id] = (request, context, original) => {
      calls[id] = (calls[id] ?? 0) + 1
      return override(request, context, original)
    }
  }
  return wrapped
}

/**
 * One reference server per run: no state or override leaks between mutations. `probe` runs
 * against the same server after verification, to look at the mutation from outside.
 */
export async function verifyMutation(
  pact: GeneratedPact,
  mutation: Mutation = {},
  probe?: (reference: ReferenceServer) => Promise<void>,
): Promise<MutationRun> {
  const calls: Partial<Record<OperationId, number>> = {}
  const reference: ReferenceServer = await startReference({
    overrides: counted(mutation.overrides ?? {}, calls),
  })
  try {
    const handlers = mutation.states
      ? mutation.states(reference.stateHandlers)
      : reference.stateHandlers
    const runs: VerifyResult[] = []
    for (const { provider, file } of pact.files) {
      runs.push(
        await verifyPacts({
          pactFiles: [file],
          provider,
          providerBaseUrl: reference.url,
          states: { kind: 'handlers', handlers, teardown: async () => reference.reset() },
          variables: pact.variables,
          tokens: { staff: STAFF_TOKEN },
        }),
      )
    }
    const result: MutationRun['result'] = {
      ok: runs.every((r) => r.ok),
      results: runs.flatMap((r) => r.results),
      stateFailures: runs.flatMap((r) => r.stateFailures),
      report: runs.map((r) => r.report).join('\n'),
      publishLog: [],
    }
    const exercised = { ...calls }
    await probe?.(reference)
    return { result, calls: exercised }
  } finally {
    await reference.close()
  }
}

/** A JSON request to a running reference, with the staff token. */
export async function request(
  reference: ReferenceServer,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: JsonValue,
): Promise<{ status: number; headers: Headers; body: JsonValue }> {
  const response = await fetch(`${reference.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${STAFF_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? null : (JSON.parse(text) as JsonValue),
  }
}
