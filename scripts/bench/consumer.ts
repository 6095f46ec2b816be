/**
 * Consumer tests through the Pact mock server, one per interaction: with specpact's
 * `specInteraction(name).run(fn)`, and as a hand-written pact-js suite does it (one `PactV4`
 * writing into one pact directory, `addInteraction(...).executeTest(fn)` per test).
 * Runs inside vitest (scripts/bench/vitest.config.ts): src/consumer imports `vitest`, which a
 * plain node script cannot load.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import { RUN_DIR_ENV, specInteraction } from '../../src/consumer'
import type { Contract, HttpInteraction } from '../../src/contract'
import { addInteraction, writePacts } from '../../src/pact'
import type { ArmRun, ConsumerSample } from './results'
import { type ExampleRequest, exampleRequest, send } from './send'
import { since } from './stats'

export type ConsumerArm = ConsumerSample['arm']

export interface Subject {
  interaction: HttpInteraction
  example: ExampleRequest
}

export const subjectsOf = (interactions: readonly HttpInteraction[]): Subject[] =>
  interactions.map((interaction) => ({ interaction, example: exampleRequest(interaction) }))

async function timeEach(
  subjects: readonly Subject[],
  test: (s: Subject) => Promise<unknown>,
): Promise<ArmRun> {
  const run: ArmRun = { testMs: [], failed: 0 }
  for (const subject of subjects) {
    const t = performance.now()
    try {
      await test(subject)
    } catch (error) {
      run.failed++
      run.firstFailure ??= `${subject.interaction.description}: ${String(error).slice(0, 2000)}`
    }
    run.testMs.push(since(t))
  }
  return run
}

/** specpact's test API, with a run directory as the global setup would provide it. */
export async function specpactRun(cwd: string, subjects: readonly Subject[]): Promise<ArmRun> {
  const runDir = await mkdtemp(join(tmpdir(), 'specpact-bench-run-'))
  process.env[RUN_DIR_ENV] = runDir
  try {
    return await timeEach(subjects, ({ interaction, example }) =>
      specInteraction(interaction.description, { cwd }).run((url) => send(url, example)),
    )
  } finally {
    delete process.env[RUN_DIR_ENV]
    await rm(runDir, { recursive: true, force: true })
  }
}

/**
 * The hand-written pact-js suite: one PactV4 and one pact file. `done` interactions of
 * `contract` are already in the pact file, as the suite's earlier tests would have left it.
 */
export async function bareRun(
  contract: Contract,
  done: number,
  subjects: readonly Subject[],
): Promise<ArmRun> {
  const dir = await mkdtemp(join(tmpdir(), 'specpact-bench-bare-'))
  try {
    if (done > 0)
      await writePacts(dir, [{ ...contract, interactions: contract.interactions.slice(0, done) }])
    const pact = new PactV4({
      consumer: contract.consumer,
      provider: contract.provider,
      dir,
      logLevel: 'error',
    })
    return await timeEach(subjects, ({ interaction, example }) =>
      addInteraction(pact, interaction).executeTest((server) => send(server.url, example)),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
