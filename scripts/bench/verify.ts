/**
 * Verification of one pact against the embedded reference, by `specpact verify`'s
 * `verifyPacts` and by a bare pact-js `Verifier` with hand-adapted state handlers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Verifier } from '@pact-foundation/pact'
import { loadConfig } from '../../src/config'
import { readPact, verifyPacts } from '../../src/provider'
import { startReference } from '../../src/reference'
import { bareStateHandlers } from './bare-states'
import type { VerifyRun } from './results'
import { since } from './stats'
import type { Task } from './task'

export type VerifyArm = VerifyRun['arm']

const PROVIDER = 'communication-gw'

/**
 * One verification of `pactFile` (`interactions` long), against a freshly started reference
 * whose start-up is not timed: a provider's job starts its provider either way.
 */
export async function verifyOnce(
  arm: VerifyArm,
  pactFile: string,
  interactions: number,
  variables: Readonly<Record<string, string>>,
): Promise<VerifyRun> {
  const reference = await startReference()
  try {
    const t0 = performance.now()
    let failed: number
    if (arm === 'specpact') {
      const result = await verifyPacts({
        pactFiles: [pactFile],
        provider: PROVIDER,
        providerBaseUrl: reference.url,
        // As `specpact verify` sets up the embedded reference: its store emptied after each
        // interaction, so no interaction finds another's entities (a list bounded by its
        // states' sessions would, and fail).
        states: {
          kind: 'handlers',
          handlers: reference.stateHandlers,
          messages: reference.messageProducers,
          teardown: async () => reference.reset(),
        },
        variables,
      })
      failed = result.results.filter((r) => r.kind === 'failed').length
    } else {
      const stateErrors = { count: 0 }
      const verifier = new Verifier({
        provider: PROVIDER,
        providerBaseUrl: reference.url,
        pactUrls: [pactFile],
        stateHandlers: bareStateHandlers(reference.stateHandlers, variables, stateErrors),
        // pact-js runs it after the last state teardown of each interaction: the same reset.
        afterEach: async () => reference.reset(),
        logLevel: 'error',
      })
      // pact-js rejects with a JSON report of the failures when any interaction fails.
      // State setups that threw count too: pact-js only logs them and replays the request.
      failed =
        (await verifier.verifyProvider().then(
          () => 0,
          (error: Error) => Math.max(1, (error.message.match(/"interaction"/g) ?? []).length),
        )) + stateErrors.count
    }
    const totalMs = since(t0)
    return { arm, totalMs, perInteractionMs: totalMs / interactions, failed }
  } finally {
    await reference.close()
  }
}

/** The first `count` interactions of `pactFile` as a pact of their own, for a warm-up. */
export async function slicePact(
  pactFile: string,
  count: number,
): Promise<{ file: string; dispose: () => Promise<void> }> {
  const pact = await readPact(pactFile)
  const dir = await mkdtemp(join(tmpdir(), 'specpact-bench-warmup-'))
  const file = join(dir, basename(pactFile))
  await writeFile(
    file,
    JSON.stringify({ ...pact, interactions: pact.interactions.slice(0, count) }),
  )
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * The task's pact verified by each of its arms, `task.reps` times each, after a warm-up of
 * each on the pact's first `task.warmup` interactions.
 */
export async function verifyRepeatedly(task: Task): Promise<VerifyRun[]> {
  if (!task.pact) throw new Error('a verify task needs a pact')
  const pact = task.pact
  const { variables } = loadConfig({ cwd: task.cwd })
  const interactions = (await readPact(pact)).interactions.length
  const warmup = await slicePact(pact, task.warmup)
  try {
    for (const arm of task.arms) await verifyOnce(arm, warmup.file, task.warmup, variables)
  } finally {
    await warmup.dispose()
  }
  const samples: VerifyRun[] = []
  // Arms alternate, and so does which goes first: drift in machine load hits both alike.
  for (let rep = 0; rep < task.reps; rep++) {
    const order: VerifyArm[] = rep % 2 === 0 ? task.arms : [...task.arms].reverse()
    for (const arm of order) samples.push(await verifyOnce(arm, pact, interactions, variables))
  }
  return samples
}
