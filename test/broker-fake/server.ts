/**
 * A small in-memory fake of the Pact Broker HTTP API for tests: a real HTTP server on
 * 127.0.0.1 that the real `pact broker` CLI and the pact-js verifier can talk to. It is a test
 * fixture, never a broker to ship; see README.md for what it leaves out.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type BrokerAuth, checkAuth } from './auth'
import { Urls } from './hal'
import { routes } from './routes'
import { BrokerStore, type Json } from './store'

export interface RecordedRequest {
  method: string
  /** Path as sent (percent-encoded), without the query string. */
  path: string
  /** Query string as sent, without `?`. */
  query: string
  /** The route that answered, e.g. `POST /contracts/publish`; `unmatched` for a 404. */
  route: string
  /** Parsed JSON body, raw text for other bodies, undefined when empty. */
  body: unknown
  /** Which credentials came with the request; their values are never recorded. */
  auth: 'none' | 'bearer' | 'basic' | 'other'
  authorized: boolean
  status: number
  userAgent: string | undefined
}

export interface BrokerFakeOptions {
  /** Credentials the fake requires; default none. Wrong or missing ones get 401. */
  auth?: BrokerAuth
}

export interface BrokerFake {
  /** Base URL, e.g. `http://127.0.0.1:43121` (no trailing slash). */
  readonly url: string
  /** Every request received, in order (also the rejected ones). */
  readonly requests: readonly RecordedRequest[]
  /** The fake's data, for assertions and for seeding a scenario directly. */
  readonly store: BrokerStore
  close(): Promise<void>
}

export interface RouteContext {
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  store: BrokerStore
  urls: Urls
}

export interface RouteResponse {
  status: number
  body: Json
}

export async function startBrokerFake(options: BrokerFakeOptions = {}): Promise<BrokerFake> {
  const auth = options.auth ?? { kind: 'none' }
  const store = new BrokerStore()
  const requests: RecordedRequest[] = []
  let urls = new Urls('http://127.0.0.1')

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch((error: unknown) => {
        send(res, 500, { error: error instanceof Error ? error.message : String(error) })
      })
  })

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', urls.base)
    const method = req.method ?? 'GET'
    const verdict = checkAuth(auth, req.headers.authorization)
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      route: 'unmatched',
      body: parseBody(raw),
      auth: verdict.presented,
      authorized: verdict.ok,
      status: 0,
      userAgent: req.headers['user-agent'],
    }
    requests.push(record)
    const reply = (status: number, body: Json) => {
      record.status = status
      send(res, status, body)
    }
    if (!verdict.ok) {
      res.setHeader(
        'WWW-Authenticate',
        auth.kind === 'basic' ? 'Basic realm="Pact Broker"' : 'Bearer realm="Pact Broker"',
      )
      reply(401, { error: 'Unauthorized: missing or invalid credentials' })
      return
    }
    const segments = url.pathname.split('/').filter(Boolean)
    for (const route of routes) {
      if (route.method !== method) continue
      const params = matchPath(route.path, segments)
      if (!params) continue
      record.route = `${route.method} ${route.path}`
      const out = route.handle({ params, query: url.searchParams, body: record.body, store, urls })
      reply(out.status, out.body)
      return
    }
    reply(404, { error: `The requested document was not found: ${method} ${url.pathname}` })
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  urls = new Urls(`http://127.0.0.1:${port}`)

  return {
    url: urls.base,
    requests,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // The Rust HTTP clients keep connections alive; don't wait for them to time out.
        server.closeAllConnections()
      }),
  }
}

/** `/pacts/provider/:provider/latest` against the request's segments → decoded params. */
function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(Boolean)
  if (parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? ''
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segment)
    else if (part !== segment) return undefined
  }
  return params
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

function send(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/hal+json;charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}
