/**
 * Providers and state-change URLs with the faults real ones have, for the verification fault
 * tests. Each answers the reachability probe (HEAD) as its kind of fault would, and is a real
 * HTTP server on a random port. Test fixtures only.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Fake {
  url: string
  close(): Promise<void>
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

async function serve(handler: Handler): Promise<Fake> {
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8')
    })
    req.on('end', () => handler(req, res, body))
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

const probeOk = (req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'HEAD') return false
  res.writeHead(200).end()
  return true
}

/** A URL where nothing listens: connections are refused. */
export async function down(): Promise<Fake> {
  const fake = await serve(() => undefined)
  await fake.close()
  return fake
}

/** Accepts connections and never answers anything, not even the probe. */
export const neverAnswers = () => serve(() => undefined)

/** Answers the probe, then closes the connection of every other request without a word. */
export const closesConnections = () =>
  serve((req, res) => {
    if (!probeOk(req, res)) req.socket.destroy()
  })

/** Answers the probe at once and every other request after `delayMs`, from `upstream`. */
export const slow = (upstream: string, delayMs: number) =>
  serve((req, res, body) => {
    if (probeOk(req, res)) return
    const timer = setTimeout(() => forward(upstream, req, res, body), delayMs)
    res.on('close', () => clearTimeout(timer))
  })

/**
 * Answers every request 500 with the request's headers: the Authorization header in the
 * fields the contract checks (so the Pact core quotes it in its mismatches), all headers in
 * the error message, and the header again as a response header.
 */
export const echoesHeaders = () =>
  serve((req, res) => {
    const authorization = String(req.headers.authorization ?? '')
    res.writeHead(500, {
      'content-type': 'application/json',
      'x-echo-authorization': authorization,
    })
    res.end(
      JSON.stringify({
        success: authorization,
        data: authorization,
        errors: [{ code: 'unexpected', message: JSON.stringify(req.headers) }],
      }),
    )
  })

/** A state-change URL answering the probe, then leaving every POST unanswered. */
export const stateNeverAnswers = () =>
  serve((req, res) => {
    probeOk(req, res)
  })

/** A state-change URL answering every POST with `status` and `body`. */
export const stateAnswers = (status: number, body: string, type = 'application/json') =>
  serve((req, res) => {
    if (probeOk(req, res)) return
    res.writeHead(status, { 'content-type': type }).end(body)
  })

function forward(upstream: string, req: IncomingMessage, res: ServerResponse, body: string) {
  const target = new URL(req.url ?? '/', upstream)
  const out = request(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    },
  )
  out.on('error', () => res.destroy())
  out.end(body)
}
