/**
 * Receiving the communication-gw's webhooks: what a consumer's listener endpoint does with
 * the POST the gateway sends. The payload is validated, never cast, into a typed event, and
 * dispatched to the handler of its kind; an unknown or malformed webhook is refused with an
 * error that says what was wrong.
 *
 * ```ts
 * const receiver = createWebhookReceiver({
 *   'channel.activated': async (event) => markChannelUsable(event.channel.uid),
 *   'session.status_changed': async (event) => syncSession(event.session),
 * })
 * http.createServer(receiver.requestListener()).listen(4000)
 * ```
 *
 * The payload shapes are the ones the webhook specs (specs/communication-gw/webhooks/)
 * assume: vCita has not published them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import {
  AI_STATUSES,
  type AiStatus,
  CHANNEL_STATUSES,
  CHANNEL_TYPES,
  type ChannelStatus,
  type ChannelType,
  MESSAGE_STATUSES,
  type MessageStatus,
  SESSION_STATUSES,
  type SessionStatus,
} from './types'

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
interface Envelope {
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

/**
 * Why a webhook was refused:
 * - `not-json`: the body is not JSON;
 * - `unknown-event`: an event this receiver does not know (or no event at all);
 * - `event-mismatch`: the header names another event than the body;
 * - `malformed`: a known event whose payload lacks a field or has a wrong value.
 */
export type WebhookErrorCode = 'not-json' | 'unknown-event' | 'event-mismatch' | 'malformed'

export class WebhookError extends Error {
  override name = 'WebhookError'

  constructor(
    readonly code: WebhookErrorCode,
    message: string,
    /** For `malformed`: each problem as `path: what is wrong`. */
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message)
  }
}

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

/** One schema per event, each turning the payload into the typed event. */
const PAYLOADS: { [K in WebhookEventKind]: z.ZodType<Extract<WebhookEvent, { kind: K }>> } = {
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

function head(p: { event_uid: string; occurred_at: string; business_uid: string }): Envelope {
  return { id: p.event_uid, occurredAt: new Date(p.occurred_at), businessUid: p.business_uid }
}

const isKnown = (name: unknown): name is WebhookEventKind =>
  typeof name === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(name)

const issuePath = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? '(payload)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .slice(1)

/** A webhook as it arrived: its headers (any case) and its body, raw text or parsed JSON. */
export interface IncomingWebhook {
  headers?: Readonly<Record<string, string | readonly string[] | undefined>>
  body: unknown
}

function headerOf(webhook: IncomingWebhook, name: string): string | undefined {
  for (const [key, value] of Object.entries(webhook.headers ?? {})) {
    if (key.toLowerCase() !== name) continue
    return Array.isArray(value) ? value[0] : (value as string | undefined)
  }
  return undefined
}

/** Parses and validates a webhook into a typed event; throws `WebhookError` when it is not one. */
export function parseWebhook(webhook: IncomingWebhook): WebhookEvent {
  let body = webhook.body
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      body = JSON.parse(String(body))
    } catch (error) {
      throw new WebhookError(
        'not-json',
        `the webhook body is not JSON (${(error as Error).message})`,
      )
    }
  }
  const named =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as { event?: unknown }).event
      : undefined
  if (!isKnown(named)) {
    const what = named === undefined ? 'names no event' : `is ${JSON.stringify(named)}`
    throw new WebhookError(
      'unknown-event',
      `the webhook's event ${what}; this receiver knows ${WEBHOOK_EVENTS.join(', ')}`,
    )
  }
  const header = headerOf(webhook, EVENT_HEADER)
  if (header !== undefined && header !== named) {
    throw new WebhookError(
      'event-mismatch',
      `the ${EVENT_HEADER} header says "${header}" but the payload says "${named}"`,
    )
  }
  const parsed = PAYLOADS[named].safeParse(body)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`)
    throw new WebhookError('malformed', `the ${named} webhook is malformed`, problems)
  }
  return parsed.data
}

export type WebhookHandlers = {
  [K in WebhookEventKind]?: (event: Extract<WebhookEvent, { kind: K }>) => void | Promise<void>
}

export interface WebhookReceiver {
  /** Parses, validates and dispatches one webhook; resolves to the event once handled. */
  receive(webhook: IncomingWebhook): Promise<WebhookEvent>
  /**
   * A node:http request listener: 204 when the webhook was handled, 400 with
   * `{"error": {code, message}}` when it was refused, 500 when a handler threw.
   */
  requestListener(): (request: IncomingMessage, response: ServerResponse) => void
}

/**
 * A receiver dispatching each event to the handler of its kind. An event without a handler
 * is accepted and ignored: the gateway may send more than a consumer cares about.
 */
export function createWebhookReceiver(handlers: WebhookHandlers): WebhookReceiver {
  async function receive(webhook: IncomingWebhook): Promise<WebhookEvent> {
    const event = parseWebhook(webhook)
    const handler = handlers[event.kind] as ((e: WebhookEvent) => void | Promise<void>) | undefined
    await handler?.(event)
    return event
  }
  return {
    receive,
    requestListener: () => (request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const answer = (status: number, body?: unknown) => {
          response.writeHead(status, body ? { 'content-type': 'application/json' } : {})
          response.end(body ? JSON.stringify(body) : undefined)
        }
        receive({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }).then(
          () => answer(204),
          (error: unknown) =>
            error instanceof WebhookError
              ? answer(400, { error: { code: error.code, message: error.message } })
              : answer(500, { error: { code: 'handler-failed', message: String(error) } }),
        )
      })
    },
  }
}
