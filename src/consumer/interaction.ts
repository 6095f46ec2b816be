/**
 * The consumer-test API: one line primes the Pact mock server with the interaction specpact
 * derived from a spec, and the test body is the consumer's own code.
 *
 * ```ts
 * it('sends typing', () =>
 *   specInteraction<'session_uid' | 'contact_uid'>('post_business_communication_sessions_typing')
 *     .run(async (url, values) => {
 *       const gw = createCommunicationClient({ baseURL: url, token: 'consumer-test-token' })
 *       await gw.sendTyping({ session_uid: values.session_uid, contact_uid: values.contact_uid })
 *     }))
 * ```
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import type { Contract, HttpInteraction } from '../contract'
import { addInteraction, executeOnMockServer } from '../pact'
import { provided, RUN_DIR_ENV, RUN_DIR_KEY } from './context'
import {
  ConsumerSetupError,
  findHttpInteraction,
  type ProjectOptions,
  projectContracts,
} from './project'
import { writeRecord } from './record'
import { injectedValues } from './values'

/** Example values of the ids the provider states inject, by name (`channel_uid`, …). */
export type InjectedValues<Names extends string> = Readonly<Record<Names, string>>

export interface SpecInteraction<Names extends string> {
  /** The spec's name: its file name without `.md`, the interaction's description. */
  readonly name: string
  /**
   * Starts a Pact mock server primed with the interaction, runs `test` with its URL and the
   * injected values, and fails when the mock server did not receive exactly the request the
   * spec describes (pact-js's mismatch report is the error). Resolves to what `test` returns.
   */
  run<T>(test: (url: string, values: InjectedValues<Names>) => Promise<T>): Promise<T>
  /** The interaction itself, for tests that look at the contract. */
  interaction(): Promise<HttpInteraction>
}

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
 * `specInteraction` calls it; a test of another kind of interaction (a message) calls it
 * itself once pact-js accepted the test. Without the global setup it fails.
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

export function specInteraction<Names extends string = string>(
  name: string,
  options: SpecInteractionOptions = {},
): SpecInteraction<Names> {
  const locate = async () => findHttpInteraction(await projectContracts(options), name)
  return {
    name,
    interaction: async () => (await locate()).interaction,
    async run(test) {
      const { contract, interaction } = await locate()
      const values = strictValues<Names>(name, injectedValues(interaction))
      // A pact directory per test: pact-js never merges into a file another worker writes.
      const dir = await mkdtemp(join(tmpdir(), 'specpact-mock-'))
      const startedAt = Date.now()
      try {
        const pact = new PactV4({
          consumer: contract.consumer,
          provider: contract.provider,
          dir,
          logLevel: options.logLevel ?? 'error',
        })
        const result = await executeOnMockServer(addInteraction(pact, interaction), (server) =>
          test(server.url, values),
        )
        await recordPassed(contract, interaction.description, startedAt)
        return result
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
  }
}
