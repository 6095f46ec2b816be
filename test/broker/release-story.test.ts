/**
 * The whole broker workflow as the pipelines of docs/ci run it: every step is the real
 * `specpact` command in a child process (the real `pact broker` CLI and pact-js verifier
 * underneath) against a real Pact Broker (basic auth, as a self-hosted broker has it), with the
 * reference communication-gw as the provider.
 * The steps run in order and build on each other, like the pipelines they stand for.
 */
import { readdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Overrides } from '../../src/reference/operation'
import { type ProviderUnderTest, type Run, specpact, startProvider } from './cli'
import { CONSUMER, isolateBrokerEnv, makeTempDir, PROVIDER } from './fixtures'
import { type RealBroker, realBroker } from './real'
import { branchesOf, currentlyDeployed, verificationsOf } from './real/queries'

// Every step is a child process running the real binaries: 1–4 s each when the machine is
// quiet, several times that on a loaded 2-core CI runner.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 })

/** Real provider tokens: the reference accepts only these, so a pass proves they were sent. */
const REAL_TOKENS = {
  SPECPACT_TOKEN_STAFF: 'staff-SECRET-41b7f3',
  SPECPACT_TOKEN_APP: 'app-SECRET-92c0aa',
  SPECPACT_TOKEN_DIRECTORY: 'dir-SECRET-5d18e6',
  SPECPACT_TOKEN_CLIENT: 'client-SECRET-03fe7b',
}
const CONSUMER_VERSION = 'c0ffee0000000000000000000000000000000001'
const PROVIDER_V1 = 'beef000000000000000000000000000000000001'
const PROVIDER_V2 = 'beef000000000000000000000000000000000002'

/**
 * The breaking change: created channels lose their `uid`, which the consumer extracts. Only
 * `post_business_communication_channels` calls this operation (states set up channels directly).
 */
const DROP_CHANNEL_UID: Overrides = {
  createChannel: (request, context, original) => {
    const reply = original(request, context)
    const data = reply.body.data as { channel: Record<string, never> }
    const { uid: _, ...channel } = data.channel
    return { ...reply, body: { ...reply.body, data: { channel } } }
  },
}

/** The HTTP specs of communication-gw (its message specs need a message provider). */
const HTTP_SPECS = readdirSync(join(__dirname, '..', '..', 'specs', 'communication-gw'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `specs/communication-gw/${f}`)

let restoreEnv: () => void
let tmp: ReturnType<typeof makeTempDir>
let broker: RealBroker
let provider: ProviderUnderTest
let pactDir: string
/** How many interactions the generated pact holds (step 1). */
let interactions = 0
const runs: Run[] = []

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: tmp.path,
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_USERNAME: broker.user.username,
    PACT_BROKER_PASSWORD: broker.user.password,
    ...REAL_TOKENS,
    ...extra,
  }
}

async function run(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  const result = await specpact(args, env(extra))
  runs.push(result)
  return result
}

function verifyArgs(p: ProviderUnderTest, ...more: string[]): string[] {
  return [
    'verify',
    '--broker',
    '--provider-base-url',
    p.reference.url,
    '--state-change-url',
    p.stateChangeUrl,
    ...more,
  ]
}

beforeAll(async () => {
  restoreEnv = isolateBrokerEnv()
  tmp = makeTempDir()
  pactDir = join(tmp.path, 'pacts')
  const [b, p] = await Promise.all([
    realBroker(),
    startProvider({ tokens: Object.values(REAL_TOKENS) }),
  ])
  broker = b
  provider = p
})

afterAll(async () => {
  await provider?.close()
  await broker?.close()
  tmp.remove()
  restoreEnv()
})

describe('the release story, step by step', () => {
  it('1. the consumer generates its pact from the specs', async () => {
    const r = await run(['generate', ...HTTP_SPECS, '--out', pactDir])
    expect(r.code).toBe(0)
    const pact = JSON.parse(readFileSync(join(pactDir, `${CONSUMER}-${PROVIDER}.json`), 'utf8'))
    // One interaction per spec, plus the prerequisite responses later steps rely on.
    const descriptions = (pact.interactions as { description: string }[]).map((i) => i.description)
    for (const spec of HTTP_SPECS) {
      expect(descriptions).toContain(spec.replace(/^.*\//, '').replace(/\.md$/, ''))
    }
    interactions = descriptions.length
    // The prerequisites' core-API lookups make a second pact, for core-api. The real broker's
    // can-i-deploy needs every provider of the consumer verified and deployed; this story
    // follows communication-gw alone, so the core API's pact is set aside before publishing.
    renameSync(
      join(pactDir, `${CONSUMER}-core-api.json`),
      join(tmp.path, `${CONSUMER}-core-api.json`),
    )
    expect(readdirSync(pactDir)).toEqual([`${CONSUMER}-${PROVIDER}.json`])
  })

  it('2. the release pipeline has a production environment', async () => {
    const r = await run(['create-environment', '--name', 'production', '--production'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Created production environment')
  })

  it('3. the consumer publishes the pact for its commit on main', async () => {
    const r = await run([
      'publish',
      pactDir,
      '--consumer-version',
      CONSUMER_VERSION,
      '--branch',
      'main',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      `Pact successfully published for ${CONSUMER} version ${CONSUMER_VERSION} and provider ${PROVIDER}`,
    )
  })

  it('4. can-i-deploy the consumer to production: no, nothing verified it', async () => {
    const r = await run(canIDeploy(CONSUMER, CONSUMER_VERSION))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Computer says no')
    expect(r.stdout).toContain(
      `There is no verified pact between version ${CONSUMER_VERSION} of ${CONSUMER} and a version of ${PROVIDER} currently in production`,
    )
  })

  it('5. the provider verifies from the broker in CI and publishes a success', async () => {
    // No --publish: CI=true, as GitHub Actions sets it, is what publishes (docs/ci).
    const r = await run(
      verifyArgs(provider, '--provider-version', PROVIDER_V1, '--provider-branch', 'main'),
      { CI: 'true' },
    )
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(
      `verifying 1 pact(s) from ${broker.url} as ${PROVIDER} ${PROVIDER_V1}`,
    )
    // The real broker's words; a pact no provider version has verified yet is pending.
    expect(r.stdout).toContain('selected as latest from branch main, latest from main branch')
    expect(r.stdout).toMatch(/communication-ui: http:\/\/127\.0\.0\.1:\d+\/pacts\/.* \[pending\]/)
    expect(r.stdout).toContain(
      `1 pact, ${interactions} interactions: ${interactions} verified, 0 failed`,
    )
    expect(r.stdout).toContain(
      `Verification results sent to the broker for provider version ${PROVIDER_V1} on branch main.`,
    )
    expect(await verificationsOf(broker, CONSUMER, CONSUMER_VERSION)).toEqual([
      {
        consumer: CONSUMER,
        consumerVersion: CONSUMER_VERSION,
        provider: PROVIDER,
        providerVersion: PROVIDER_V1,
        success: true,
      },
    ])
    expect(await branchesOf(broker, PROVIDER, PROVIDER_V1)).toEqual(['main'])
  })

  it('6. the provider is deployed to production', async () => {
    const r = await run(recordDeployment(PROVIDER, PROVIDER_V1))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Recorded deployment')
  })

  it('7. can-i-deploy the consumer to production: yes now', async () => {
    const r = await run(canIDeploy(CONSUMER, CONSUMER_VERSION))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Computer says yes')
  })

  it('8. the consumer is deployed to production', async () => {
    const r = await run(recordDeployment(CONSUMER, CONSUMER_VERSION))
    expect(r.code).toBe(0)
    expect((await currentlyDeployed(broker, 'production')).sort()).toEqual(
      [`${CONSUMER} ${CONSUMER_VERSION}`, `${PROVIDER} ${PROVIDER_V1}`].sort(),
    )
  })

  it('9. a breaking provider change fails verification, named by spec, and publishes the failure', async () => {
    const broken = await startProvider({
      tokens: Object.values(REAL_TOKENS),
      overrides: DROP_CHANNEL_UID,
    })
    let r: Run
    try {
      r = await run(
        verifyArgs(
          broken,
          '--provider-version',
          PROVIDER_V2,
          '--provider-branch',
          'main',
          '--publish',
        ),
      )
    } finally {
      await broken.close()
    }
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/post_business_communication_channels +— +FAILED/)
    expect(r.stdout).toContain(
      '✗ post_business_communication_channels (specs/communication-gw/post_business_communication_channels.md',
    )
    expect(r.stdout).toMatch(/^ {2}- .*Actual map is missing the following keys: uid$/m)
    expect(r.stdout).toContain(
      `${interactions} interactions: ${interactions - 1} verified, 1 failed, 0 failed in pending pacts`,
    )
    const results = await verificationsOf(broker, CONSUMER, CONSUMER_VERSION)
    expect(results.map((v) => [v.providerVersion, v.success])).toEqual([
      [PROVIDER_V1, true],
      [PROVIDER_V2, false],
    ])
  })

  it('10. can-i-deploy the new provider version to production: no', async () => {
    const r = await run(canIDeploy(PROVIDER, PROVIDER_V2))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Computer says no')
    expect(r.stdout).toContain(
      `The verification for the pact between the version of ${CONSUMER} currently in production (${CONSUMER_VERSION}) and version ${PROVIDER_V2} of ${PROVIDER} failed`,
    )
  })

  it('no broker password and no real provider token in any output, pact, result or broker log', async () => {
    expect(runs).toHaveLength(10)
    const seen = runs.map((r) => `${r.args.join(' ')}\n${r.stdout}\n${r.stderr}`).join('\n')
    const pact = await broker.get(
      `/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/version/${CONSUMER_VERSION}`,
    )
    const results = await broker.get(
      `/verification-results/consumer/${CONSUMER}/version/${CONSUMER_VERSION}/latest`,
    )
    const stored = JSON.stringify({ pact, results })
    // The searches would find them: the broker holds the pact and the failed result.
    expect(stored).toContain('post_business_communication_channels')
    expect(stored).toContain('Bearer example-staff-token')
    expect(stored).toContain('"success":false')
    const log = ['broker.log', 'pact_broker.log']
      .map((f) => readFileSync(join(broker.dataDir, f), 'utf8'))
      .join('\n')
    expect(log).toContain('Configuring basic auth')
    for (const secret of [broker.user.password, ...Object.values(REAL_TOKENS)]) {
      expect(seen).not.toContain(secret)
      expect(stored).not.toContain(secret)
      expect(log).not.toContain(secret)
    }
  })
})

function canIDeploy(pacticipant: string, version: string): string[] {
  return [
    'can-i-deploy',
    '--pacticipant',
    pacticipant,
    '--version',
    version,
    '--to-environment',
    'production',
  ]
}

function recordDeployment(pacticipant: string, version: string): string[] {
  return [
    'record-deployment',
    '--pacticipant',
    pacticipant,
    '--version',
    version,
    '--environment',
    'production',
  ]
}
