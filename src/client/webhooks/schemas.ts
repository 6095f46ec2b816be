/** One zod schema per webhook event, each turning a payload into its typed event. */
import { z } from 'zod'
import {
  AI_STATUSES,
  CHANNEL_STATUSES,
  CHANNEL_TYPES,
  MESSAGE_STATUSES,
  SESSION_STATUSES,
} from '../types'
import type {
  Envelope,
  WebhookChannel,
  WebhookEventKind,
  WebhookEventOf,
  WebhookMessage,
  WebhookSession,
} from './events'

const ChannelSchema: z.ZodType<WebhookChannel> = z.looseObject({
  uid: z.string().min(1),
  status: z.enum(CHANNEL_STATUSES),
  display_name: z.string(),
  type: z.enum(CHANNEL_TYPES),
})

const SessionSchema: z.ZodType<WebhookSession> = z.looseObject({
  uid: z.string().min(1),
  status: z.enum(SESSION_STATUSES),
  ai_status: z.enum(AI_STATUSES),
  channel_uid: z.string().min(1),
  contact_uid: z.string().min(1),
  external_uid: z.string(),
})

const MessageSchema: z.ZodType<WebhookMessage> = z.looseObject({
  uid: z.string().min(1),
  message_uid: z.string(),
  channel_uid: z.string().min(1),
  contact_uid: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
})

const envelope = <D extends z.ZodType>(event: WebhookEventKind, data: D) =>
  z.looseObject({
    event: z.literal(event),
    event_uid: z.string().min(1),
    occurred_at: z.iso.datetime({ offset: true }),
    business_uid: z.string().min(1),
    data,
  })

function head(p: { event_uid: string; occurred_at: string; business_uid: string }): Envelope {
  return { id: p.event_uid, occurredAt: new Date(p.occurred_at), businessUid: p.business_uid }
}

export const PAYLOADS: { [K in WebhookEventKind]: z.ZodType<WebhookEventOf<K>> } = {
  'channel.activated': envelope(
    'channel.activated',
    z.looseObject({
      channel: z.intersection(ChannelSchema, z.looseObject({ status: z.literal('active') })),
    }),
  ).transform((p) => ({ kind: 'channel.activated' as const, ...head(p), channel: p.data.channel })),
  'channel.activation_failed': envelope(
    'channel.activation_failed',
    z.looseObject({ channel: ChannelSchema, reason: z.string() }),
  ).transform((p) => ({
    kind: 'channel.activation_failed' as const,
    ...head(p),
    channel: p.data.channel,
    reason: p.data.reason,
  })),
  'session.status_changed': envelope(
    'session.status_changed',
    z.looseObject({
      session: SessionSchema,
      previous: z.looseObject({
        status: z.enum(SESSION_STATUSES),
        ai_status: z.enum(AI_STATUSES),
      }),
    }),
  ).transform((p) => ({
    kind: 'session.status_changed' as const,
    ...head(p),
    session: p.data.session,
    previous: { status: p.data.previous.status, ai_status: p.data.previous.ai_status },
  })),
  'message.status_updated': envelope(
    'message.status_updated',
    z.looseObject({ message: MessageSchema, previous_status: z.enum(MESSAGE_STATUSES) }),
  ).transform((p) => ({
    kind: 'message.status_updated' as const,
    ...head(p),
    message: p.data.message,
    previousStatus: p.data.previous_status,
  })),
}
