/**
 * Broker configuration comes only from the environment: PACT_BROKER_BASE_URL plus
 * PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD — the variables the pact CLI,
 * the pact-js verifier and PactFlow's documentation all use.
 */
import { BrokerError } from './errors'

/** An environment to read from; never written to. */
export type Env = Readonly<Record<string, string | undefined>>

export type BrokerAuth =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'basic'; username: string; password: string }

export interface BrokerConfig {
  /** Without a trailing slash. */
  baseUrl: string
  auth: BrokerAuth
}

/** Reads the broker configuration; throws `BrokerError` when it is missing or incomplete. */
export function readBrokerConfig(env: Env = process.env): BrokerConfig {
  const raw = value(env, 'PACT_BROKER_BASE_URL')
  if (raw === undefined) throw new BrokerError('BROKER_URL_MISSING')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new BrokerError('BROKER_URL_INVALID')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BrokerError('BROKER_URL_INVALID', `protocol ${url.protocol}`)
  }
  const baseUrl = raw.replace(/\/+$/, '')

  // A token wins over basic auth, as in the pact CLI; never both are passed on.
  const token = value(env, 'PACT_BROKER_TOKEN')
  if (token !== undefined) return { baseUrl, auth: { kind: 'token', token } }
  const username = value(env, 'PACT_BROKER_USERNAME')
  const password = value(env, 'PACT_BROKER_PASSWORD')
  if (username !== undefined && password !== undefined) {
    return { baseUrl, auth: { kind: 'basic', username, password } }
  }
  if (username !== undefined || password !== undefined) {
    throw new BrokerError(
      'BROKER_CREDENTIALS_INCOMPLETE',
      username === undefined
        ? 'PACT_BROKER_USERNAME is not set'
        : 'PACT_BROKER_PASSWORD is not set',
    )
  }
  return { baseUrl, auth: { kind: 'none' } }
}

/**
 * Every form in which a credential could show up in output: the token, the password, the
 * basic-auth header value, percent-encoded forms and a password embedded in the base URL.
 */
export function brokerSecrets(config: BrokerConfig): string[] {
  const secrets: string[] = []
  const add = (s: string) => {
    if (s === '') return
    secrets.push(s)
    const encoded = encodeURIComponent(s)
    if (encoded !== s) secrets.push(encoded)
  }
  if (config.auth.kind === 'token') add(config.auth.token)
  if (config.auth.kind === 'basic') {
    add(config.auth.password)
    add(Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64'))
  }
  const embedded = new URL(config.baseUrl).password
  if (embedded) {
    add(embedded)
    add(decodeURIComponent(embedded))
  }
  return secrets
}

/**
 * The child process's environment: the caller's environment without any PACT_BROKER_*
 * variable, plus exactly the resolved configuration. Credentials travel here rather than in
 * argv, which other users of the machine can read (`ps`). Dropping the other PACT_BROKER_*
 * variables also keeps e.g. PACT_BROKER_CAN_I_DEPLOY_DRY_RUN from silently turning a "no"
 * into exit code 0.
 */
export function brokerChildEnv(config: BrokerConfig, env: Env): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, val] of Object.entries(env)) {
    if (val !== undefined && !key.startsWith('PACT_BROKER_')) out[key] = val
  }
  out.PACT_BROKER_BASE_URL = config.baseUrl
  if (config.auth.kind === 'token') out.PACT_BROKER_TOKEN = config.auth.token
  if (config.auth.kind === 'basic') {
    out.PACT_BROKER_USERNAME = config.auth.username
    out.PACT_BROKER_PASSWORD = config.auth.password
  }
  return out
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim()
  return v ? v : undefined
}
