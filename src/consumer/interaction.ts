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
import type { HttpInteraction } from '../contract'
import { addInteraction, executeOnMockServer } from '../pact'
import { type InjectedValues, runConsumerTest, type SpecInteractionOptions } from './consumer-test'
import { findHttpInteraction, projectContracts } from './project'

export {
  type InjectedValues,
  recordPassed,
  type SpecInteractionOptions,
  strictValues,
} from './consumer-test'

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

export function specInteraction<Names extends string = string>(
  name: string,
  options: SpecInteractionOptions = {},
): SpecInteraction<Names> {
  const locate = async () => findHttpInteraction(await projectContracts(options), name)
  return {
    name,
    interaction: async () => (await locate()).interaction,
    async run(test) {
      return runConsumerTest(await locate(), options, (pact, values: InjectedValues<Names>, http) =>
        executeOnMockServer(addInteraction(pact, http), (server) => test(server.url, values)),
      )
    },
  }
}
