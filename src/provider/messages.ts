/**
 * Message interactions (webhooks) in a verification: pact-js asks for each message by its
 * description; specpact answers by running the provider's producer for the message's event
 * with the trigger the pact names, after the message's provider states were set up. The
 * content therefore comes from the provider's own code, never from the pact.
 */
import { EVENT_METADATA_KEY } from '../contract'
import type { JsonValue } from '../spec'
import { describeFailure, type VerificationFailure } from './failure'
import { produceFromUrl } from './message-url'
import type { PactInteraction } from './pacts'
import type { StateRuntime, StateSource } from './states'

/** A message as the provider produced it: the body and its metadata (headers). */
export interface ProducedMessage {
  contents: JsonValue
  metadata: Record<string, string>
}

/**
 * Makes the change a message's trigger describes and returns the message the provider sent
 * for it. `params` come from the pact's trigger with every `${name}` reference to a value
 * the states provided already resolved.
 */
export type MessageProducer = (params: Record<string, JsonValue>) => Promise<ProducedMessage>

/** Event name (`channel.activated`) → its producer. */
export type MessageProducers = Record<string, MessageProducer>

export const MESSAGE_TYPE = 'Asynchronous/Messages'

export const isMessage = (i: PactInteraction) => i.type === MESSAGE_TYPE

interface Trigger {
  params: Record<string, JsonValue>
}

const isRecord = (v: unknown): v is Record<string, JsonValue> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function eventOf(i: PactInteraction): string | undefined {
  const metadata = i.metadata
  const event = isRecord(metadata) ? metadata[EVENT_METADATA_KEY] : undefined
  return typeof event === 'string' ? event : undefined
}

function triggerOf(i: PactInteraction): Trigger {
  const comments: unknown = i.comments
  const trigger = isRecord(comments) ? comments.trigger : undefined
  const params = isRecord(trigger) ? trigger.params : undefined
  return { params: isRecord(params) ? params : {} }
}

/** What pact-js's message proxy sends back: the content and its metadata. */
interface PactMessage {
  __pactMessageMetadata: Record<string, string>
  message: JsonValue
}

export interface MessageVerification {
  /** pact-js `messageProviders`: one per message description of the pacts. */
  providers: Record<string, () => Promise<PactMessage>>
  /**
   * Why a message could not be produced (a failed state, no producer, a producer that
   * threw), by description: the verifier itself would only report a 500 from its proxy.
   */
  failures: Map<string, VerificationFailure>
}

/**
 * pact-js message providers for the message interactions among `interactions`. Each marks
 * the end of its interaction's state setup in `runtime`, as an HTTP request does, so state
 * values never leak from one interaction into the next.
 */
export function messageProviders(
  interactions: readonly PactInteraction[],
  source: StateSource,
  runtime: StateRuntime,
  /** Longest wait for a message URL's answer. */
  timeoutMs = 10_000,
): MessageVerification {
  const failures = new Map<string, VerificationFailure>()
  const providers: MessageVerification['providers'] = {}
  for (const interaction of interactions.filter(isMessage)) {
    const { description } = interaction
    providers[description] = async () => {
      const fail = (failure: VerificationFailure): never => {
        failures.set(description, failure)
        throw new Error(describeFailure(failure))
      }
      const stateFailure = runtime.beginRequest()
      if (stateFailure) fail({ kind: 'state', ...stateFailure })
      const event = eventOf(interaction)
      const producer = producerFor(source, interaction, event, timeoutMs)
      if (typeof producer === 'string') return fail({ kind: 'no-producer', event, cause: producer })
      const { params, missing } = runtime.resolve(triggerOf(interaction).params)
      if (missing.length > 0)
        fail({
          kind: 'producer',
          event,
          cause: `the trigger refers to ${missing.map((m) => `\${${m}}`).join(', ')}, which no provider state provided`,
        })
      try {
        const produced = await producer(params)
        return { __pactMessageMetadata: produced.metadata, message: produced.contents }
      } catch (error) {
        return fail({
          kind: 'producer',
          event,
          cause: `producing the "${event ?? description}" message failed: ${error instanceof Error ? error.message : String(error)}`,
        })
      }
    }
  }
  return { providers, failures }
}

/** The producer of one message interaction, or why there is none. */
function producerFor(
  source: StateSource,
  interaction: PactInteraction,
  event: string | undefined,
  timeoutMs: number,
): MessageProducer | string {
  if (source.kind === 'url') {
    const url = source.messageUrl
    if (!url)
      return `no message producer for "${event ?? interaction.description}": a provider verified through a state-change URL serves messages at a message URL (--message-url)`
    return (params) =>
      produceFromUrl(
        url,
        {
          description: interaction.description,
          providerStates: (interaction.providerStates ?? []).map(
            ({ name, params }): JsonValue => (params ? { name, params } : { name }),
          ),
          specpact: { event, params },
        },
        timeoutMs,
      )
  }
  if (!event) return `the pact names no event (metadata ${EVENT_METADATA_KEY})`
  const producer = source.messages?.[event]
  if (producer) return producer
  const known = Object.keys(source.messages ?? {}).join(', ') || 'none'
  return `no message producer is registered for "${event}" (producers: ${known})`
}
