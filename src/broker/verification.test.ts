import { describe, expect, it } from 'vitest'
import type { BrokerError } from './errors'
import { brokerVerificationOptions } from './verification'

const BROKER = { PACT_BROKER_BASE_URL: 'https://broker.example.com/', PACT_BROKER_TOKEN: 't0k' }

describe('brokerVerificationOptions', () => {
  it('locally: recommended selectors and pending pacts, nothing published', () => {
    expect(
      brokerVerificationOptions(
        { provider: 'communication-gw', providerVersion: 'abc', providerBranch: 'main' },
        BROKER,
      ),
    ).toEqual({
      provider: 'communication-gw',
      pactBrokerUrl: 'https://broker.example.com',
      pactBrokerToken: 't0k',
      consumerVersionSelectors: [
        { mainBranch: true },
        { deployedOrReleased: true },
        { matchingBranch: true },
      ],
      enablePending: true,
      providerVersion: 'abc',
      providerVersionBranch: 'main',
      publishVerificationResult: false,
    })
  })

  it('in CI: version, branch and build URL from the CI, results published', () => {
    const env = {
      ...BROKER,
      CI: 'true',
      GITHUB_SHA: 'sha-from-ci',
      GITHUB_REF_NAME: 'main',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'vcita/communication-gw',
      GITHUB_RUN_ID: '9',
    }
    expect(brokerVerificationOptions({ provider: 'communication-gw' }, env)).toMatchObject({
      providerVersion: 'sha-from-ci',
      providerVersionBranch: 'main',
      publishVerificationResult: true,
      buildUrl: 'https://github.com/vcita/communication-gw/actions/runs/9',
    })
  })

  it('basic auth instead of a token', () => {
    const env = {
      PACT_BROKER_BASE_URL: 'https://broker',
      PACT_BROKER_USERNAME: 'u',
      PACT_BROKER_PASSWORD: 'p',
    }
    const options = brokerVerificationOptions({ provider: 'gw', providerBranch: 'main' }, env)
    expect(options).toMatchObject({ pactBrokerUsername: 'u', pactBrokerPassword: 'p' })
    expect(options).not.toHaveProperty('pactBrokerToken')
  })

  it('leaves out keys without a value (pact-core validates every key present)', () => {
    const options = brokerVerificationOptions(
      { provider: 'gw' },
      { PACT_BROKER_BASE_URL: 'http://b' },
    )
    expect(Object.entries(options).filter(([, v]) => v === undefined)).toEqual([])
    expect(options).not.toHaveProperty('publishVerificationResult')
    expect(options).not.toHaveProperty('providerVersionBranch')
  })

  it('without a provider branch the default selectors drop matchingBranch', () => {
    const options = brokerVerificationOptions({ provider: 'gw' }, BROKER)
    expect(options.consumerVersionSelectors).toEqual([
      { mainBranch: true },
      { deployedOrReleased: true },
    ])
  })

  it('explicit selectors, pending off, WIP pacts', () => {
    const selectors = [
      { branch: 'feat/x' },
      { deployedOrReleased: true, environment: 'production' },
    ]
    const options = brokerVerificationOptions(
      { provider: 'gw', selectors, includeWipPactsSince: '2024-01-01', providerBranch: 'main' },
      BROKER,
    )
    expect(options).toMatchObject({
      consumerVersionSelectors: selectors,
      includeWipPactsSince: '2024-01-01',
      enablePending: true,
    })
    // A copy: changing the options later cannot change the caller's selectors.
    expect(options.consumerVersionSelectors?.[0]).not.toBe(selectors[0])
    expect(
      brokerVerificationOptions({ provider: 'gw', enablePending: false }, BROKER),
    ).toMatchObject({
      enablePending: false,
    })
  })

  it.each([
    {
      name: 'no broker configured',
      input: { provider: 'gw' },
      env: {},
      code: 'BROKER_URL_MISSING',
    },
    {
      name: 'publishing without a provider version',
      input: { provider: 'gw', publish: true },
      env: BROKER,
      code: 'PROVIDER_VERSION_REQUIRED',
    },
    {
      name: 'in CI without a commit variable',
      input: { provider: 'gw' },
      env: { ...BROKER, CI: 'true' },
      code: 'PROVIDER_VERSION_REQUIRED',
    },
    {
      name: 'matchingBranch without a provider branch',
      input: { provider: 'gw', selectors: [{ matchingBranch: true }] },
      env: BROKER,
      code: 'MATCHING_BRANCH_WITHOUT_BRANCH',
    },
    {
      name: 'WIP pacts with pending off',
      input: { provider: 'gw', enablePending: false, includeWipPactsSince: '2024-01-01' },
      env: BROKER,
      code: 'WIP_WITHOUT_PENDING',
    },
  ])('$name → $code', ({ input, env, code }) => {
    expect(() => brokerVerificationOptions(input, env)).toThrow(
      expect.objectContaining({ code }) as BrokerError,
    )
  })

  it('does not modify the environment it reads', () => {
    const env = { ...BROKER, CI: 'true', GITHUB_SHA: 's' }
    const before = { ...env }
    brokerVerificationOptions({ provider: 'gw', publish: true }, env)
    expect(env).toEqual(before)
  })
})
