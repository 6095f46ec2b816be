/**
 * A provider's own state-change URL and message URL over the reference communication-gw, as
 * a provider team in any language would write them: `POST {state, params, action}` → the
 * entity; `POST {description, providerStates, specpact: {event, params}}` → the message body,
 * metadata in `Pact-Message-Metadata`. The working half of the fault tests.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { MessageProducers, StateHandlers } from '../../src/provider'
import type { JsonValue } from '../../src/spec'

export interface StateUrl {
  stateUrl: string
  messageUrl: string
  close(): Promise<void>
}

async function json(request: IncomingMessage): Promise<Record<string, JsonValue>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? {} : (JSON.parse(text) as Record<string, JsonValue>)
}

const record = (v: JsonValue | undefined): Record<string, JsonValue> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {}

export async function startStateUrl(
  handlers: StateHandlers,
  producers: MessageProducers,
  /** Removes what an interaction's states set up (called on `"action": "teardown"`). */
  reset: () => Promise<void> | void = () => undefined,
): Promise<StateUrl> {
  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(200).end()
      return
    }
    json(request)
      .then(async (body) => {
        if (request.url === '/messages') {
          const { event, params } = record(body.specpact)
          const producer = typeof event === 'string' ? producers[event] : undefined
          if (!producer) {
            response
              .writeHead(404, { 'content-type': 'text/plain' })
              .end(`no producer for ${String(event)}`)
            return
          }
          const produced = await producer(record(params))
          response.writeHead(200, {
            'content-type': 'application/json',
            'pact-message-metadata': Buffer.from(JSON.stringify(produced.metadata)).toString(
              'base64',
            ),
          })
          response.end(JSON.stringify(produced.contents))
          return
        }
        if (body.action === 'teardown') await reset()
        const handler = typeof body.state === 'string' ? handlers[body.state] : undefined
        if (body.action === 'teardown' || !handler) {
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
          return
        }
        const entity = await handler(record(body.params))
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(entity))
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`
  return {
    stateUrl: `${base}/states`,
    messageUrl: `${base}/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
