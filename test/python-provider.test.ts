/**
 * A provider written in another language passes the project's whole pact — HTTP
 * interactions and webhook messages — through specpact's state-change protocol and the Rust
 * verifier's message transport alone: test/python-provider/provider.py, Python's standard
 * library only, in its own process.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPacts } from '../src/provider'

const ROOT = resolve(__dirname, '..')
const PACT = resolve(ROOT, 'pacts', 'communication-ui-communication-gw.json')
let python: ChildProcess
let url: string

beforeAll(async () => {
  python = spawn('python3', [resolve(__dirname, 'python-provider', 'provider.py')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  url = await new Promise<string>((done, fail) => {
    let out = ''
    let err = ''
    python.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8')
      const found = /listening on (http:\/\/\S+)/.exec(out)
      if (found) done(found[1] as string)
    })
    python.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8')
    })
    python.on('error', fail)
    python.on('exit', (code) => fail(new Error(`provider.py exited with ${code}: ${err}`)))
  })
}, 30_000)

afterAll(() => {
  python?.kill()
})

describe('the Python communication-gw', () => {
  it('verifies every interaction of the pact, HTTP and messages', async () => {
    const result = await verifyPacts({
      pactFiles: [PACT],
      provider: 'communication-gw',
      providerBaseUrl: url,
      states: { kind: 'url', url: `${url}/_pact/states`, messageUrl: `${url}/_pact/messages` },
      variables: { business_id: 'bz3p8ja7a1b2c3d4' },
      tokens: { staff: 'python-provider-token' },
    })
    expect(result.results.filter((r) => r.kind === 'failed')).toEqual([])
    expect(result.ok).toBe(true)
    const kinds = new Set(result.results.map((r) => r.interaction))
    expect(kinds).toEqual(new Set(['http', 'message']))
  }, 120_000)

  it('fails only the messages, saying where to serve them, without a message URL', async () => {
    const result = await verifyPacts({
      pactFiles: [PACT],
      provider: 'communication-gw',
      providerBaseUrl: url,
      states: { kind: 'url', url: `${url}/_pact/states` },
      variables: { business_id: 'bz3p8ja7a1b2c3d4' },
      select: { kinds: ['message'] },
    })
    expect(result.results.length).toBeGreaterThan(0)
    for (const r of result.results)
      expect(r).toMatchObject({
        kind: 'failed',
        interaction: 'message',
        failures: [{ kind: 'no-producer', cause: expect.stringContaining('--message-url') }],
      })
  }, 120_000)
})
