/**
 * What every consumer test does around the consumer's own code, whatever the interaction's
 * kind: the values the provider states inject, a fresh PactV4 in a pact directory of its own,
 * and, once the test passed, the record that lets the run's pact include the interaction.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import type { Contract, Interaction } from '../contract'
import { provided, RUN_DIR_ENV, RUN_DIR_KEY } from './context'
import { ConsumerSetupError, type Located, type ProjectOptions } from './project'
import { writeRecord } from './record'
import { injectedValues } from './values'

/** Example values of the ids the provider states inject, by name (`channel_uid`, …). */
export type InjectedValues<Names extends string> = Readonly<Record<Names, string>>

export interface SpecInteractionOptions extends ProjectOptions {
  logLevel?: 'error' | 'warn' | 'info' | 'debug'
}

/** Values as a read-only object that names the spec when a test asks for one it lacks. */
export function strictValues<Names extends string>(
  name: string,
  values: Record<string, string>,
): InjectedValues<Names> {
  return new Proxy(Object.freeze({ ...values }), {
    get(target, key) {
      if (typeof key !== 'string' || key in target) return Reflect.get(target, key)
      if (key === 'then' || key === 'toJSON') return undefined
      const known = Object.keys(target)
      throw new Error(
        `spec "${name}" injects no value named "${key}"; it injects: ${known.join(', ') || '(none)'}`,
      )
    },
  }) as InjectedValues<Names>
}

/** The run's record directory: from the global setup, else the environment. */
async function runDirectory(): Promise<string | undefined> {
  return (await provided(RUN_DIR_KEY)) ?? process.env[RUN_DIR_ENV]
}

/**
 * Records that a consumer test of `description` passed, so the run's pact may include it.
 * `specInteraction` and `specMessage` call it; a test of another kind calls it itself once
 * pact-js accepted the test. Without the global setup it fails.
 */
export async function recordPassed(
  contract: Pick<Contract, 'consumer' | 'provider'>,
  description: string,
  startedAt: number,
): Promise<void> {
  const runDir = await runDirectory()
  // Without the global setup nothing would ever write the pact: a green run that writes
  // nothing and says nothing. Fail the test instead, saying what is missing.
  if (!runDir) {
    throw new ConsumerSetupError(
      `the consumer test of "${description}" passed, but no pact can be written: vitest runs without specpact's global setup (add globalSetup: ['specpact/src/consumer/setup.ts'] to the test config)`,
    )
  }
  await writeRecord(runDir, {
    consumer: contract.consumer,
    provider: contract.provider,
    description,
    pid: process.pid,
    startedAt,
    endedAt: Date.now(),
  })
}

/**
 * Runs `exercise` (pact-js's part and the consumer's test) on a fresh PactV4 for the located
 * interaction, records the pass when it resolves, and removes the pact directory either way.
 * A pact directory per test: pact-js never merges into a file another worker writes.
 */
export async function runConsumerTest<I extends Interaction, Names extends string, T>(
  { contract, interaction }: Located<I>,
  options: SpecInteractionOptions,
  exercise: (pact: PactV4, values: InjectedValues<Names>, interaction: I) => Promise<T>,
): Promise<T> {
  const values = strictValues<Names>(interaction.description, injectedValues(interaction))
  const dir = await mkdtemp(join(tmpdir(), 'specpact-consumer-test-'))
  const startedAt = Date.now()
  try {
    const pact = new PactV4({
      consumer: contract.consumer,
      provider: contract.provider,
      dir,
      logLevel: options.logLevel ?? 'error',
    })
    const result = await exercise(pact, values, interaction)
    await recordPassed(contract, interaction.description, startedAt)
    return result
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
