/**
 * A small real HTTP server for the runner's tests: routes by "METHOD /path", records every
 * request it receives, listens on 127.0.0.1 on a free port.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { tcpAddress } from '../../shared'
import type { Step } from '../../spec'

export interface Received {
  method: string
  /** Path without the query string. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** The raw request body. */
  body: string
}

export interface Reply {
  status?: number
  /** Sent as JSON unless it is a string. */
  body?: unknown
  headers?: Record<string, string>
  /** Never answer (for timeouts). */
  hang?: boolean
}

export type Route = (request: Received) => Reply

export interface TestServer {
  url: string
  received: Received[]
  /** "METHOD /path" → route. Unknown routes answer 404. */
  route(key: string, route: Route | Reply): void
  reset(): void
  close(): Promise<void>
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route>()
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const request: Received = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      received.push(request)
      const route = routes.get(`${request.method} ${request.path}`)
      const reply: Reply = route
        ? route(request)
        : { status: 404, body: { success: false, errors: [{ code: 'missing' }] } }
      if (reply.hang) return
      const text =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body)
      res.writeHead(reply.status ?? 200, {
        ...(typeof reply.body === 'string' ? {} : { 'content-type': 'application/json' }),
        ...reply.headers,
      })
      res.end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = tcpAddress(server)
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    route(key, route) {
      routes.set(key, typeof route === 'function' ? route : () => route)
    },
    reset() {
      routes.clear()
      received.length = 0
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      )
    },
  }
}

/** A step with the required keys filled in. */
export function step(fields: Partial<Step> = {}): Step {
  return { id: 'main_request', method: 'GET', path: '/', expect: { status: 200 }, ...fields }
}
