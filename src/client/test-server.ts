/**
 * Test helper: a real HTTP server on a free port that records every request exactly as it
 * arrived and answers with the reply the test queued.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path and raw query string, as sent. */
  url: string
  headers: IncomingHttpHeaders
  /** Raw body text; '' when there was none. */
  body: string
}

export type Reply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'text'; status: number; body: string; contentType: string }
  /** Never answer: lets a client timeout fire. */
  | { kind: 'hang' }

export interface TestServer {
  baseURL: string
  requests: RecordedRequest[]
  /** Answer the next requests with this reply. */
  reply(reply: Reply): void
  close(): Promise<void>
}

export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = []
  let next: Reply = { kind: 'json', status: 200, body: { success: true, data: {} } }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      if (next.kind === 'hang') return
      const [type, text] =
        next.kind === 'json'
          ? ['application/json', JSON.stringify(next.body)]
          : [next.contentType, next.body]
      response.writeHead(next.status, { 'Content-Type': type })
      response.end(text)
    })
  })
  await listen(server)

  return {
    baseURL: `http://127.0.0.1:${portOf(server)}`,
    requests,
    reply: (reply) => {
      next = reply
    },
    close: () => close(server),
  }
}

/** A URL on which nothing listens: a port that was just released. */
export async function unusedBaseURL(): Promise<string> {
  const server = createServer()
  await listen(server)
  const port = portOf(server)
  await close(server)
  return `http://127.0.0.1:${port}`
}

function portOf(server: Server): number {
  const address: AddressInfo | string | null = server.address()
  if (address === null || typeof address === 'string') throw new Error('server is not on TCP')
  return address.port
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
}

function close(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  )
}
