/**
 * The consumer-test API for messages (webhooks): the counterpart of `specInteraction`. One
 * line hands the message specpact derived from a webhook spec, as pact-js reifies it from the
 * contract, to the consumer's own handler.
 *
 * ```ts
 * it('marks the channel active', () =>
 *   specMessage<'channel_uid'>('webhook_channel_activated').run(async (message, values) => {
 *     await receiver.receive({ headers: message.metadata, body: message.contents })
 *     expect(store.channel(values.channel_uid)?.status).toBe('active')
 *   }))
 * ```
 */
import { z } from 'zod'
import type { MessageInteraction } from '../contract'
import { addMessage, metadataOf } from '../pact'
import { type JsonValue, parseJsonText } from '../shared'
import { type InjectedValues, runConsumerTest, type SpecInteractionOptions } from './consumer-test'
import { findMessageInteraction, projectContracts } from './project'

/** A message as the consumer receives it. */
export interface ReceivedMessage {
  /** The body: the contract's example, every matcher reified by pact-js. */
  readonly contents: JsonValue
  /**
   * The metadata as the sender sends it; for a webhook, its HTTP headers
   * (`X-Webhook-Event`, `contentType`).
   */
  readonly metadata: Readonly<Record<string, string>>
}

export interface SpecMessage<Names extends string> {
  /** The spec's name: its file name without `.md`, the message's description. */
  readonly name: string
  /**
   * Runs `test` with the message and the injected values (the example ids the provider
   * states put into it). The test passes when `test` resolves; the pass is recorded, so the
   * run's pact includes the message. Resolves to what `test` returns.
   */
  run<T>(test: (message: ReceivedMessage, values: InjectedValues<Names>) => Promise<T>): Promise<T>
  /** The interaction itself, for tests that look at the contract. */
  interaction(): Promise<MessageInteraction>
}

const JsonContent = z.json()

function contentsOf(received: { contents: { content: unknown } }): JsonValue {
  const { content } = received.contents
  // pact-js hands JSON content over parsed, or as its bytes; anything else would not be this
  // contract's.
  if (Buffer.isBuffer(content)) return parseJsonText(content.toString('utf8'))
  const parsed = JsonContent.safeParse(content)
  if (!parsed.success)
    throw new Error(`pact-js handed over message contents that are not JSON: ${String(content)}`)
  return parsed.data
}

export function specMessage<Names extends string = string>(
  name: string,
  options: SpecInteractionOptions = {},
): SpecMessage<Names> {
  const locate = async () => findMessageInteraction(await projectContracts(options), name)
  return {
    name,
    interaction: async () => (await locate()).interaction,
    async run(test) {
      return runConsumerTest(
        await locate(),
        options,
        async (pact, values: InjectedValues<Names>, interaction) => {
          const metadata = Object.freeze(metadataOf(interaction))
          let result: { value: Awaited<ReturnType<typeof test>> } | undefined
          await addMessage(pact, interaction).executeTest(async (received) => {
            result = { value: await test({ contents: contentsOf(received), metadata }, values) }
          })
          if (!result) throw new Error(`pact-js did not run the test of message "${name}"`)
          return result.value
        },
      )
    },
  }
}
