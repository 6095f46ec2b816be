/**
 * Dispatching a webhook to the handler of its kind. An event without a handler is accepted and
 * ignored: the gateway may send more than a consumer cares about.
 */
import type { WebhookEvent, WebhookEventKind, WebhookEventOf } from './events'
import { type IncomingWebhook, parseWebhook } from './parse'

export type WebhookHandlers = {
  [K in WebhookEventKind]?: (event: WebhookEventOf<K>) => void | Promise<void>
}

/** Calls the handler of the event's kind, narrowed per kind so no handler gets another's event. */
function dispatch(handlers: WebhookHandlers, event: WebhookEvent): void | Promise<void> {
  switch (event.kind) {
    case 'channel.activated':
      return handlers[event.kind]?.(event)
    case 'channel.activation_failed':
      return handlers[event.kind]?.(event)
    case 'session.status_changed':
      return handlers[event.kind]?.(event)
    case 'message.status_updated':
      return handlers[event.kind]?.(event)
  }
}

/** Parses, validates and dispatches one webhook; resolves to the event once handled. */
export function receiveWebhook(
  handlers: WebhookHandlers,
): (webhook: IncomingWebhook) => Promise<WebhookEvent> {
  return async (webhook) => {
    const event = parseWebhook(webhook)
    await dispatch(handlers, event)
    return event
  }
}
