/**
 * The broker workflow end to end: src/broker drives the REAL `pact broker` CLI (and the real
 * pact-js verifier) against the in-memory broker fake.
 */
import { Verifier } from '@pact-foundation/pact'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type BrokerCommandResult,
  BrokerError,
  type BrokerRuntime,
  brokerVerificationOptions,
  canIDeploy,
  createEnvironment,
  type Env,
  type GitRunner,
  publish,
  recordDeployment,
} from '../../src/broker'
import { type BrokerFake, startBrokerFake } from '../broker-fake'
import {
  CONSUMER,
  isolateBrokerEnv,
  makeTempDir,
  PROVIDER,
  startProvider,
  writePact,
} from './fixtures'

const TOKEN = 'tok-SECRET-1234567890'
const CONSUMER_SHA = 'c0ffee0000000000000000000000000000000001'
const PROVIDER_SHA = 'beef000000000000000000000000000000000002'

/** The consumer's repository: HEAD and branch as git would report them. */
const consumerGit: GitRunner = (args) =>
  ({ 'rev-parse HEAD': CONSUMER_SHA, 'rev-parse --abbrev-ref HEAD': 'main' })[args.join(' ')]

let restoreEnv: () => void
let broker: BrokerFake
let tmp: ReturnType<typeof makeTempDir>

beforeAll(() => {
  restoreEnv = isolateBrokerEnv()
})
afterAll(() => restoreEnv())

beforeEach(async () => {
  tmp = makeTempDir()
  broker = await startBrokerFake({ auth: { kind: 'token', token: TOKEN } })
})
afterEach(async () => {
  await broker.close()
  tmp.remove()
})

/** An explicit environment: nothing ambient (CI variables, PACT_BROKER_*) reaches the CLI. */
function brokerEnv(extra: Record<string, string> = {}): Env {
  return {
    PATH: process.env.PATH ?? '',
    HOME: tmp.path,
    PACT_DO_NOT_TRACK: 'true',
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_TOKEN: TOKEN,
    ...extra,
  }
}

/** Everything a user could see of a command. */
function visible(result: BrokerCommandResult): string {
  return `${result.stdout}\n${result.stderr}`
}

describe('release workflow through the real pact CLI', () => {
  it('publish → can-i-deploy no → verify → deploy provider → can-i-deploy yes → record deployment', async () => {
    // Debug logging makes the CLI print its arguments, token included: redaction must hold.
    const runtime: BrokerRuntime = { env: brokerEnv(), git: consumerGit, logLevel: 'debug' }
    const results: BrokerCommandResult[] = []
    const run = async <T extends BrokerCommandResult>(p: Promise<T>): Promise<T> => {
      const r = await p
      results.push(r)
      return r
    }

    const env = await run(createEnvironment({ name: 'production', production: true }, runtime))
    expect(env).toMatchObject({ ok: true, exitCode: 0 })
    expect(env.stdout).toContain('Created production environment')
    expect(broker.store.environments).toMatchObject([{ name: 'production', production: true }])

    const published = await run(publish({ pactDir: writePact(tmp.path) }, runtime))
    expect(published).toMatchObject({ ok: true, consumerVersion: CONSUMER_SHA, branch: 'main' })
    expect(published.stdout).toContain(`Pact successfully published for ${CONSUMER}`)
    expect(broker.store.findVersion(CONSUMER, CONSUMER_SHA)?.branches).toEqual(['main'])
    expect(broker.store.publicationsFor(PROVIDER, CONSUMER)).toHaveLength(1)

    const unverified = await run(
      canIDeploy({ pacticipant: CONSUMER, toEnvironment: 'production' }, runtime),
    )
    expect(unverified).toMatchObject({ exitCode: 1, ok: false, decision: 'not-deployable' })
    expect(unverified.stdout).toContain('Computer says no')

    // The provider's verification job: the real pact-js verifier, pacts from the broker.
    const provider = await startProvider()
    try {
      const options = brokerVerificationOptions(
        {
          provider: PROVIDER,
          providerVersion: PROVIDER_SHA,
          providerBranch: 'main',
          publish: true,
        },
        runtime.env,
      )
      await new Verifier({
        ...options,
        providerBaseUrl: provider.url,
        stateHandlers: { 'channel is active': async () => ({ channel_uid: 'ch-1' }) },
        logLevel: 'error',
      }).verifyProvider()
    } finally {
      await provider.close()
    }
    expect(broker.store.verifications).toMatchObject([
      { consumer: CONSUMER, provider: PROVIDER, providerVersion: PROVIDER_SHA, success: true },
    ])
    expect(broker.store.findVersion(PROVIDER, PROVIDER_SHA)?.branches).toEqual(['main'])

    // Verified, but the verified provider version is not in production yet: still no.
    const providerNotDeployed = await run(
      canIDeploy({ pacticipant: CONSUMER, toEnvironment: 'production' }, runtime),
    )
    expect(providerNotDeployed).toMatchObject({ exitCode: 1, decision: 'not-deployable' })

    const providerDeployed = await run(
      recordDeployment(
        { pacticipant: PROVIDER, version: PROVIDER_SHA, environment: 'production' },
        runtime,
      ),
    )
    expect(providerDeployed).toMatchObject({ ok: true, exitCode: 0 })

    const verified = await run(
      canIDeploy({ pacticipant: CONSUMER, toEnvironment: 'production' }, runtime),
    )
    expect(verified).toMatchObject({ exitCode: 0, ok: true, decision: 'deployable' })
    expect(verified.stdout).toContain('Computer says yes')

    const consumerDeployed = await run(
      recordDeployment({ pacticipant: CONSUMER, environment: 'production' }, runtime),
    )
    expect(consumerDeployed).toMatchObject({ ok: true, version: CONSUMER_SHA })
    expect(consumerDeployed.stdout).toContain('Recorded deployment')
    expect(
      broker.store.deployments.filter((d) => d.currentlyDeployed).map((d) => d.pacticipant),
    ).toEqual([PROVIDER, CONSUMER])

    // The token was in the raw output (debug logging prints it) and is nowhere in ours.
    const everything = results.map(visible).join('\n')
    expect(everything).toContain('***')
    expect(everything).not.toContain(TOKEN)
    for (const r of results) expect(r.args.join(' ')).not.toContain(TOKEN)

    // Every request carried the bearer token; the routes are the HAL relations followed.
    expect(broker.requests.every((r) => r.auth === 'bearer' && r.authorized)).toBe(true)
    expect(JSON.stringify(broker.requests)).not.toContain(TOKEN)
    expect(broker.requests.map((r) => r.route)).toEqual([
      'GET /',
      'POST /environments',
      'GET /',
      'POST /contracts/publish',
      'GET /matrix',
      'GET /',
      'GET /pacts/provider/:provider/for-verification',
      'POST /pacts/provider/:provider/for-verification',
      'GET /pacts/provider/:provider/consumer/:consumer/pact-version/:sha',
      'GET /pacticipants/:pacticipant',
      'PUT /pacticipants/:pacticipant/branches/:branch/versions/:version',
      'POST /pacts/provider/:provider/consumer/:consumer/pact-version/:sha/verification-results',
      'GET /matrix',
      'GET /pacticipants/:pacticipant/versions/:version',
      'POST /pacticipants/:pacticipant/versions/:version/deployed-versions/environment/:uuid',
      'GET /matrix',
      'GET /pacticipants/:pacticipant/versions/:version',
      'POST /pacticipants/:pacticipant/versions/:version/deployed-versions/environment/:uuid',
    ])
  })

  it('the CLI sends what the broker needs: publish payload, matrix query, verifier selection', async () => {
    const runtime: BrokerRuntime = {
      env: brokerEnv({
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'vcita/communication-ui',
        GITHUB_RUN_ID: '77',
      }),
      git: consumerGit,
    }
    await createEnvironment({ name: 'production' }, runtime)
    await publish(
      { files: [`${writePact(tmp.path)}/${CONSUMER}-${PROVIDER}.json`], tags: ['rc'] },
      runtime,
    )
    await canIDeploy({ pacticipant: CONSUMER, toEnvironment: 'production' }, runtime)

    const publishBody = broker.requests.find((r) => r.route === 'POST /contracts/publish')?.body
    expect(publishBody).toMatchObject({
      pacticipantName: CONSUMER,
      pacticipantVersionNumber: CONSUMER_SHA,
      branch: 'main',
      tags: ['rc'],
      buildUrl: 'https://github.com/vcita/communication-ui/actions/runs/77',
      contracts: [{ consumerName: CONSUMER, providerName: PROVIDER, specification: 'pact' }],
    })
    const matrix = broker.requests.find((r) => r.route === 'GET /matrix')
    expect(new URLSearchParams(matrix?.query)).toEqual(
      new URLSearchParams([
        ['q[][pacticipant]', CONSUMER],
        ['q[][version]', CONSUMER_SHA],
        ['latestby', 'cvpv'],
        ['environment', 'production'],
      ]),
    )

    const provider = await startProvider({ broken: true })
    try {
      const options = brokerVerificationOptions(
        {
          provider: PROVIDER,
          providerVersion: PROVIDER_SHA,
          providerBranch: 'feat/x',
          includeWipPactsSince: '2020-01-01',
          publish: true,
        },
        runtime.env,
      )
      // The pact is pending (never verified): its failure is reported but does not fail the build.
      await new Verifier({
        ...options,
        providerBaseUrl: provider.url,
        stateHandlers: { 'channel is active': async () => ({}) },
        logLevel: 'error',
      }).verifyProvider()
    } finally {
      await provider.close()
    }
    const selection = broker.requests.find(
      (r) => r.route === 'POST /pacts/provider/:provider/for-verification',
    )?.body
    expect(selection).toEqual({
      consumerVersionSelectors: [
        { mainBranch: true },
        { deployedOrReleased: true },
        { matchingBranch: true },
      ],
      includePendingStatus: true,
      includeWipPactsSince: '2020-01-01',
      providerVersionBranch: 'feat/x',
    })
    expect(broker.store.verifications).toMatchObject([
      { success: false, providerVersion: PROVIDER_SHA },
    ])
  })
})

describe('failures are data with reliable exit codes, and never show the token', () => {
  it('a wrong token: 401 from the broker, exit code 1 from every command', async () => {
    const other = await startBrokerFake({ auth: { kind: 'token', token: 'the-right-token' } })
    try {
      const runtime: BrokerRuntime = {
        env: brokerEnv({ PACT_BROKER_BASE_URL: other.url }),
        git: consumerGit,
        logLevel: 'debug',
      }
      const results = [
        await createEnvironment({ name: 'production' }, runtime),
        await publish({ pactDir: writePact(tmp.path) }, runtime),
        await canIDeploy({ pacticipant: CONSUMER, toEnvironment: 'production' }, runtime),
        await recordDeployment({ pacticipant: CONSUMER, environment: 'production' }, runtime),
      ]
      for (const r of results) {
        expect(r).toMatchObject({ ok: false, exitCode: 1 })
        expect(visible(r)).toContain('401')
        expect(visible(r)).not.toContain(TOKEN)
      }
      expect(results.map(visible).join('\n')).toContain('***')
      expect(other.requests.map((r) => [r.status, r.authorized])).toEqual(
        other.requests.map(() => [401, false]),
      )
    } finally {
      await other.close()
    }
  })

  it('PACT_BROKER_CAN_I_DEPLOY_DRY_RUN in the environment cannot turn a "no" into exit code 0', async () => {
    const runtime: BrokerRuntime = {
      env: brokerEnv({ PACT_BROKER_CAN_I_DEPLOY_DRY_RUN: 'true' }),
      git: consumerGit,
    }
    await createEnvironment({ name: 'production' }, runtime)
    await publish({ pactDir: writePact(tmp.path) }, runtime)
    const result = await canIDeploy({ pacticipant: CONSUMER, toEnvironment: 'production' }, runtime)
    expect(result).toMatchObject({ exitCode: 1, decision: 'not-deployable' })
  })

  it('an unknown version or environment: exit code 1', async () => {
    const runtime: BrokerRuntime = { env: brokerEnv(), git: consumerGit }
    await createEnvironment({ name: 'production' }, runtime)
    const unknownVersion = await canIDeploy(
      { pacticipant: CONSUMER, version: 'no-such-version', toEnvironment: 'production' },
      runtime,
    )
    expect(unknownVersion).toMatchObject({ exitCode: 1, decision: 'not-deployable' })
    await publish({ pactDir: writePact(tmp.path) }, runtime)
    const unknownEnvironment = await recordDeployment(
      { pacticipant: CONSUMER, environment: 'staging' },
      runtime,
    )
    expect(unknownEnvironment).toMatchObject({ ok: false, exitCode: 1 })
    expect(unknownEnvironment.stdout).toContain('Environment staging does not exist')
    const duplicate = await createEnvironment({ name: 'production' }, runtime)
    expect(duplicate).toMatchObject({ ok: false, exitCode: 1 })
    expect(duplicate.stdout).toContain('already exists')
  })

  it('basic auth: user and password reach the broker, the password never shows', async () => {
    const basic = await startBrokerFake({
      auth: { kind: 'basic', username: 'ci-bot', password: 'pw-SECRET-5555' },
    })
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        PACT_BROKER_BASE_URL: basic.url,
        PACT_BROKER_USERNAME: 'ci-bot',
        PACT_BROKER_PASSWORD: 'pw-SECRET-5555',
      }
      const runtime: BrokerRuntime = { env, git: consumerGit, logLevel: 'debug' }
      const created = await createEnvironment({ name: 'test' }, runtime)
      const published = await publish({ pactDir: writePact(tmp.path) }, runtime)
      expect([created.exitCode, published.exitCode]).toEqual([0, 0])
      expect(basic.requests.every((r) => r.auth === 'basic' && r.authorized)).toBe(true)
      const shown = [created, published].map(visible).join('\n')
      expect(shown).not.toContain('pw-SECRET-5555')
      expect(shown).not.toContain(Buffer.from('ci-bot:pw-SECRET-5555').toString('base64'))
    } finally {
      await basic.close()
    }
  })

  it('misconfiguration throws a typed error before anything runs, without the token', async () => {
    const noUrl = { PATH: process.env.PATH ?? '', PACT_BROKER_TOKEN: TOKEN }
    const attempts = [
      publish({ pactDir: tmp.path }, { env: noUrl, git: consumerGit }),
      canIDeploy(
        { pacticipant: CONSUMER, toEnvironment: 'production' },
        { env: noUrl, git: consumerGit },
      ),
      recordDeployment(
        { pacticipant: CONSUMER, environment: 'production' },
        { env: noUrl, git: consumerGit },
      ),
      createEnvironment({ name: 'production' }, { env: noUrl }),
    ]
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(BrokerError)
      expect(error).toMatchObject({ code: 'BROKER_URL_MISSING' })
      expect(String((error as BrokerError).message)).not.toContain(TOKEN)
    }
    expect(broker.requests).toEqual([])
  })
})
