/**
 * The `specpact` command as a release pipeline runs it — a child process with an explicit
 * environment — and a provider under test in this process: the reference communication-gw
 * (optionally broken on purpose) with a state-change URL answering through its handlers.
 */
import { execFile } from 'node:child_process'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import type { StateHandlers } from '../../src/provider/types'
import { type ReferenceServer, type StartOptions, startReference } from '../../src/reference'
import type { JsonValue } from '../../src/spec'

export const ROOT = resolve(__dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'specpact.js')

export interface Run {
  args: readonly string[]
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `specpact <args>` from the repository root (or `cwd`) with exactly `env` (plus PATH):
 * nothing ambient — CI variables, PACT_BROKER_* — reaches it unless the test says so.
 */
export function specpact(
  args: readonly string[],
  env: Record<string, string>,
  { cwd = ROOT, timeoutMs = 120_000 }: { cwd?: string; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true', ...env },
        encoding: 'utf8',
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          fail(new Error(`specpact ${args.join(' ')} did not finish: ${error.message}\n${stderr}`))
          return
        }
        done({ args, code: error ? (error.code as unknown as number) : 0, stdout, stderr })
      },
    )
  })
}

export interface ProviderUnderTest {
  reference: ReferenceServer
  /** For `--state-change-url`: POST {state, params, action} → the entity set up, as JSON. */
  stateChangeUrl: string
  close(): Promise<void>
}

/** The reference communication-gw and a state-change URL backed by its state handlers. */
export async function startProvider(options: StartOptions = {}): Promise<ProviderUnderTest> {
  const reference = await startReference(options)
  const states = await startStateChangeUrl(reference.stateHandlers, () => reference.reset())
  return {
    reference,
    stateChangeUrl: states.url,
    close: async () => {
      await states.close()
      await reference.close()
    },
  }
}

async function startStateChangeUrl(handlers: StateHandlers, reset: () => unknown) {
  const server = createServer((request, response) => {
    body(request)
      .then(async ({ state, params, action }) => {
        // A teardown empties the store, so one interaction's entities cannot serve another.
        if (action === 'teardown') {
          await reset()
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
          return
        }
        const handler = handlers[state]
        if (!handler) throw new Error(`no handler for "${state}"`)
        const entity = await handler(params)
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(entity))
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
      })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/states`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

async function body(
  request: IncomingMessage,
): Promise<{ state: string; params: Record<string, JsonValue>; action: string }> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    state?: string
    params?: Record<string, JsonValue>
    action?: string
  }
  return {
    state: parsed.state ?? '',
    params: parsed.params ?? {},
    action: parsed.action ?? 'setup',
  }
}
