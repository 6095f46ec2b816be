/**
 * The one HTTP endpoint the Pact core talks to during a verification. It stands between the
 * core and the provider so that specpact, not the core, decides what happens at each step:
 * - `POST /_specpact/state` is the core's state-change URL: states are set up through
 *   specpact's StateRuntime (in-process handlers or the provider's own state-change URL);
 * - `POST /` with a message interaction's description is the core's message transport: the
 *   message comes from the provider's producer (in-process or its message URL);
 * - every other request is the interaction's request, forwarded to the provider with the
 *   real token, within a timeout. A refused, reset or unanswered request is answered here,
 *   at once, and recorded with the URL and the cause: the core never waits on a dead socket.
 *
 * The core verifies interactions one at a time, in file order, and calls the state URL
 * before each (with an empty state name for an interaction without states): the k-th request
 * is interaction k, which is how a state or transport failure is reported on its interaction.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isJsonObject, type JsonValue, parseJsonText, tcpAddress } from '../shared'
import type { VerificationFailure } from './failure'
import type { MessageVerification } from './messages'
import { causeOf } from './reachability'
import type { StateRuntime } from './states'

export const STATE_PATH = '/_specpact/state'

/** Made-up statuses, so the core records a mismatch specpact then replaces with the cause. */
const STATE_FAILED_STATUS = 599
const TRANSPORT_FAILED_STATUS = 598

/** After this many unanswered requests in a row, the provider is not asked again this run. */
const GIVE_UP_AFTER_TIMEOUTS = 2

export interface GatewayOptions {
  providerBaseUrl: string
  runtime: StateRuntime
  messages: MessageVerification
  /** Descriptions of the message interactions being verified. */
  messageDescriptions: ReadonlySet<string>
  requestTimeoutMs: number
  /** Rewrites the Authorization header of a request to the provider (the real token). */
  authorize: (header: string | undefined) => string | undefined
  /**
   * Sees each answer of the provider before the core does, while the interaction's state
   * values still hold (the filter item check).
   */
  inspect?: (index: number, status: number, body: Buffer) => void
}

export interface Gateway {
  url: string
  port: number
  /** Interaction index (in the order requests came) → why it failed before an answer. */
  failures: Map<number, VerificationFailure>
  close(): Promise<void>
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  // Without an encoding set, a request yields Buffers.
  for await (const chunk of request) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

function json(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

function parse(body: Buffer): JsonValue | undefined {
  try {
    return parseJsonText(body.toString('utf8'))
  } catch {
    return undefined
  }
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { runtime, messages } = options
  const failures = new Map<number, VerificationFailure>()
  const base = new URL(options.providerBaseUrl)
  let requests = 0
  let timeoutsInARow = 0

  async function state(body: Buffer, response: ServerResponse) {
    const change = parse(body)
    const name = isJsonObject(change) && typeof change.state === 'string' ? change.state : ''
    const params = isJsonObject(change) && isJsonObject(change.params) ? change.params : {}
    const action = isJsonObject(change) && change.action === 'teardown' ? 'teardown' : 'setup'
    // An interaction without states: the core still calls, naming none.
    if (name === '') return json(response, 200, {})
    const handler = runtime.pactHandlers([name])[name]
    if (!handler) return json(response, 200, {})
    if (action === 'teardown') {
      await handler.teardown()
      return json(response, 200, {})
    }
    // A failed setup is recorded by the runtime and answered 200: the interaction's request is
    // then answered here with the state's failure, and the core does not retry the call.
    return json(response, 200, await handler.setup(params))
  }

  async function message(description: string, response: ServerResponse) {
    requests++
    const produce = messages.providers[description]
    try {
      if (!produce) throw new Error(`no message interaction "${description}"`)
      const produced = await produce()
      const metadata = Buffer.from(JSON.stringify(produced.__pactMessageMetadata)).toString(
        'base64',
      )
      json(response, 200, produced.message, { 'pact-message-metadata': metadata })
    } catch (error) {
      // The producer's failure is recorded by description (messages.failures).
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(error instanceof Error ? error.message : String(error))
    }
  }

  function forward(request: IncomingMessage, body: Buffer, response: ServerResponse) {
    const index = requests++
    const stateFailure = runtime.beginRequest()
    if (stateFailure) {
      failures.set(index, { kind: 'state', ...stateFailure })
      return json(response, STATE_FAILED_STATUS, { specpact: 'provider state setup failed' })
    }
    const path = `${base.pathname.replace(/\/$/, '')}${request.url ?? '/'}`
    const target = new URL(path, base)
    const where = `${request.method} ${target.href}`
    const fail = (cause: string) => {
      failures.set(index, { kind: 'transport', url: where, cause })
      if (!response.headersSent)
        json(response, TRANSPORT_FAILED_STATUS, { specpact: 'transport failure' })
      else response.destroy()
    }
    if (timeoutsInARow >= GIVE_UP_AFTER_TIMEOUTS)
      return fail(
        `not sent: the provider left the previous ${timeoutsInARow} requests unanswered for ${options.requestTimeoutMs} ms each`,
      )
    const headers = { ...request.headers, host: target.host }
    const authorization = options.authorize(request.headers.authorization)
    if (authorization === undefined) delete headers.authorization
    else headers.authorization = authorization
    delete headers['content-length']
    if (body.length > 0) headers['content-length'] = String(body.length)
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    // A fresh connection per request: a provider that closes connections must not poison the
    // next interaction through a pooled socket.
    const upstream = send(target, { method: request.method, headers, agent: false })
    const timer = setTimeout(() => {
      timeoutsInARow++
      fail(`no answer within ${options.requestTimeoutMs} ms`)
      upstream.destroy()
    }, options.requestTimeoutMs)
    upstream.on('response', (answer) => {
      const chunks: Buffer[] = []
      answer.on('data', (c: Buffer) => chunks.push(c))
      answer.on('end', () => {
        clearTimeout(timer)
        timeoutsInARow = 0
        if (response.headersSent) return
        options.inspect?.(index, answer.statusCode ?? 502, Buffer.concat(chunks))
        const out = { ...answer.headers }
        delete out['transfer-encoding']
        delete out.connection
        response.writeHead(answer.statusCode ?? 502, out)
        response.end(Buffer.concat(chunks))
      })
      answer.on('error', (error) => {
        clearTimeout(timer)
        fail(`the answer broke off: ${causeOf(error)}`)
      })
    })
    upstream.on('error', (error) => {
      clearTimeout(timer)
      if (!failures.has(index)) fail(causeOf(error))
    })
    upstream.end(body)
  }

  const server = createServer((request, response) => {
    bodyOf(request)
      .then(async (body) => {
        if (request.method === 'POST' && request.url === STATE_PATH) return state(body, response)
        if (request.method === 'POST' && request.url === '/') {
          const asked = parse(body)
          const description = isJsonObject(asked) ? asked.description : undefined
          if (typeof description === 'string' && options.messageDescriptions.has(description))
            return message(description, response)
        }
        return forward(request, body, response)
      })
      .catch((error: unknown) => {
        if (!response.headersSent) json(response, 500, { specpact: causeOf(error) })
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = tcpAddress(server)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
