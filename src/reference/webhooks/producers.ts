/**
 * Message producers for verification: for each webhook event, make the change that sends it
 * (the same lifecycle function the API and the simulated gateway call) and return the webhook
 * the sender built for it. Nothing here writes a payload: a wrong sender fails verification.
 */
import type { MessageProducer, ProducedMessage } from '../../provider/messages'
import type { JsonValue } from '../../spec/types'
import {
  activateChannel,
  changeMessageStatus,
  changeSession,
  failChannelActivation,
} from '../lifecycle'
import type { Store } from '../store'
import { AI_STATUSES, MESSAGE_STATUSES, SESSION_STATUSES } from '../types'
import type { WebhookHub } from './hub'
import type { Webhook, WebhookEventName } from './payload'

/** The message metadata of a webhook: its headers, with the content type as Pact names it. */
export function metadataOf(webhook: Webhook): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(webhook.headers)) {
    metadata[name.toLowerCase() === 'content-type' ? 'contentType' : name] = value
  }
  return metadata
}

/** Reads a trigger's params, with errors naming the event and the param. */
class TriggerParams {
  constructor(
    private readonly event: WebhookEventName,
    private readonly params: Record<string, JsonValue>,
  ) {}

  error(message: string): Error {
    return new Error(`trigger of ${this.event}: ${message}`)
  }

  text(name: string): string | undefined {
    const value = this.params[name]
    if (value === undefined || value === null || value === '') return undefined
    if (typeof value !== 'string')
      throw this.error(`param ${name} must be a string, got ${JSON.stringify(value)}`)
    return value
  }

  required(name: string): string {
    const value = this.text(name)
    if (value === undefined) throw this.error(`param ${name} is missing`)
    return value
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.text(name)
    if (value === undefined) return undefined
    const match = values.find((v) => v === value)
    if (match === undefined)
      throw this.error(`param ${name} must be one of ${values.join(', ')}, got "${value}"`)
    return match
  }
}

type Change = (p: TriggerParams) => void

/** What each event's trigger does to the store, by its params. */
function changes(store: Store): Record<WebhookEventName, Change> {
  const channel = (p: TriggerParams) => {
    const uid = p.required('channel_uid')
    return { uid, found: store.channels.get(uid) }
  }
  const refused = (p: TriggerParams, uid: string, outcome: ReturnType<typeof activateChannel>) => {
    if (outcome.ok) return
    throw p.error(
      outcome.reason === 'not_found'
        ? `no channel ${uid}`
        : `channel ${uid} is ${outcome.channel.status}: only a pending channel can be activated`,
    )
  }
  return {
    'channel.activated': (p) => {
      const { uid } = channel(p)
      refused(p, uid, activateChannel(store, uid))
    },
    'channel.activation_failed': (p) => {
      const { uid } = channel(p)
      const result = p.oneOf('result', ['error', 'blocked'] as const) ?? 'error'
      refused(
        p,
        uid,
        failChannelActivation(store, uid, result, p.text('reason') ?? 'activation failed'),
      )
    },
    'session.status_changed': (p) => {
      const uid = p.required('session_uid')
      const session = store.sessions.get(uid)
      if (!session) throw p.error(`no session ${uid}`)
      changeSession(store, session, {
        status: p.oneOf('status', SESSION_STATUSES),
        ai_status: p.oneOf('ai_status', AI_STATUSES),
      })
    },
    'message.status_updated': (p) => {
      const uid = p.required('message_uid')
      const message = store.messages.get(uid)
      if (!message) throw p.error(`no message ${uid}`)
      const status = p.oneOf('status', MESSAGE_STATUSES)
      if (!status) throw p.error('param status is missing')
      changeMessageStatus(store, message, status)
    },
  }
}

/**
 * One producer per webhook event. Each runs the change its trigger params describe on the
 * state the interaction's provider states set up, and returns the webhook that change sent.
 */
export function createMessageProducers(
  store: Store,
  hub: WebhookHub,
): Record<WebhookEventName, MessageProducer> {
  const byEvent = changes(store)
  const producer =
    (event: WebhookEventName): MessageProducer =>
    async (params): Promise<ProducedMessage> => {
      const p = new TriggerParams(event, params)
      const sent = hub.capture(() => byEvent[event](p))
      // The one webhook the change sent, even if it names another event: then the
      // contract's comparison, not this lookup, says what is wrong with it.
      const webhook =
        sent.find((w) => w.event === event) ?? (sent.length === 1 ? sent[0] : undefined)
      if (!webhook) {
        const others = sent.map((w) => w.event).join(', ') || 'none'
        throw p.error(`the change sent no ${event} webhook (webhooks sent: ${others})`)
      }
      return { contents: webhook.body, metadata: metadataOf(webhook) }
    }
  return {
    'channel.activated': producer('channel.activated'),
    'channel.activation_failed': producer('channel.activation_failed'),
    'session.status_changed': producer('session.status_changed'),
    'message.status_updated': producer('message.status_updated'),
  }
}
