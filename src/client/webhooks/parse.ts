/**
 * A webhook as it arrived (headers and body) into its typed event: validated, never cast, or
 * refused with a `WebhookError` that says what was wrong.
 */
import { isRecord, parseJsonText } from '../../shared/json'
import { WebhookError } from './error'
import { EVENT_HEADER, isWebhookEventKind, WEBHOOK_EVENTS, type WebhookEvent } from './events'
import { PAYLOADS } from './schemas'

/** A webhook as it arrived: its headers (any case) and its body, raw text or parsed JSON. */
export interface IncomingWebhook {
  headers?: Readonly<Record<string, string | readonly string[] | undefined>>
  body: unknown
}

function headerOf(webhook: IncomingWebhook, name: string): string | undefined {
  for (const [key, value] of Object.entries(webhook.headers ?? {})) {
    if (key.toLowerCase() !== name) continue
    return typeof value === 'string' ? value : value?.[0]
  }
  return undefined
}

const issuePath = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? '(payload)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .slice(1)

function bodyOf(webhook: IncomingWebhook): unknown {
  const { body } = webhook
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body
  try {
    return parseJsonText(String(body))
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new WebhookError('not-json', `the webhook body is not JSON (${why})`)
  }
}

/** Parses and validates a webhook into a typed event; throws `WebhookError` when it is not one. */
export function parseWebhook(webhook: IncomingWebhook): WebhookEvent {
  const body = bodyOf(webhook)
  const named = isRecord(body) ? body.event : undefined
  if (!isWebhookEventKind(named)) {
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
