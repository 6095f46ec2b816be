import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { missingResults } from './published'

let server: Server
let base: string
/** path → [status, body] */
const answers = new Map<string, [number, unknown]>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const [status, body] = answers.get(req.url ?? '') ?? [404, { error: 'not found' }]
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  answers.set('/ok', [200, { providerApplicationVersion: 'p1', success: true }])
  answers.set('/failed', [200, { providerApplicationVersion: 'p1', success: false }])
  answers.set('/older', [200, { providerApplicationVersion: 'p0', success: true }])
  answers.set('/boom', [503, 'unavailable'])
  answers.set('/odd', [200, ['not', 'a', 'result']])
})

afterAll(() => new Promise<void>((done) => server.close(() => done())))

const config = () => ({
  baseUrl: base,
  auth: { kind: 'basic' as const, username: 'ci', password: 'pw-SECRET-1' },
  timeoutMs: 10_000,
})
const pactLinkingTo = (path: string | undefined) => ({
  url: `${base}/pacts/x`,
  content: path
    ? { _links: { 'pb:latest-verification-results': { href: `${base}${path}` } } }
    : { _links: {} },
})

describe('missingResults', () => {
  it.each([
    ['a result from this provider version (passed)', '/ok', undefined],
    ['a result from this provider version (failed)', '/failed', undefined],
    ['no result at all', '/none', 'the broker has no verification result for it'],
    ['only an older version’s result', '/older', 'its latest result is from provider version p0'],
    ['a broker error', '/boom', 'GET {base}/boom answered 503'],
    [
      'an answer that is no result',
      '/odd',
      'GET {base}/odd answered something that is not a verification result',
    ],
    ['no link to look at', undefined, 'the pact has no pb:latest-verification-results link'],
  ])('%s', async (_, path, why) => {
    const missing = await missingResults([pactLinkingTo(path)], 'p1', config())
    expect(missing).toEqual(
      why === undefined ? [] : [{ url: `${base}/pacts/x`, why: why.replace('{base}', base) }],
    )
  })

  it('a broker that is not listening: named, without the password', async () => {
    const pact = {
      url: 'http://127.0.0.1:9/pacts/x',
      content: { _links: { 'pb:latest-verification-results': { href: 'http://127.0.0.1:9/r' } } },
    }
    const [missing] = await missingResults([pact], 'p1', config())
    expect(missing?.why).toBe('GET http://127.0.0.1:9/r: ECONNREFUSED')
  })
})
