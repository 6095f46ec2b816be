/**
 * vitest global setup for consumer tests: gives the run a record directory and, when the run
 * ends, writes the pacts every interaction of which a consumer test passed (see record.ts).
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['specpact/vitest'] } })
 * ```
 *
 * The configuration is found from vitest's root. Pacts go to `SPECPACT_PACT_DIR`, else the
 * configuration's `pacts` directory.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { TestProject } from 'vitest/node'
import { configPath } from '../config'
import { writePacts } from '../pact'
import { SpecpactError } from '../shared'
import { ROOT_ENV, ROOT_KEY, RUN_DIR_ENV, RUN_DIR_KEY } from './context'
import { consumerProject } from './project'
import { planPacts, readRecords } from './record'

export interface ConsumerPactReport {
  written: Array<{ file: string; interactions: number }>
  lines: string[]
  /**
   * Why the run must fail: interactions without a passing consumer test (unless the config
   * sets `allowUntestedInteractions`), so their pact was not written.
   */
  failures: string[]
}

/** Turns a run's records into pact files; returns what it did, in words. */
export async function writeConsumerPacts(
  runDir: string,
  options: { cwd?: string; config?: string; out?: string } = {},
): Promise<ConsumerPactReport> {
  const records = await readRecords(runDir)
  const report: ConsumerPactReport = { written: [], lines: [], failures: [] }
  if (records.length === 0) return report
  const cwd = options.cwd ?? process.cwd()
  const { project, contracts } = await consumerProject({ cwd, config: options.config })
  const plan = planPacts(contracts, records)
  const config = project.config
  const out = options.out ?? process.env.SPECPACT_PACT_DIR ?? configPath(config, config.pacts)
  const files = await writePacts(out, plan.complete)
  const processes = new Set(records.map((r) => r.pid)).size
  for (const [i, file] of files.entries()) {
    const interactions = plan.complete[i]?.interactions.length ?? 0
    report.written.push({ file, interactions })
    report.lines.push(
      `specpact: wrote ${relative(cwd, file)} (${interactions} interactions, each exercised by a passing consumer test; ${records.length} tests in ${processes} processes)`,
    )
  }
  for (const { contract, tested, missing } of plan.incomplete) {
    const line = `specpact: no pact written for ${contract.consumer} → ${contract.provider}: consumer tests passed for ${tested} of ${contract.interactions.length} interactions; not for ${missing.join(', ')}`
    if (config.allowUntestedInteractions) report.lines.push(line)
    else report.failures.push(line)
  }
  for (const r of plan.unknown)
    report.lines.push(
      `specpact: a consumer test exercised "${r.description}" (${r.consumer} → ${r.provider}), which no spec defines any more`,
    )
  return report
}

/** vitest only ever sets a failing exit status, never resets it: the run fails. */
function fail() {
  process.exitCode = 1
}

export default async function setup(project: TestProject) {
  const runDir = await mkdtemp(join(tmpdir(), 'specpact-consumer-run-'))
  // The consumer's project is vitest's root (`--root`, or the vitest config's directory),
  // not the directory vitest happened to be started from.
  const root = project.config.root
  project.provide(RUN_DIR_KEY, runDir)
  project.provide(ROOT_KEY, root)
  process.env[RUN_DIR_ENV] = runDir
  process.env[ROOT_ENV] = root
  return async () => {
    try {
      const report = await writeConsumerPacts(runDir, { cwd: root })
      for (const line of report.lines) process.stdout.write(`${line}\n`)
      for (const line of report.failures) process.stderr.write(`${line}\n`)
      if (report.failures.length > 0) fail()
    } catch (error) {
      // A thrown teardown is only "error during close" with exit status 0: say why, and fail.
      if (!(error instanceof SpecpactError)) throw error
      process.stderr.write(`specpact: ${error.code}: ${error.message}\n`)
      fail()
    } finally {
      await rm(runDir, { recursive: true, force: true })
    }
  }
}
