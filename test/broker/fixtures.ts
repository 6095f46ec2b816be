/**
 * Fixtures for the broker tests: a small valid V4 pact between communication-ui and
 * communication-gw, a provider that honours it, and temporary directories.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CONSUMER = 'communication-ui'
export const PROVIDER = 'communication-gw'
const CHANNEL_PATH = '/business/communication/channels/ch-1'
const CHANNEL_BODY = { success: true, data: { channel: { uid: 'ch-1', status: 'active' } } }

/** One HTTP interaction, as PactV4 writes it. `variant` changes the content (and its hash). */
export function v4Pact(variant = 'a request for an active channel'): object {
  return {
    consumer: { name: CONSUMER },
    provider: { name: PROVIDER },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        key: 'e1b5fa5c',
        description: variant,
        pending: false,
        providerStates: [{ name: 'channel is active', params: { channel_uid: 'ch-1' } }],
        request: {
          method: 'GET',
          path: CHANNEL_PATH,
          headers: { Accept: ['application/json'] },
        },
        response: {
          status: 200,
          headers: { 'Content-Type': ['application/json'] },
          body: { content: CHANNEL_BODY, contentType: 'application/json', encoded: false },
          matchingRules: {
            body: { '$.data.channel.uid': { combine: 'AND', matchers: [{ match: 'type' }] } },
          },
        },
      },
    ],
    metadata: {
      pactSpecification: { version: '4.0' },
      pactRust: { models: '1.2.0' },
    },
  }
}

/** Writes the pact into `<dir>/pacts/` and returns that directory. */
export function writePact(dir: string, pact: object = v4Pact()): string {
  const pacts = join(dir, 'pacts')
  mkdirSync(pacts, { recursive: true })
  writeFileSync(join(pacts, `${CONSUMER}-${PROVIDER}.json`), JSON.stringify(pact, null, 2))
  return pacts
}

/** A provider that satisfies `v4Pact()`; `broken` answers the wrong status. */
export async function startProvider(options: { broken?: boolean } = {}): Promise<{
  url: string
  close(): Promise<void>
}> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === CHANNEL_PATH && !options.broken) {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(CHANNEL_BODY))
      return
    }
    res.writeHead(404, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ success: false, errors: [{ code: 'missing', message: 'not found' }] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export function makeTempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'specpact-broker-'))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/**
 * PACT_BROKER_* variables of the process, removed for the duration of a test file: the
 * in-process pact-js verifier falls back to them, and none may leak into a test.
 */
export function isolateBrokerEnv(): () => void {
  const saved = Object.entries(process.env).filter(([k]) => k.startsWith('PACT_BROKER_'))
  for (const [k] of saved) delete process.env[k]
  return () => {
    for (const [k, v] of saved) process.env[k] = v
  }
}
