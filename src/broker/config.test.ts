import { describe, expect, it } from 'vitest'
import { brokerChildEnv, brokerSecrets, readBrokerConfig } from './config'
import { BrokerError } from './errors'

const URL = 'https://broker.example.com'

describe('readBrokerConfig', () => {
  it.each([
    {
      name: 'token',
      env: { PACT_BROKER_BASE_URL: `${URL}/`, PACT_BROKER_TOKEN: 't0k' },
      config: { baseUrl: URL, auth: { kind: 'token', token: 't0k' }, timeoutMs: 120_000 },
    },
    {
      name: 'basic auth',
      env: { PACT_BROKER_BASE_URL: URL, PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' },
      config: {
        baseUrl: URL,
        auth: { kind: 'basic', username: 'u', password: 'p' },
        timeoutMs: 120_000,
      },
    },
    {
      name: 'the token wins over basic auth, as in the pact CLI',
      env: {
        PACT_BROKER_BASE_URL: URL,
        PACT_BROKER_TOKEN: 't0k',
        PACT_BROKER_USERNAME: 'u',
        PACT_BROKER_PASSWORD: 'p',
      },
      config: { baseUrl: URL, auth: { kind: 'token', token: 't0k' }, timeoutMs: 120_000 },
    },
    {
      name: 'no credentials (an open broker)',
      env: { PACT_BROKER_BASE_URL: URL, PACT_BROKER_TOKEN: '' },
      config: { baseUrl: URL, auth: { kind: 'none' }, timeoutMs: 120_000 },
    },
  ])('$name', ({ env, config }) => {
    expect(readBrokerConfig(env)).toEqual(config)
  })

  it.each([
    { name: 'no base URL', env: { PACT_BROKER_TOKEN: 't' }, code: 'BROKER_URL_MISSING' },
    { name: 'blank base URL', env: { PACT_BROKER_BASE_URL: '  ' }, code: 'BROKER_URL_MISSING' },
    { name: 'not a URL', env: { PACT_BROKER_BASE_URL: 'broker' }, code: 'BROKER_URL_INVALID' },
    {
      name: 'not http(s)',
      env: { PACT_BROKER_BASE_URL: 'ftp://broker' },
      code: 'BROKER_URL_INVALID',
    },
    {
      name: 'username without password',
      env: { PACT_BROKER_BASE_URL: URL, PACT_BROKER_USERNAME: 'u' },
      code: 'BROKER_CREDENTIALS_INCOMPLETE',
    },
    {
      name: 'password without username',
      env: { PACT_BROKER_BASE_URL: URL, PACT_BROKER_PASSWORD: 'p' },
      code: 'BROKER_CREDENTIALS_INCOMPLETE',
    },
  ])('$name → $code', ({ env, code }) => {
    expect(() => readBrokerConfig(env)).toThrow(BrokerError)
    expect(() => readBrokerConfig(env)).toThrow(expect.objectContaining({ code }) as BrokerError)
  })

  it('tells the user what to set when the URL is missing', () => {
    expect(() => readBrokerConfig({})).toThrowErrorMatchingInlineSnapshot(
      `[BrokerError: No Pact Broker configured. Set PACT_BROKER_BASE_URL to the broker (e.g. https://your-org.pactflow.io), with PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD.]`,
    )
  })

  it('never puts the password into the incomplete-credentials message', () => {
    const env = { PACT_BROKER_BASE_URL: URL, PACT_BROKER_PASSWORD: 'hunter2-secret' }
    expect(() => readBrokerConfig(env)).toThrow(/PACT_BROKER_USERNAME is not set/)
    expect(() => readBrokerConfig(env)).not.toThrow(/hunter2/)
  })
})

describe('SPECPACT_BROKER_TIMEOUT', () => {
  const env = (timeout?: string) => ({
    PACT_BROKER_BASE_URL: URL,
    ...(timeout === undefined ? {} : { SPECPACT_BROKER_TIMEOUT: timeout }),
  })
  it.each([
    { given: undefined, ms: 120_000 },
    { given: '30', ms: 30_000 },
    { given: '2.5', ms: 2_500 },
  ])('$given → $ms ms', ({ given, ms }) => {
    expect(readBrokerConfig(env(given)).timeoutMs).toBe(ms)
  })
  it.each(['0', '-1', 'ten', '10s'])('%s is refused', (given) => {
    expect(() => readBrokerConfig(env(given))).toThrowError(
      expect.objectContaining({ code: 'BROKER_TIMEOUT_INVALID' }),
    )
  })
})

describe('brokerChildEnv', () => {
  it('passes exactly the resolved credentials and drops every other PACT_BROKER_* variable', () => {
    const env = {
      PATH: '/bin',
      PACT_BROKER_BASE_URL: URL,
      PACT_BROKER_TOKEN: 't0k',
      PACT_BROKER_USERNAME: 'ignored-user',
      PACT_BROKER_PASSWORD: 'ignored-pass',
      PACT_BROKER_CAN_I_DEPLOY_DRY_RUN: 'true',
      PACT_BROKER_CAN_I_DEPLOY_IGNORE: 'communication-gw',
      // How the CLI talks to the broker, not what it decides: passed on.
      PACT_BROKER_HTTP_RETRIES: '2',
    }
    const before = { ...env }
    expect(brokerChildEnv(readBrokerConfig(env), env)).toEqual({
      PATH: '/bin',
      PACT_BROKER_HTTP_RETRIES: '2',
      PACT_BROKER_BASE_URL: URL,
      PACT_BROKER_TOKEN: 't0k',
    })
    expect(env).toEqual(before)
  })

  it('passes basic-auth credentials', () => {
    const env = { PACT_BROKER_BASE_URL: URL, PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' }
    expect(brokerChildEnv(readBrokerConfig(env), env)).toEqual(env)
  })
})

describe('brokerSecrets', () => {
  it('covers the token and its percent-encoded form', () => {
    const config = readBrokerConfig({ PACT_BROKER_BASE_URL: URL, PACT_BROKER_TOKEN: 'a/b+c' })
    expect(brokerSecrets(config)).toEqual(['a/b+c', 'a%2Fb%2Bc'])
  })

  it('covers the password and the basic-auth header value', () => {
    const config = readBrokerConfig({
      PACT_BROKER_BASE_URL: URL,
      PACT_BROKER_USERNAME: 'user',
      PACT_BROKER_PASSWORD: 'pass',
    })
    expect(brokerSecrets(config)).toEqual(['pass', Buffer.from('user:pass').toString('base64')])
  })

  it('covers a password embedded in the base URL', () => {
    const config = readBrokerConfig({ PACT_BROKER_BASE_URL: 'https://u:s%40cret@broker.example' })
    expect(brokerSecrets(config)).toEqual(expect.arrayContaining(['s%40cret', 's@cret']))
  })
})
