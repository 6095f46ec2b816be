/**
 * The broker workflow end to end: src/broker drives the REAL `pact broker` CLI (and the real
 * pact-js verifier) against a real Pact Broker (basic auth; emptied between tests). The broker
 * fake, a proxy in front of it, adds only what the open-source broker lacks: PactFlow's bearer
 * token.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
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
import { startBrokerFake } from '../broker-fake'
// pact-js's verifier runs in a child: in this process the Pact core would print its report.
import { verifyWithPactJs } from '../support/pact-js-verifier'
import {
  CONSUMER,
  isolateBrokerEnv,
  makeTempDir,
  PROVIDER,
  startProvider,
  writePact,
} from './fixtures'
import { type RealBroker, realBroker } from './real'
import {
  currentlyDeployed,
  environments,
  resetBroker,
  verificationsOf,
  versionOf,
} from './real/queries'

const TOKEN = 'tok-SECRET-1234567890'
// Each test is several child processes of the real binaries; a loaded 2-core runner is slow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 })
const CONSUMER_SHA = 'c0ffee0000000000000000000000000000000001'
const PROVIDER_SHA = 'beef000000000000000000000000000000000002'

/** The consumer's repository: HEAD and branch as git would report them. */
const consumerGit: GitRunner = (args) =>
  ({ 'rev-parse HEAD': CONSUMER_SHA, 'rev-parse --abbrev-ref HEAD': 'main' })[args.join(' ')]

let restoreEnv: () => void
let broker: RealBroker
let tmp: ReturnType<typeof makeTempDir>

beforeAll(async () => {
  restoreEnv = isolateBrokerEnv()
  broker = await realBroker()
})
afterAll(async () => {
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

/** An explicit environment: nothing ambient (CI variables, PACT_BROKER_*) reaches the CLI. */
function brokerEnv(extra: Record<string, string> = {}): Env {
  return {
    PATH: process.env.PATH ?? '',
    HOME: tmp.path,
    PACT_DO_NOT_TRACK: 'true',
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_USERNAME: broker.user.username,
    PACT_BROKER_PASSWORD: broker.user.password,
    ...extra,
  }
}

/** Everything a user could see of a command. */
function visible(result: BrokerCommandResult): string {
  return `${result.stdout}\n${result.stderr}`
}

describe('release workflow through the real pact CLI', () => {
  it('publish → can-i-deploy no → verify → deploy provider → can-i-deploy yes → record deployment', async () => {
    // Debug logging makes the CLI print its arguments, password included: redaction must hold.
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
    expect(await environments(broker)).toMatchObject([{ name: 'production', production: true }])

    const published = await run(publish({ pactDir: writePact(tmp.path) }, runtime))
    expect(published).toMatchObject({ ok: true, consumerVersion: CONSUMER_SHA, branch: 'main' })
    expect(published.stdout).toContain(`Pact successfully published for ${CONSUMER}`)
    expect((await versionOf(broker, CONSUMER, CONSUMER_SHA))?.branches).toEqual(['main'])

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
      const verified = await verifyWithPactJs({
        ...options,
        providerBaseUrl: provider.url,
        states: { 'channel is active': { channel_uid: 'ch-1' } },
        logLevel: 'error',
      })
      expect(verified.code, verified.output).toBe(0)
      expect(verified.stdout, verified.output).toContain('has a matching body (OK)')
    } finally {
      await provider.close()
    }
    expect(await verificationsOf(broker, CONSUMER, CONSUMER_SHA)).toMatchObject([
      { provider: PROVIDER, providerVersion: PROVIDER_SHA, success: true },
    ])
    expect((await versionOf(broker, PROVIDER, PROVIDER_SHA))?.branches).toEqual(['main'])

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
    expect((await currentlyDeployed(broker, 'production')).sort()).toEqual(
      [`${CONSUMER} ${CONSUMER_SHA}`, `${PROVIDER} ${PROVIDER_SHA}`].sort(),
    )

    // The password was in the raw output (debug logging prints it) and is nowhere in ours.
    const everything = results.map(visible).join('\n')
    expect(everything).toContain('***')
    expect(everything).not.toContain(broker.user.password)
    for (const r of results) expect(r.args.join(' ')).not.toContain(broker.user.password)
  })

  it('the broker gets what the CLI and the verifier send: branch, tag and build URL; the selection and pending status', async () => {
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

    expect(await versionOf(broker, CONSUMER, CONSUMER_SHA)).toEqual({
      branches: ['main'],
      tags: ['rc'],
      buildUrl: 'https://github.com/vcita/communication-ui/actions/runs/77',
    })

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
      const pending = await verifyWithPactJs({
        ...options,
        providerBaseUrl: provider.url,
        states: { 'channel is active': {} },
        logLevel: 'error',
      })
      expect(pending.code, pending.output).toBe(0)
      expect(pending.stdout, pending.output).toContain('Pending Failures:')
      expect(pending.stdout, pending.output).toContain('expected 200 but was 404')
    } finally {
      await provider.close()
    }
    // Selected by the default selectors (main branch), pending (never verified), WIP asked
    // for: the failure was reported and published, and it did not fail the run.
    expect(await verificationsOf(broker, CONSUMER, CONSUMER_SHA)).toMatchObject([
      { success: false, providerVersion: PROVIDER_SHA },
    ])
    expect((await versionOf(broker, PROVIDER, PROVIDER_SHA))?.branches).toEqual(['feat/x'])
  })
})

describe('failures are data with reliable exit codes, and never show a credential', () => {
  it('a wrong password: 401 from the broker, exit code 1 from every command', async () => {
    const wrong = 'pw-SECRET-not-the-one'
    {
      const runtime: BrokerRuntime = {
        env: brokerEnv({ PACT_BROKER_PASSWORD: wrong }),
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
        expect(visible(r)).not.toContain(wrong)
        expect(visible(r)).not.toContain(broker.user.password)
      }
      expect(results.map(visible).join('\n')).toContain('***')
      expect(await environments(broker)).toEqual([])
    }
  })

  it('a bearer token (PactFlow; the open-source broker has none): sent, never shown', async () => {
    // The fake checks the token and passes the request on to the real broker.
    const pactflow = await startBrokerFake({
      upstream: { url: broker.url, ...broker.user },
      auth: { token: TOKEN },
    })
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: tmp.path,
        PACT_BROKER_BASE_URL: pactflow.url,
        PACT_BROKER_TOKEN: TOKEN,
      }
      const runtime: BrokerRuntime = { env, git: consumerGit, logLevel: 'debug' }
      const created = await createEnvironment({ name: 'production' }, runtime)
      expect(created.exitCode).toBe(0)
      expect(pactflow.requests.length).toBeGreaterThan(0)
      expect(pactflow.requests.map((r) => [r.auth, r.status < 400])).toEqual(
        pactflow.requests.map(() => ['bearer', true]),
      )
      expect((await environments(broker)).map((e) => e.name)).toEqual(['production'])
      expect(visible(created)).not.toContain(TOKEN)
    } finally {
      await pactflow.close()
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
    // The real broker refuses to answer for a pacticipant it does not know (the fake said no).
    const unknownPacticipant = await canIDeploy(
      { pacticipant: CONSUMER, version: 'no-such-version', toEnvironment: 'production' },
      runtime,
    )
    expect(unknownPacticipant).toMatchObject({ exitCode: 1, decision: 'error' })
    expect(unknownPacticipant.stdout).toContain(`Pacticipant ${CONSUMER} not found`)
    await publish({ pactDir: writePact(tmp.path) }, runtime)
    const unknownVersion = await canIDeploy(
      { pacticipant: CONSUMER, version: 'no-such-version', toEnvironment: 'production' },
      runtime,
    )
    expect(unknownVersion).toMatchObject({ exitCode: 1, decision: 'not-deployable' })
    expect(unknownVersion.stdout).toContain(
      `No pacts or verifications have been published for version no-such-version of ${CONSUMER}`,
    )
    const unknownEnvironment = await recordDeployment(
      { pacticipant: CONSUMER, environment: 'staging' },
      runtime,
    )
    expect(unknownEnvironment).toMatchObject({ ok: false, exitCode: 1 })
    expect(unknownEnvironment.stdout).toContain('Environment staging does not exist')
    const duplicate = await createEnvironment({ name: 'production' }, runtime)
    expect(duplicate).toMatchObject({ ok: false, exitCode: 1 })
    expect(duplicate.stdout).toContain(
      "name 'production' is already used by an existing environment",
    )
  })

  it('the read-only user: can-i-deploy answers, publishing and environments are refused', async () => {
    await createEnvironment({ name: 'production' }, { env: brokerEnv(), git: consumerGit })
    const env = brokerEnv({
      PACT_BROKER_USERNAME: broker.readOnly.username,
      PACT_BROKER_PASSWORD: broker.readOnly.password,
    })
    const runtime: BrokerRuntime = { env, git: consumerGit, logLevel: 'debug' }
    const created = await createEnvironment({ name: 'test' }, runtime)
    const published = await publish({ pactDir: writePact(tmp.path) }, runtime)
    const asked = await canIDeploy({ pacticipant: CONSUMER, toEnvironment: 'production' }, runtime)
    expect([created.exitCode, published.exitCode]).toEqual([1, 1])
    expect(visible(published)).toContain('401')
    // A read, answered (not refused): the broker knows no such consumer.
    expect(asked).toMatchObject({ exitCode: 1, decision: 'error' })
    expect(asked.stdout).toContain(`Pacticipant ${CONSUMER} not found`)
    // A whole word: the CLI's debug log holds hex ids and timestamps where 401 can occur by chance.
    expect(visible(asked)).not.toMatch(/\b401\b/)
    expect((await environments(broker)).map((e) => e.name)).toEqual(['production'])
    expect(await versionOf(broker, CONSUMER, CONSUMER_SHA)).toBeNull()
    const shown = [created, published, asked].map(visible).join('\n')
    expect(shown).not.toContain(broker.readOnly.password)
    expect(shown).not.toContain(
      Buffer.from(`${broker.readOnly.username}:${broker.readOnly.password}`).toString('base64'),
    )
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
  })
})
