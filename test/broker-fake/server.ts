/**
 * The broker fake: a proxy on 127.0.0.1 in front of a real Pact Broker that answers chosen
 * routes with a fault (test/broker-fake/faults.ts) and forwards everything else untouched. It
 * emulates nothing of the broker: what it does not spoil, the real broker answers. See
 * README.md.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { type BearerAuth, checkBearer, presented } from './auth'
import { answerWithout, type FaultKind, type FaultRule, needsUpstream, spoil } from './faults'

export interface RecordedRequest {
  method: string
  /** Path as sent (percent-encoded), without the query string. */
  path: string
  /** The fault that answered, if any. */
  fault: FaultKind | undefined
  /** Whether the request reached the real broker. */
  forwarded: boolean
  /** Which credentials came with the request; their values are never recorded. */
  auth: 'none' | 'bearer' | 'basic' | 'other'
  /** The status answered (0 while nothing was answered, e.g. a hang). */
  status: number
}

export interface BrokerFakeOptions {
  /** The real broker: its base URL and the credentials the fake sends it. */
  upstream: { url: string; username: string; password: string }
  /** The first rule matching a request answers it; a request no rule matches is forwarded. */
  faults?: readonly FaultRule[]
  /**
   * PactFlow's bearer token, which the open-source broker lacks: the fake requires it (401
   * otherwise) and sends the broker its basic credentials instead. Without it the client's own
   * credentials are forwarded.
   */
  auth?: BearerAuth
}

export interface BrokerFake {
  /** Base URL, e.g. `http://127.0.0.1:43121` (no trailing slash). */
  readonly url: string
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[]
  close(): Promise<void>
}

export async function startBrokerFake(options: BrokerFakeOptions): Promise<BrokerFake> {
  const requests: RecordedRequest[] = []
  const upstream = new URL(options.upstream.url)
  const basic = `Basic ${Buffer.from(`${options.upstream.username}:${options.upstream.password}`).toString('base64')}`

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    const rule = options.faults?.find((r) => r.method === req.method && r.path.test(path))
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      fault: rule?.fault.kind,
      forwarded: false,
      auth: presented(req.headers.authorization),
      status: 0,
    }
    requests.push(record)
    res.on('finish', () => {
      record.status = res.statusCode
    })
    if (options.auth && !checkBearer(options.auth, req.headers.authorization)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="Pact Broker"' }).end()
      return
    }
    if (rule && !needsUpstream(rule.fault)) {
      // Read the request, as a server would, before answering (or not).
      req.resume()
      req.on('end', () => answerWithout(rule.fault, res))
      return
    }
    const authorization = options.auth ? basic : req.headers.authorization
    record.forwarded = true
    forward(req, upstream, authorization)
      .then(({ status, headers, body }) => {
        const text = rule ? spoil(rule.fault, body.toString('utf8')) : body
        const { 'content-length': _, 'transfer-encoding': __, connection: ___, ...rest } = headers
        res.writeHead(status, { ...rest, 'Content-Length': Buffer.byteLength(text) }).end(text)
      })
      .catch((error: unknown) => {
        res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(error))
      })
  })

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()))
        // Hung and stalled answers never end by themselves; keep-alive clients linger.
        server.closeAllConnections()
      }),
  }
}

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/**
 * Sends the request on to the broker. The Host header stays the fake's, so the links the
 * broker builds point back at the fake and the client keeps coming through it.
 */
function forward(
  req: IncomingMessage,
  upstream: URL,
  authorization: string | undefined,
): Promise<Answer> {
  const { authorization: _, ...headers } = req.headers
  return new Promise((done, fail) => {
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, ...(authorization ? { authorization } : {}) },
        timeout: 60_000,
      },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () =>
          done({
            status: answer.statusCode ?? 502,
            headers: answer.headers,
            body: Buffer.concat(chunks),
          }),
        )
        answer.on('error', fail)
      },
    )
    out.on('timeout', () => out.destroy(new Error('the real broker did not answer')))
    out.on('error', fail)
    req.pipe(out)
  })
}
