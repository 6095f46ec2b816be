/**
 * `specpact verify --broker` beyond the release story: pending and work-in-progress pacts, a
 * webhook's pact URL, publishing only when asked, and a selection of nothing. The real CLI in
 * a child process, a real Pact Broker (emptied between tests), the reference communication-gw
 * as the provider.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startBrokerFake } from '../broker-fake'
import { type ProviderUnderTest, ROOT, type Run, specpact, startProvider } from './cli'
import { CONSUMER, isolateBrokerEnv, makeTempDir, PROVIDER } from './fixtures'
import { type RealBroker, realBroker } from './real'
import { pactVersionUrl, publishPact, resetBroker, verificationsOf } from './real/queries'

// Every step is a child process running the real binaries: 1–4 s each when the machine is
// quiet, several times that on a loaded 2-core CI runner.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 })

const STAFF_TOKEN = 'staff-SECRET-e81f44'

/** The generated pact's HTTP interactions (its message interactions need a message provider). */
const PACT = (() => {
  const pact = JSON.parse(
    readFileSync(join(ROOT, 'pacts', `${CONSUMER}-${PROVIDER}.json`), 'utf8'),
  ) as {
    consumer: { name: string }
    provider: { name: string }
    interactions: { type?: string; description: string }[]
  }
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
let broker: RealBroker
let tmp: ReturnType<typeof makeTempDir>

beforeAll(async () => {
  restoreEnv = isolateBrokerEnv()
  const [p, b] = await Promise.all([startProvider({ tokens: [STAFF_TOKEN] }), realBroker()])
  provider = p
  broker = b
})
afterAll(async () => {
  await provider?.close()
  await broker?.close()
  restoreEnv()
})
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(async () => {
  await resetBroker(broker)
  tmp.remove()
})

function cli(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return specpact(args, {
    HOME: tmp.path,
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_USERNAME: broker.user.username,
    PACT_BROKER_PASSWORD: broker.user.password,
    SPECPACT_TOKEN_STAFF: STAFF_TOKEN,
    ...extra,
  })
}

/** What `specpact publish` sends (the release story publishes through the CLI). */
function publish(version: string, branch: string, pact: typeof PACT = PACT): Promise<void> {
  return publishPact(broker, { consumerVersion: version, branch, pact })
}

const PACT_URL = String.raw`http://127\.0\.0\.1:\d+/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/[0-9a-f]{40}/metadata/\S+`

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

describe('pending and work-in-progress pacts', () => {
  it('a new expectation on a consumer branch fails as pending: reported, published as failed, exit 0', async () => {
    await publish('c1', 'main')
    const first = await cli(
      verify('--provider-version', 'p1', '--provider-branch', 'main', '--publish'),
    )
    expect(first.code).toBe(0)

    await publish('c2', 'feat/channel-stats', {
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
    // Work in progress only because specpact asked for it (includeWipPactsSince).
    expect(r.stdout).toMatch(new RegExp(`${CONSUMER}: ${PACT_URL} \\[pending, work in progress\\]`))
    expect(r.stdout).toMatch(/get_business_communication_channels_uid_stats +— +failed \(pending\)/)
    expect(r.stdout).toContain('! pending: get_business_communication_channels_uid_stats')
    expect(r.stdout).toContain(
      `2 pacts, ${2 * HTTP_COUNT + 1} interactions: ${2 * HTTP_COUNT} verified, 0 failed, 1 failed in pending pacts (not failing the build)`,
    )
    // The broker learns the truth either way: the pending pact's result is a failure.
    const p2 = async (version: string) =>
      (await verificationsOf(broker, CONSUMER, version))
        .filter((v) => v.providerVersion === 'p2')
        .map((v) => v.success)
    expect(await p2('c1')).toEqual([true])
    expect(await p2('c2')).toEqual([false])
  })

  it('with --no-pending the same failure fails the run', async () => {
    await publish('c2', 'feat/channel-stats', {
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
    // The selector reached the broker: it chose the branch's pact, and called it so.
    expect(r.stdout).toContain('selected as latest from branch feat/channel-stats')
    expect(r.stdout).not.toContain('[pending')
  })
})

describe('publishing only when asked', () => {
  it('neither CI nor --publish: verified, nothing published', async () => {
    await publish('c1', 'main')
    const r = await cli(verify('--provider-version', 'p1', '--provider-branch', 'main'))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Verification results were not published')
    expect(await verificationsOf(broker, CONSUMER, 'c1')).toEqual([])
  })

  it('--no-publish wins over CI', async () => {
    await publish('c1', 'main')
    const r = await cli(
      verify('--provider-version', 'p1', '--provider-branch', 'main', '--no-publish'),
      {
        CI: 'true',
      },
    )
    expect(r.code).toBe(0)
    expect(await verificationsOf(broker, CONSUMER, 'c1')).toEqual([])
  })
})

it('basic auth: the read-only user cannot publish results, the read/write user can; no password shows', {
  timeout: 300_000,
}, async () => {
  await publish('c1', 'main')
  const as = (user: { username: string; password: string }) =>
    specpact(verify('--provider-version', 'p1', '--provider-branch', 'main', '--publish'), {
      HOME: tmp.path,
      PACT_BROKER_BASE_URL: broker.url,
      PACT_BROKER_USERNAME: user.username,
      PACT_BROKER_PASSWORD: user.password,
      SPECPACT_TOKEN_STAFF: STAFF_TOKEN,
    })
  const readOnly = await as(broker.readOnly)
  // The verifier only logs the broker's 401; specpact reads the result back and fails.
  expect(readOnly.code).toBe(1)
  expect(readOnly.stderr).toMatch(
    new RegExp(
      `specpact: publishing failed: the broker holds no result from ${PROVIDER} p1 for 1 of 1 pact\\(s\\)[^\\n]*\\n  ${PACT_URL}: the broker has no verification result for it\\n`,
    ),
  )
  // The summary says so too, instead of claiming the results were sent.
  expect(readOnly.stdout).not.toContain('Verification results sent')
  expect(readOnly.stdout).toContain(
    `Verification results were not all published: the broker holds no result for provider version p1 on branch main for 1 of 1 pact(s) (named below).`,
  )
  expect(await verificationsOf(broker, CONSUMER, 'c1')).toEqual([])
  const readWrite = await as(broker.user)
  expect(readWrite.code).toBe(0)
  expect(await verificationsOf(broker, CONSUMER, 'c1')).toMatchObject([
    { providerVersion: 'p1', success: true },
  ])
  for (const run of [readOnly, readWrite]) {
    const shown = `${run.stdout}\n${run.stderr}`
    for (const user of [broker.readOnly, broker.user]) {
      expect(shown).not.toContain(user.password)
      expect(shown).not.toContain(
        Buffer.from(`${user.username}:${user.password}`).toString('base64'),
      )
    }
    expect(shown).not.toContain(STAFF_TOKEN)
  }
})

describe("a webhook's pact URL", () => {
  it('verifies just that pact, without asking for a selection, and publishes in CI', async () => {
    await publish('c1', 'main')
    await publish('c0', 'feat/other', { ...PACT, interactions: PACT.interactions.slice(1) })
    // As the broker's webhook sends it: the content's URL plus the consumer version, encoded.
    const metadata = Buffer.from('cvn=c1').toString('base64url')
    const pactUrl = `${await pactVersionUrl(broker, PACT, 'c1')}/metadata/${metadata}`
    const r = await cli(
      verify('--pact-url', pactUrl, '--provider-version', 'p1', '--provider-branch', 'main'),
      { CI: 'true' },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`1 pact, ${HTTP_COUNT} interactions: ${HTTP_COUNT} verified`)
    expect(r.stdout).toContain('selected as the pact URL given')
    // Only that pact: the other branch's pact, which a selection would include, got nothing.
    expect(await verificationsOf(broker, CONSUMER, 'c1')).toMatchObject([
      { providerVersion: 'p1', success: true },
    ])
    expect(await verificationsOf(broker, CONSUMER, 'c0')).toEqual([])
  })

  it('refuses a URL on another host without sending it anything', async () => {
    // Another host (a port of its own) in front of the same broker, recording what reaches it.
    const other = await startBrokerFake({ upstream: { url: broker.url, ...broker.user } })
    try {
      const r = await cli(
        verify('--pact-url', `${other.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/latest`),
      )
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('The pact URL is not on the configured Pact Broker')
      // The fake stands for a foreign host here: it records that nothing reached it.
      expect(other.requests).toEqual([])
    } finally {
      await other.close()
    }
  })
})

it('a selection of nothing is a failure, not a pass', async () => {
  await publish('c1', 'feat/only-here')
  const r = await cli(verify('--provider-branch', 'main'))
  expect(r.code).toBe(1)
  expect(r.stderr).toContain(
    `specpact: verification-failed: the broker selected no pacts for provider "${PROVIDER}" (selectors [{"mainBranch":true},{"deployedOrReleased":true},{"matchingBranch":true}]); verifying nothing is not a pass`,
  )
})
