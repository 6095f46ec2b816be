/**
 * The webhooks a consumer receives from the communication-gw, as typed events. The payload
 * shapes are the ones the webhook specs (specs/communication-gw/webhooks/) assume: vCita has
 * not published them.
 */
import type { AiStatus, ChannelStatus, ChannelType, MessageStatus, SessionStatus } from '../types'

/** The events a receiver understands, as named in `event` and the `X-Webhook-Event` header. */
export const WEBHOOK_EVENTS = [
  'channel.activated',
  'channel.activation_failed',
  'session.status_changed',
  'message.status_updated',
] as const

export type WebhookEventKind = (typeof WEBHOOK_EVENTS)[number]

/** The header naming the event, so a listener can route before it reads the body. */
export const EVENT_HEADER = 'x-webhook-event'

export interface WebhookChannel {
  uid: string
  status: ChannelStatus
  display_name: string
  type: ChannelType
}

export interface WebhookSession {
  uid: string
  status: SessionStatus
  ai_status: AiStatus
  channel_uid: string
  contact_uid: string
  external_uid: string
}

export interface WebhookMessage {
  uid: string
  message_uid: string
  channel_uid: string
  contact_uid: string | null
  status: MessageStatus
}

/** What every webhook says about itself. */
export interface Envelope {
  /** The delivery's id: the same id twice is the same webhook delivered again. */
  id: string
  occurredAt: Date
  businessUid: string
}

export type WebhookEvent =
  | (Envelope & { kind: 'channel.activated'; channel: WebhookChannel })
  | (Envelope & { kind: 'channel.activation_failed'; channel: WebhookChannel; reason: string })
  | (Envelope & {
      kind: 'session.status_changed'
      session: WebhookSession
      previous: { status: SessionStatus; ai_status: AiStatus }
    })
  | (Envelope & {
      kind: 'message.status_updated'
      message: WebhookMessage
      previousStatus: MessageStatus
    })

/** The event of one kind. */
export type WebhookEventOf<K extends WebhookEventKind> = Extract<WebhookEvent, { kind: K }>

export const isWebhookEventKind = (name: unknown): name is WebhookEventKind =>
  typeof name === 'string' && WEBHOOK_EVENTS.some((known) => known === name)
