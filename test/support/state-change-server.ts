/**
 * A provider-state change URL for verifiers that cannot call JavaScript handlers (the
 * official `pact verifier` binary): it answers `POST {state, params, action}` through
 * specpact's StateRuntime, so `${name}` references and `provides` behave as in
 * `specpact verify`, and replies with the values the verifier injects.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type StateFailure, StateRuntime } from '../../src/provider/states'
import type { StateHandlers } from '../../src/provider/types'
import type { JsonValue } from '../../src/spec'

export interface StateChangeServer {
  url: string
  /** Every state change received, in order. */
  calls: Array<{ state: string; action: string }>
  /** States that could not be set up, across all interactions. */
  failures: StateFailure[]
  close(): Promise<void>
}

interface StateChange {
  state?: string
  params?: Record<string, JsonValue>
  action?: string
}

async function bodyOf(request: IncomingMessage): Promise<StateChange> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? {} : (JSON.parse(text) as StateChange)
}

/**
 * A failed setup answers 500 with the cause (the verifier logs it, retries, and carries on
 * regardless, so callers check `failures`). Values accumulate over the states of one
 * interaction. The verifier's teardown call
 * (`--state-change-teardown`) ends an interaction: the next setup starts from the
 * configured variables alone.
 */
export async function startStateChangeServer(
  handlers: StateHandlers,
  variables: Readonly<Record<string, string>>,
): Promise<StateChangeServer> {
  const fresh = () => new StateRuntime({ kind: 'handlers', handlers }, variables)
  let runtime = fresh()
  const calls: StateChangeServer['calls'] = []
  const failures: StateFailure[] = []
  const server = createServer((request, response) => {
    bodyOf(request)
      .then(async ({ state = '', params = {}, action = 'setup' }) => {
        calls.push({ state, action })
        // The verifier also calls for an interaction without states, naming none.
        if (state === '') {
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
          return
        }
        if (action === 'teardown') {
          failures.push(...runtime.failures)
          runtime = fresh()
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
          return
        }
        const values = await runtime.setup(state, params)
        const failure = runtime.failures.find((f) => f.state === state)
        if (failure) {
          response.writeHead(500, { 'content-type': 'application/json' })
          response.end(JSON.stringify(failure))
          return
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(values))
      })
      .catch((error: unknown) => {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error))
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/pact-states`,
    calls,
    get failures() {
      return [...failures, ...runtime.failures]
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
