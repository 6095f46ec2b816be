/**
 * Reading the broker's selection over HTTP, as the verifier would: against a real Pact Broker
 * (emptied between tests), against brokers that refuse or are absent, and through the fault
 * proxy (test/broker-fake) where an answer is not a broker's. No error may carry a credential.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  BROKER_ERRORS,
  type BrokerConfig,
  BrokerError,
  fetchPactAtUrl,
  fetchPactsForVerification,
  readBrokerConfig,
} from '../../src/broker'
import { type FaultRule, startBrokerFake } from '../broker-fake'
import { CONSUMER, PROVIDER, v4Pact } from './fixtures'
import { type RealBroker, realBroker } from './real'
import { pactVersionUrl, publishPact, resetBroker } from './real/queries'

vi.setConfig({ hookTimeout: 300_000 })

let broker: RealBroker
let TOKEN = ''

beforeAll(async () => {
  broker = await realBroker()
  TOKEN = broker.user.password
})
afterAll(async () => {
  await broker?.close()
})
afterEach(async () => {
  await resetBroker(broker)
})

const config = (env: Record<string, string> = {}): BrokerConfig =>
  readBrokerConfig({
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_USERNAME: broker.user.username,
    PACT_BROKER_PASSWORD: broker.user.password,
    ...env,
  })

const PACT = v4Pact() as { consumer: { name: string }; provider: { name: string } }

/** Publishes a consumer version's pact; the URL of its content on the broker. */
async function seed(version: string, branch: string, description?: string): Promise<string> {
  const pact = v4Pact(description) as typeof PACT
  await publishPact(broker, { consumerVersion: version, branch, pact })
  return pactVersionUrl(broker, pact, version)
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
    const main = await seed('c1', 'main')
    const wip = await seed('c2', 'feat/x', 'a changed request')
    const pacts = await fetchPactsForVerification(REQUEST, config())
    expect(pacts.map((p) => ({ ...p, content: undefined }))).toEqual([
      {
        // The real broker's pact URLs carry the selection as metadata after the content's URL.
        url: expect.stringMatching(new RegExp(`^${main}/metadata/[A-Za-z0-9_-]+$`)),
        reason: 'latest from main branch',
        pending: true,
        wip: false,
        content: undefined,
      },
      expect.objectContaining({
        url: expect.stringMatching(new RegExp(`^${wip}/metadata/[A-Za-z0-9_-]+$`)),
        pending: true,
        wip: true,
      }),
    ])
    expect(pacts[0]?.content).toMatchObject({
      consumer: { name: CONSUMER },
      provider: { name: PROVIDER },
      _links: { 'pb:publish-verification-results': { href: expect.any(String) } },
    })
  })

  it('an empty selection is an empty list (the caller decides it is a failure)', async () => {
    await seed('c1', 'feat/elsewhere')
    const { includeWipPactsSince: _, ...withoutWip } = REQUEST
    expect(await fetchPactsForVerification(withoutWip, config())).toEqual([])
  })

  it('a provider the broker has never seen (it answers 404) is an empty selection too', async () => {
    expect(await fetchPactsForVerification(REQUEST, config())).toEqual([])
  })

  it('the read-only user may read the selection', async () => {
    await seed('c1', 'main')
    const pacts = await fetchPactsForVerification(
      REQUEST,
      config({
        PACT_BROKER_USERNAME: broker.readOnly.username,
        PACT_BROKER_PASSWORD: broker.readOnly.password,
      }),
    )
    expect(pacts).toHaveLength(1)
  })

  it.each([
    {
      name: 'a wrong password',
      env: { PACT_BROKER_PASSWORD: 'not-the-password' },
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
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise<void>((done) => closed.close(() => done()))
    const e = await failure(
      fetchPactsForVerification(
        REQUEST,
        readBrokerConfig({ PACT_BROKER_BASE_URL: url, PACT_BROKER_TOKEN: TOKEN }),
      ),
    )
    expect(e.message).toBe(`The Pact Broker request failed: GET ${url}/: ECONNREFUSED. ${e.hint}`)
  })

  it.each([
    {
      name: 'a sign-in page instead of the index',
      rule: { method: 'GET', path: /^\/$/, fault: { kind: 'not-json' } },
      message:
        'GET {url}/ answered 200 with text/html that is not JSON: "<html><body>Sign in to continue</body></html>"',
    },
    {
      name: 'an index without links',
      rule: { method: 'GET', path: /^\/$/, fault: { kind: 'no-links' } },
      message:
        'GET {url}/: the index has no _links (_links: Invalid input: expected record, received undefined)',
    },
    {
      name: 'a selection of the wrong shape',
      rule: { method: 'POST', path: /\/for-verification$/, fault: { kind: 'wrong-shape' } },
      message: `POST {url}/pacts/provider/${PROVIDER}/for-verification: the pacts-for-verification answer has no _embedded.pacts (body: Invalid input: expected object, received array)`,
    },
  ] satisfies { name: string; rule: FaultRule; message: string }[])(
    '$name: BROKER_UNEXPECTED_RESPONSE naming the URL, not a crash',
    async ({ rule, message }) => {
      await seed('c1', 'main')
      const fake = await startBrokerFake({
        upstream: { url: broker.url, ...broker.user },
        faults: [rule],
      })
      try {
        const e = await failure(
          fetchPactsForVerification(REQUEST, config({ PACT_BROKER_BASE_URL: fake.url })),
        )
        expect(e.code).toBe('BROKER_UNEXPECTED_RESPONSE')
        expect(e.message).toBe(
          `${BROKER_ERRORS.BROKER_UNEXPECTED_RESPONSE.title}: ${message.replaceAll('{url}', fake.url)}. ${e.hint}`,
        )
      } finally {
        await fake.close()
      }
    },
  )
})

describe('fetchPactAtUrl', () => {
  it('reads one pact on the broker, not pending', async () => {
    const url = await seed('c1', 'main')
    expect(await fetchPactAtUrl(url, config())).toMatchObject({
      url,
      pending: false,
      wip: false,
      content: { consumer: { name: CONSUMER } },
    })
  })

  it('an unknown pact: what the broker answered', async () => {
    const url = `${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/${'0'.repeat(40)}`
    const e = await failure(fetchPactAtUrl(url, config()))
    expect(e.message).toContain(`GET ${url} answered 404`)
  })
})
