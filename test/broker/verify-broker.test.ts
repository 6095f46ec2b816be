/**
 * `specpact verify --broker` beyond the release story: pending and work-in-progress pacts, a
 * webhook's pact URL, publishing only when asked, and a selection of nothing. The real CLI in
 * a child process, the broker fake, the reference communication-gw as the provider.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type BrokerFake, startBrokerFake } from '../broker-fake'
import { type ProviderUnderTest, ROOT, type Run, specpact, startProvider } from './cli'
import { CONSUMER, isolateBrokerEnv, makeTempDir, PROVIDER } from './fixtures'

// Every step is a child process running the real binaries: 1–4 s each when the machine is
// quiet, several times that on a loaded 2-core CI runner.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 })

const TOKEN = 'brk-SECRET-3b9d0c'
const STAFF_TOKEN = 'staff-SECRET-e81f44'

/** The generated pact's HTTP interactions (its message interactions need a message provider). */
const PACT = (() => {
  const pact = JSON.parse(
    readFileSync(join(ROOT, 'pacts', `${CONSUMER}-${PROVIDER}.json`), 'utf8'),
  ) as { interactions: { type?: string; description: string }[] }
  return {
    ...pact,
    interactions: pact.interactions.filter(
      (i) => (i.type ?? 'Synchronous/HTTP') === 'Synchronous/HTTP',
    ),
  }
})()
const HTTP_COUNT = PACT.interactions.length

/** The consumer's next expectation: an endpoint the provider does not have (yet). */
const NEW_EXPECTATION = {
  type: 'Synchronous/HTTP',
  key: 'channel-stats',
  description: 'get_business_communication_channels_uid_stats',
  pending: false,
  request: {
    method: 'GET',
    path: '/business/communication/channels/ch-1/stats',
    headers: { Authorization: ['Bearer example-staff-token'] },
  },
  response: { status: 200 },
}

let restoreEnv: () => void
let provider: ProviderUnderTest
let broker: BrokerFake
let tmp: ReturnType<typeof makeTempDir>

beforeAll(async () => {
  restoreEnv = isolateBrokerEnv()
  provider = await startProvider({ tokens: [STAFF_TOKEN] })
})
afterAll(async () => {
  await provider.close()
  restoreEnv()
})
beforeEach(async () => {
  tmp = makeTempDir()
  broker = await startBrokerFake({ auth: { kind: 'token', token: TOKEN } })
})
afterEach(async () => {
  await broker.close()
  tmp.remove()
})

function cli(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return specpact(args, {
    HOME: tmp.path,
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_TOKEN: TOKEN,
    SPECPACT_TOKEN_STAFF: STAFF_TOKEN,
    ...extra,
  })
}

/** What `specpact publish` records (the release story publishes through the CLI). */
function publish(version: string, branch: string, pact: object = PACT): string {
  broker.store.version(CONSUMER, version, { branch })
  return broker.store.publish({
    consumer: CONSUMER,
    provider: PROVIDER,
    consumerVersion: version,
    content: pact as never,
    merge: false,
  }).sha
}

function verify(...more: string[]): string[] {
  return [
    'verify',
    '--broker',
    '--provider-base-url',
    provider.reference.url,
    '--state-change-url',
    provider.stateChangeUrl,
    ...more,
  ]
}

const routes = () => broker.requests.map((r) => r.route)

describe('pending and work-in-progress pacts', () => {
  it('a new expectation on a consumer branch fails as pending: reported, published as failed, exit 0', async () => {
    const verifiedSha = publish('c1', 'main')
    const first = await cli(
      verify('--provider-version', 'p1', '--provider-branch', 'main', '--publish'),
    )
    expect(first.code).toBe(0)

    const wipSha = publish('c2', 'feat/channel-stats', {
      ...PACT,
      interactions: [...PACT.interactions, NEW_EXPECTATION],
    })
    const r = await cli(
      verify(
        '--provider-version',
        'p2',
        '--provider-branch',
        'main',
        '--publish',
        '--include-wip-pacts-since',
        '2020-01-01',
      ),
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      `${CONSUMER}: ${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/${wipSha} [pending, work in progress]`,
    )
    expect(r.stdout).toMatch(/get_business_communication_channels_uid_stats +— +failed \(pending\)/)
    expect(r.stdout).toContain('! pending: get_business_communication_channels_uid_stats')
    expect(r.stdout).toContain(
      `2 pacts, ${2 * HTTP_COUNT + 1} interactions: ${2 * HTTP_COUNT} verified, 0 failed, 1 failed in pending pacts (not failing the build)`,
    )
    // The broker learns the truth either way: the pending pact's result is a failure.
    expect(
      broker.store.verifications
        .filter((v) => v.providerVersion === 'p2')
        .map((v) => [v.sha, v.success]),
    ).toEqual([
      [verifiedSha, true],
      [wipSha, false],
    ])
    expect(
      broker.requests.findLast((q) => q.route === 'POST /pacts/provider/:provider/for-verification')
        ?.body,
    ).toEqual(
      expect.objectContaining({ includePendingStatus: true, includeWipPactsSince: '2020-01-01' }),
    )
  })

  it('with --no-pending the same failure fails the run', async () => {
    publish('c2', 'feat/channel-stats', {
      ...PACT,
      interactions: [...PACT.interactions, NEW_EXPECTATION],
    })
    const r = await cli(
      verify(
        '--provider-version',
        'p3',
        '--provider-branch',
        'main',
        '--no-pending',
        '--consumer-version-selector',
        '{"branch": "feat/channel-stats"}',
      ),
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/get_business_communication_channels_uid_stats +— +FAILED/)
    expect(r.stdout).toContain('1 failed, 0 failed in pending pacts')
    expect(
      broker.requests.find((q) => q.route === 'POST /pacts/provider/:provider/for-verification')
        ?.body,
    ).toEqual({
      consumerVersionSelectors: [{ branch: 'feat/channel-stats' }],
      includePendingStatus: false,
      providerVersionBranch: 'main',
    })
  })
})

describe('publishing only when asked', () => {
  it('neither CI nor --publish: verified, nothing published', async () => {
    publish('c1', 'main')
    const r = await cli(verify('--provider-version', 'p1', '--provider-branch', 'main'))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Verification results were not published')
    expect(broker.store.verifications).toEqual([])
    expect(routes()).not.toContain(
      'POST /pacts/provider/:provider/consumer/:consumer/pact-version/:sha/verification-results',
    )
  })

  it('--no-publish wins over CI', async () => {
    publish('c1', 'main')
    const r = await cli(
      verify('--provider-version', 'p1', '--provider-branch', 'main', '--no-publish'),
      {
        CI: 'true',
      },
    )
    expect(r.code).toBe(0)
    expect(broker.store.verifications).toEqual([])
  })
})

it('basic auth (a self-hosted broker): the verifier fetches and publishes with it, the password never shows', async () => {
  const basic = await startBrokerFake({
    auth: { kind: 'basic', username: 'ci-bot', password: 'pw-SECRET-7782' },
  })
  try {
    basic.store.version(CONSUMER, 'c1', { branch: 'main' })
    basic.store.publish({
      consumer: CONSUMER,
      provider: PROVIDER,
      consumerVersion: 'c1',
      content: PACT as never,
      merge: false,
    })
    const r = await specpact(
      verify('--provider-version', 'p1', '--provider-branch', 'main', '--publish'),
      {
        HOME: tmp.path,
        PACT_BROKER_BASE_URL: basic.url,
        PACT_BROKER_USERNAME: 'ci-bot',
        PACT_BROKER_PASSWORD: 'pw-SECRET-7782',
        SPECPACT_TOKEN_STAFF: STAFF_TOKEN,
      },
    )
    expect(r.code).toBe(0)
    expect(basic.store.verifications).toMatchObject([{ providerVersion: 'p1', success: true }])
    expect(basic.requests.every((q) => q.auth === 'basic' && q.authorized)).toBe(true)
    const shown = `${r.stdout}\n${r.stderr}`
    expect(shown).not.toContain('pw-SECRET-7782')
    expect(shown).not.toContain(Buffer.from('ci-bot:pw-SECRET-7782').toString('base64'))
    expect(shown).not.toContain(STAFF_TOKEN)
  } finally {
    await basic.close()
  }
})

describe("a webhook's pact URL", () => {
  it('verifies just that pact, without asking for a selection, and publishes in CI', async () => {
    const sha = publish('c1', 'main')
    publish('c0', 'feat/other', { ...PACT, interactions: PACT.interactions.slice(1) })
    const before = broker.requests.length
    const metadata = Buffer.from('cvn=c1').toString('base64url')
    const pactUrl = `${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/${sha}/metadata/${metadata}`
    const r = await cli(
      verify('--pact-url', pactUrl, '--provider-version', 'p1', '--provider-branch', 'main'),
      { CI: 'true' },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`1 pact, ${HTTP_COUNT} interactions: ${HTTP_COUNT} verified`)
    expect(r.stdout).toContain('selected as the pact URL given')
    expect(routes().slice(before)).not.toContain('POST /pacts/provider/:provider/for-verification')
    expect(broker.store.verifications.map((v) => [v.sha, v.providerVersion, v.success])).toEqual([
      [sha, 'p1', true],
    ])
  })

  it('refuses a URL on another host without sending it anything', async () => {
    const other = await startBrokerFake()
    try {
      const r = await cli(
        verify('--pact-url', `${other.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/latest`),
      )
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('The pact URL is not on the configured Pact Broker')
      expect(other.requests).toEqual([])
      expect(broker.requests).toEqual([])
    } finally {
      await other.close()
    }
  })
})

it('a selection of nothing is a failure, not a pass', async () => {
  publish('c1', 'feat/only-here')
  const r = await cli(verify('--provider-branch', 'main'))
  expect(r.code).toBe(1)
  expect(r.stderr).toContain(
    `specpact: verification-failed: the broker selected no pacts for provider "${PROVIDER}" (selectors [{"mainBranch":true},{"deployedOrReleased":true},{"matchingBranch":true}]); verifying nothing is not a pass`,
  )
})
