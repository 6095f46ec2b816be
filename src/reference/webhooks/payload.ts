/**
 * The webhooks the reference sends, built from its lifecycle events: the one place their
 * payload and headers are made, used for real deliveries and, in verification, to produce
 * the Pact messages (so a change here is what the contract checks).
 *
 * vCita has not published the gateway's webhook payloads: this shape is the assumption the
 * webhook specs (specs/communication-gw/webhooks/) state, from the swagger's entities.
 */
import type { JsonObject } from '../envelope'
import type { Store } from '../store'
import type { Channel, Message, ReferenceEvent, Session } from '../types'

/** The events sent as webhooks, by the name in `event` and the `X-Webhook-Event` header. */
export const WEBHOOK_EVENTS = [
  'channel.activated',
  'channel.activation_failed',
  'session.status_changed',
  'message.status_updated',
] as const

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number]

export const isWebhookEventName = (kind: string): kind is WebhookEventName =>
  WEBHOOK_EVENTS.some((name) => name === kind)

export const EVENT_HEADER = 'X-Webhook-Event'
export const DELIVERY_HEADER = 'X-Webhook-Delivery'

/** One webhook as it goes over the wire: an HTTP POST with these headers and JSON body. */
export interface Webhook {
  event: WebhookEventName
  headers: Readonly<Record<string, string>>
  body: JsonObject
}

/** What makes one delivery unique: its id and when the event happened. */
export interface Delivery {
  uid: string
  at: Date
}

const channelData = (c: Channel): JsonObject => ({
  uid: c.uid,
  status: c.status,
  display_name: c.display_name,
  type: c.type,
})

const sessionData = (s: Session): JsonObject => ({
  uid: s.uid,
  status: s.status,
  ai_status: s.ai_status,
  channel_uid: s.channel_uid,
  contact_uid: s.contact_uid,
  external_uid: s.external_uid,
})

const messageData = (m: Message): JsonObject => ({
  uid: m.uid,
  message_uid: m.message_uid,
  channel_uid: m.channel_uid,
  // A message sent without a contact has none; the key stays so the shape is one.
  contact_uid: m.contact_uid ?? null,
  status: m.status,
})

/** Where a message event finds its business: the message carries only its channel. */
export type ChannelLookup = Pick<Store, 'channels' | 'defaultBusinessUid'>

/** The `data` of each webhook event; events that are not sent as webhooks are absent. */
function dataOf(
  event: ReferenceEvent,
  store: ChannelLookup,
): { business: string; data: JsonObject } | undefined {
  switch (event.kind) {
    case 'channel.activated':
      return { business: event.channel.business_uid, data: { channel: channelData(event.channel) } }
    case 'channel.activation_failed':
      return {
        business: event.channel.business_uid,
        data: { channel: channelData(event.channel), reason: event.reason },
      }
    case 'session.status_changed':
      return {
        business: event.session.business_uid,
        data: {
          session: sessionData(event.session),
          previous: { status: event.previous.status, ai_status: event.previous.ai_status },
        },
      }
    case 'message.status_updated':
      return {
        business:
          store.channels.get(event.message.channel_uid)?.business_uid ?? store.defaultBusinessUid,
        data: { message: messageData(event.message), previous_status: event.previous },
      }
    // The app changed the channel itself (PUT or DELETE) and had its answer then: no webhook.
    case 'channel.status_changed':
      return undefined
  }
}

/** The webhook announcing `event`, or undefined for an event that is not sent as one. */
export function buildWebhook(
  event: ReferenceEvent,
  delivery: Delivery,
  store: ChannelLookup,
): Webhook | undefined {
  const found = dataOf(event, store)
  const name = event.kind
  if (!found || !isWebhookEventName(name)) return undefined
  return {
    event: name,
    headers: {
      'Content-Type': 'application/json',
      [EVENT_HEADER]: name,
      [DELIVERY_HEADER]: delivery.uid,
    },
    body: {
      event: name,
      event_uid: delivery.uid,
      occurred_at: delivery.at.toISOString(),
      business_uid: found.business,
      data: found.data,
    },
  }
}
