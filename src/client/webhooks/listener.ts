/** A webhook receiver as a node:http request listener: the consumer's listener endpoint. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { WebhookError } from './error'
import type { WebhookEvent } from './events'
import type { IncomingWebhook } from './parse'

/** 204 when the webhook was handled, 400 with `{"error": {code, message}}` when it was refused, 500 when a handler threw. */
export function webhookListener(
  receive: (webhook: IncomingWebhook) => Promise<WebhookEvent>,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
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
  }
}
