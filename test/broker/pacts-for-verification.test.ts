/**
 * Reading the broker's selection over HTTP, as the verifier would: against the broker fake,
 * and against brokers that refuse, are absent or are not brokers at all. No error may carry
 * a credential.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type BrokerConfig,
  BrokerError,
  fetchPactAtUrl,
  fetchPactsForVerification,
  readBrokerConfig,
} from '../../src/broker'
import { type BrokerFake, startBrokerFake } from '../broker-fake'
import { CONSUMER, PROVIDER, v4Pact } from './fixtures'

const TOKEN = 'tok-SECRET-fv-2468'
let broker: BrokerFake

beforeEach(async () => {
  broker = await startBrokerFake({ auth: { kind: 'token', token: TOKEN } })
})
afterEach(async () => {
  await broker.close()
})

const config = (env: Record<string, string> = {}): BrokerConfig =>
  readBrokerConfig({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, ...env })

function seed(version: string, branch: string, description?: string) {
  broker.store.version(CONSUMER, version, { branch })
  return broker.store.publish({
    consumer: CONSUMER,
    provider: PROVIDER,
    consumerVersion: version,
    content: v4Pact(description) as never,
    merge: false,
  })
}

async function failure(promise: Promise<unknown>): Promise<BrokerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BrokerError)
  expect((error as Error).message).not.toContain(TOKEN)
  return error as BrokerError
}

const REQUEST = {
  provider: PROVIDER,
  consumerVersionSelectors: [{ mainBranch: true }],
  includePendingStatus: true,
  includeWipPactsSince: '2020-01-01',
  providerVersionBranch: 'main',
}

describe('fetchPactsForVerification', () => {
  it('follows the index, posts the selection, and reads each pact in the broker order', async () => {
    const main = seed('c1', 'main')
    const wip = seed('c2', 'feat/x', 'a changed request')
    const pacts = await fetchPactsForVerification(REQUEST, config())
    expect(pacts.map((p) => ({ ...p, content: undefined }))).toEqual([
      {
        url: `${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/${main.sha}`,
        reason: `latest pact for a consumer version from ${CONSUMER}'s main branch (main)`,
        pending: true,
        wip: false,
        content: undefined,
      },
      expect.objectContaining({ pending: true, wip: true }),
    ])
    expect(pacts[1]?.url).toContain(wip.sha)
    expect(pacts[0]?.content).toMatchObject({
      ...(v4Pact() as object),
      _links: { 'pb:publish-verification-results': { href: expect.any(String) } },
    })
    expect(broker.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /',
      `POST /pacts/provider/${PROVIDER}/for-verification`,
      `GET /pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/${main.sha}`,
      `GET /pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/${wip.sha}`,
    ])
    const { provider: _, ...body } = REQUEST
    expect(broker.requests[1]?.body).toEqual(body)
  })

  it('an empty selection is an empty list (the caller decides it is a failure)', async () => {
    expect(await fetchPactsForVerification(REQUEST, config())).toEqual([])
  })

  it('basic auth reaches the broker', async () => {
    const basic = await startBrokerFake({
      auth: { kind: 'basic', username: 'ci', password: 'pw-SECRET-1' },
    })
    try {
      const env = { PACT_BROKER_BASE_URL: basic.url, PACT_BROKER_USERNAME: 'ci' }
      const pacts = await fetchPactsForVerification(
        REQUEST,
        readBrokerConfig({ ...env, PACT_BROKER_PASSWORD: 'pw-SECRET-1' }),
      )
      expect(pacts).toEqual([])
      expect(basic.requests.every((r) => r.auth === 'basic' && r.authorized)).toBe(true)
    } finally {
      await basic.close()
    }
  })

  it.each([
    {
      name: 'a rejected token',
      env: { PACT_BROKER_TOKEN: 'not-the-token' },
      message: /^The Pact Broker request failed: GET http:\/\/127\.0\.0\.1:\d+\/ answered 401/,
    },
    {
      name: 'a broker that rejects the selection',
      request: { consumerVersionSelectors: [{ matchingBranch: true }] },
      message: /POST .*\/for-verification answered 400: .*providerVersionBranch must be specified/,
    },
  ])('$name: a BrokerError saying what the broker answered', async ({ env, request, message }) => {
    const { providerVersionBranch: _, ...withoutBranch } = REQUEST
    const e = await failure(
      fetchPactsForVerification(request ? { ...withoutBranch, ...request } : REQUEST, config(env)),
    )
    expect(e.code).toBe('BROKER_REQUEST_FAILED')
    expect(e.message).toMatch(message)
  })

  it('no broker listening: a BrokerError naming the address', async () => {
    const url = broker.url
    await broker.close()
    broker = await startBrokerFake()
    const e = await failure(
      fetchPactsForVerification(
        REQUEST,
        readBrokerConfig({ PACT_BROKER_BASE_URL: url, PACT_BROKER_TOKEN: TOKEN }),
      ),
    )
    expect(e.message).toBe(`The Pact Broker request failed: GET ${url}/: ECONNREFUSED. ${e.hint}`)
  })

  it('a page that is not a broker: a BrokerError, not a crash', async () => {
    const page = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>sign in</html>')
    })
    await new Promise<void>((done) => page.listen(0, '127.0.0.1', done))
    try {
      const { port } = page.address() as AddressInfo
      const e = await failure(
        fetchPactsForVerification(
          REQUEST,
          readBrokerConfig({
            PACT_BROKER_BASE_URL: `http://127.0.0.1:${port}`,
            PACT_BROKER_TOKEN: TOKEN,
          }),
        ),
      )
      expect(e.code).toBe('BROKER_UNEXPECTED_RESPONSE')
      expect(e.message).toContain('the index has no _links')
    } finally {
      page.close()
    }
  })
})

describe('fetchPactAtUrl', () => {
  it('reads one pact on the broker, not pending', async () => {
    const p = seed('c1', 'main')
    const url = `${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/${p.sha}`
    expect(await fetchPactAtUrl(url, config())).toMatchObject({
      url,
      pending: false,
      wip: false,
      content: { consumer: { name: CONSUMER } },
    })
  })

  it('an unknown pact: what the broker answered', async () => {
    const url = `${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/0000`
    const e = await failure(fetchPactAtUrl(url, config()))
    expect(e.message).toContain(`GET ${url} answered 404`)
  })
})
