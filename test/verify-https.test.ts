/**
 * Verifying an https provider. The Pact core sends every interaction to specpact's gateway
 * over plain http, so specpact's small trust store (src/provider/trust.ts) applies; the
 * gateway, in Node, forwards to the provider over TLS and checks its certificate with Node's
 * trust store. The provider is the reference behind a TLS-terminating proxy with a
 * certificate from test/fixtures/tls, trusted through NODE_EXTRA_CA_CERTS as a provider's
 * job would trust a private CA (support/verify-https-run.ts, in a child process).
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')

interface Outcome {
  ok?: boolean
  results?: Array<{ kind: string; description: string; reasons?: string[] }>
  tlsRequests?: number
  error?: string
}

describe('an https provider', () => {
  it('verifies every interaction over TLS, with the fast trust store for the Pact core', () => {
    const child = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join('test', 'support', 'verify-https-run.ts')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_EXTRA_CA_CERTS: join(__dirname, 'fixtures', 'tls', 'ca.pem') },
      },
    )
    const line = /^RESULT (.*)$/m.exec(child.stdout)?.[1]
    expect(line, child.stderr).toBeDefined()
    const outcome = JSON.parse(line as string) as Outcome
    expect(outcome.error).toBeUndefined()
    expect(outcome.results?.filter((r) => r.kind === 'failed')).toEqual([])
    expect(outcome.ok).toBe(true)
    // Every HTTP interaction reached the provider through the TLS endpoint, after the one
    // request that checks the provider answers before verifying.
    const http = outcome.results?.filter((r) => !r.description.startsWith('webhook_')) ?? []
    expect(http.length).toBeGreaterThan(0)
    expect(outcome.tlsRequests).toBe(http.length + 1)
  }, 120_000)
})
