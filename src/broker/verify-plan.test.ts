import { describe, expect, it } from 'vitest'
import type { BrokerError } from './errors'
import { planBrokerVerification } from './verify-plan'
import type { GitRunner } from './versioning'

const BROKER = { PACT_BROKER_BASE_URL: 'https://broker.example.com/', PACT_BROKER_TOKEN: 't0k' }
const PACT_URL =
  'https://broker.example.com/pacts/provider/communication-gw/consumer/communication-ui/pact-version/abc/metadata/Y3ZuPTE'

const git: GitRunner = (args) =>
  ({ 'rev-parse HEAD': 'sha-from-git', 'rev-parse --abbrev-ref HEAD': 'feat/x' })[args.join(' ')]
const noGit: GitRunner = () => undefined

function plan(input: Partial<Parameters<typeof planBrokerVerification>[0]>, env = {}, g = git) {
  return planBrokerVerification(
    { provider: 'communication-gw', ...input },
    { env: { ...BROKER, ...env }, git: g },
  )
}

function error(run: () => unknown): BrokerError {
  try {
    run()
  } catch (e) {
    return e as BrokerError
  }
  throw new Error('did not throw')
}

describe('planBrokerVerification', () => {
  it('locally: the selection the verifier would ask for, version and branch from git, nothing published', () => {
    expect(plan({})).toEqual({
      config: {
        baseUrl: 'https://broker.example.com',
        auth: { kind: 'token', token: 't0k' },
        timeoutMs: 120_000,
      },
      source: {
        kind: 'selection',
        request: {
          provider: 'communication-gw',
          consumerVersionSelectors: [
            { mainBranch: true },
            { deployedOrReleased: true },
            { matchingBranch: true },
          ],
          includePendingStatus: true,
          providerVersionBranch: 'feat/x',
        },
      },
      verifierOptions: {
        pactBrokerToken: 't0k',
        publishVerificationResult: false,
        providerVersion: 'sha-from-git',
        providerVersionBranch: 'feat/x',
      },
      publish: false,
      providerVersion: 'sha-from-git',
      providerBranch: 'feat/x',
    })
  })

  it('in CI: publishes with the CI branch and build URL; explicit values win', () => {
    const ci = {
      CI: 'true',
      GITHUB_REF_NAME: 'main',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'vcita/communication-gw',
      GITHUB_RUN_ID: '7',
    }
    expect(plan({}, ci).verifierOptions).toEqual({
      pactBrokerToken: 't0k',
      publishVerificationResult: true,
      providerVersion: 'sha-from-git',
      providerVersionBranch: 'main',
      buildUrl: 'https://github.com/vcita/communication-gw/actions/runs/7',
    })
    expect(
      plan({ providerVersion: 'v9', providerBranch: 'release', publish: false }, ci),
    ).toMatchObject({
      publish: false,
      verifierOptions: { providerVersion: 'v9', providerVersionBranch: 'release' },
    })
  })

  it('never hands the verifier a broker URL or a selection: it would fetch pacts of its own', () => {
    const options = plan({ includeWipPactsSince: '2024-01-01', publish: true }).verifierOptions
    for (const key of [
      'pactBrokerUrl',
      'consumerVersionSelectors',
      'enablePending',
      'includeWipPactsSince',
    ]) {
      expect(options).not.toHaveProperty(key)
    }
  })

  it('without a branch the default selection leaves matchingBranch out', () => {
    const { source } = plan({}, {}, noGit)
    expect(source).toMatchObject({
      request: { consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }] },
    })
    expect(source).not.toHaveProperty('request.providerVersionBranch')
  })

  it('a webhook pact URL on the broker: no selection asked, no branch needed', () => {
    expect(
      plan({ pactUrl: PACT_URL, publish: true, providerVersion: 'v1' }, {}, noGit),
    ).toMatchObject({
      source: { kind: 'url', url: PACT_URL },
      publish: true,
    })
  })

  it.each([
    {
      name: 'publishing without any version',
      input: { publish: true },
      g: noGit,
      code: 'PROVIDER_VERSION_REQUIRED',
    },
    {
      name: 'an explicit matchingBranch selector without a branch',
      input: { selectors: [{ matchingBranch: true }] },
      g: noGit,
      code: 'MATCHING_BRANCH_WITHOUT_BRANCH',
    },
    {
      name: 'WIP pacts without pending',
      input: { includeWipPactsSince: '2024-01-01', enablePending: false },
      g: git,
      code: 'WIP_WITHOUT_PENDING',
    },
    {
      name: 'a pact URL with selectors',
      input: { pactUrl: PACT_URL, selectors: [{ mainBranch: true }] },
      g: git,
      code: 'PACT_URL_WITH_SELECTION',
    },
    {
      name: 'a pact URL on another host',
      input: { pactUrl: 'https://evil.example.com/pacts/provider/communication-gw/latest' },
      g: git,
      code: 'PACT_URL_NOT_ON_BROKER',
    },
    {
      name: 'a pact URL on the broker host but another scheme',
      input: { pactUrl: PACT_URL.replace('https:', 'http:') },
      g: git,
      code: 'PACT_URL_NOT_ON_BROKER',
    },
  ])('refuses $name', ({ input, g, code }) => {
    const e = error(() => plan(input, {}, g))
    expect(e.code).toBe(code)
    expect(e.message).not.toContain('t0k')
  })

  it('a broker under a path: only URLs below it carry the credentials', () => {
    const env = { PACT_BROKER_BASE_URL: 'https://host.example.com/broker' }
    expect(
      plan({ pactUrl: 'https://host.example.com/broker/pacts/provider/p/latest' }, env).source,
    ).toMatchObject({ kind: 'url' })
    expect(
      error(() => plan({ pactUrl: 'https://host.example.com/other/pacts/provider/p' }, env)).code,
    ).toBe('PACT_URL_NOT_ON_BROKER')
  })
})
