/**
 * The webhook listener of a live run: a plain HTTP server that takes every POST as a
 * webhook (JSON body; the event from the `X-Webhook-Event` header, else the body's `event`),
 * keeps what arrived, and answers the runner's waits. A webhook that arrives before its
 * wait starts is kept for it, so a fast environment cannot outrun the run. Each webhook
 * satisfies at most one wait.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { tcpAddress } from '../../shared'
import {
  type EventExpectation,
  type EventSource,
  type EventWait,
  matches as eventMatches,
  type ReceivedEvent,
} from '../events'

/** Bodies above this are refused (413): a webhook is a small JSON document. */
const MAX_BODY_BYTES = 1024 * 1024
/** How long a sender may take to deliver one request. */
const REQUEST_TIMEOUT_MS = 10_000

export interface ListenOptions {
  host: string
  /** 0 picks a free port. */
  port: number
}

export interface WebhookListener extends EventSource {
  /** Where it listens, e.g. `http://127.0.0.1:40123/webhooks`. */
  url: string
  /** Every webhook that arrived, in order. */
  readonly received: readonly ReceivedEvent[]
  close(): Promise<void>
}

interface Waiter {
  expectation: EventExpectation
  others: number
  done: (wait: EventWait) => void
}

/** `host:port` (`[::1]:0` for IPv6), as `--webhook-listen` takes it. */
export function parseListen(text: string): ListenOptions {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim())
  const port = match ? Number(match[3]) : Number.NaN
  const host = match?.[1] ?? match?.[2]
  if (host === undefined || port > 65535) {
    throw new RangeError(`expected host:port such as 127.0.0.1:8787 or 0.0.0.0:0, got "${text}"`)
  }
  return { host, port }
}

export async function startListener(options: ListenOptions): Promise<WebhookListener> {
  const received: ReceivedEvent[] = []
  const taken = new Set<ReceivedEvent>()
  const waiters = new Set<Waiter>()

  const offer = (event: ReceivedEvent) => {
    for (const waiter of waiters) {
      if (waiter.expectation.event !== event.event) continue
      if (!eventMatches(event.body, waiter.expectation.match)) {
        waiter.others++
        continue
      }
      taken.add(event)
      waiter.done({ kind: 'received', event })
      return
    }
  }

  const server: Server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end()
      return
    }
    readBody(request).then(
      (text) => {
        const parsed = parseJson(text)
        const header = request.headers['x-webhook-event']
        const named = typeof header === 'string' ? header : eventOf(parsed.value)
        if (!parsed.ok || named === undefined) {
          response.writeHead(400, { 'Content-Type': 'text/plain' })
          response.end(parsed.ok ? 'no event name (X-Webhook-Event or "event")' : 'not JSON')
          return
        }
        const event = { event: named, body: parsed.value, receivedAt: new Date().toISOString() }
        received.push(event)
        response.writeHead(202).end()
        offer(event)
      },
      (error: Error & { status?: number }) => {
        response.writeHead(error.status ?? 400, { 'Content-Type': 'text/plain' })
        response.end(error.message)
      },
    )
  })
  server.requestTimeout = REQUEST_TIMEOUT_MS
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = tcpAddress(server)
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    url: `http://${host}:${address.port}/webhooks`,
    received,
    waitFor(expectation, timeoutMs) {
      const found = received.find(
        (event) =>
          !taken.has(event) &&
          event.event === expectation.event &&
          eventMatches(event.body, expectation.match),
      )
      if (found) {
        taken.add(found)
        return Promise.resolve({ kind: 'received', event: found })
      }
      const others = received.filter(
        (event) =>
          event.event === expectation.event && !eventMatches(event.body, expectation.match),
      ).length
      return new Promise<EventWait>((resolve) => {
        const waiter: Waiter = {
          expectation,
          others,
          done: (wait) => {
            clearTimeout(timer)
            waiters.delete(waiter)
            resolve(wait)
          },
        }
        const timer = setTimeout(
          () => waiter.done({ kind: 'timed-out', others: waiter.others }),
          timeoutMs,
        )
        waiters.add(waiter)
      })
    },
    async close() {
      for (const waiter of [...waiters]) waiter.done({ kind: 'timed-out', others: waiter.others })
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('webhook body too large'), { status: 413 }))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, value: undefined }
  }
}

function eventOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || !('event' in body)) return undefined
  return typeof body.event === 'string' ? body.event : undefined
}
