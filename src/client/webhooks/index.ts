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
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebhookEvent } from './events'
import { webhookListener } from './listener'
import type { IncomingWebhook } from './parse'
import { receiveWebhook, type WebhookHandlers } from './receiver'

export { WebhookError, type WebhookErrorCode } from './error'
export {
  EVENT_HEADER,
  WEBHOOK_EVENTS,
  type WebhookChannel,
  type WebhookEvent,
  type WebhookEventKind,
  type WebhookMessage,
  type WebhookSession,
} from './events'
export { type IncomingWebhook, parseWebhook } from './parse'
export type { WebhookHandlers } from './receiver'

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
  const receive = receiveWebhook(handlers)
  return { receive, requestListener: () => webhookListener(receive) }
}
