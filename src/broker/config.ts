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
  /**
   * How long to wait for the broker (SPECPACT_BROKER_TIMEOUT, seconds): the whole run of a
   * `pact broker` command, each request specpact makes itself.
   */
  timeoutMs: number
}

/**
 * Long enough for the pact CLI's own retries of a 5xx (8 by default, with back-off: about
 * 64 s) to end in its own message; a broker that accepts and never answers ends here.
 */
export const DEFAULT_BROKER_TIMEOUT_MS = 120_000

/**
 * PACT_BROKER_* settings of the pact CLI that change how it talks to the broker, not what it
 * answers: passed on. Every other PACT_BROKER_* variable is dropped (see `brokerChildEnv`).
 */
const PASSED_ON = ['PACT_BROKER_HTTP_RETRIES'] as const

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
  const timeoutMs = readTimeout(env)

  // A token wins over basic auth, as in the pact CLI; never both are passed on.
  const token = value(env, 'PACT_BROKER_TOKEN')
  if (token !== undefined) return { baseUrl, auth: { kind: 'token', token }, timeoutMs }
  const username = value(env, 'PACT_BROKER_USERNAME')
  const password = value(env, 'PACT_BROKER_PASSWORD')
  if (username !== undefined && password !== undefined) {
    return { baseUrl, auth: { kind: 'basic', username, password }, timeoutMs }
  }
  if (username !== undefined || password !== undefined) {
    throw new BrokerError(
      'BROKER_CREDENTIALS_INCOMPLETE',
      username === undefined
        ? 'PACT_BROKER_USERNAME is not set'
        : 'PACT_BROKER_PASSWORD is not set',
    )
  }
  return { baseUrl, auth: { kind: 'none' }, timeoutMs }
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
 * into exit code 0; only PACT_BROKER_HTTP_RETRIES is passed on.
 */
export function brokerChildEnv(config: BrokerConfig, env: Env): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, val] of Object.entries(env)) {
    if (val !== undefined && !key.startsWith('PACT_BROKER_')) out[key] = val
  }
  for (const key of PASSED_ON) {
    const val = value(env, key)
    if (val !== undefined) out[key] = val
  }
  out.PACT_BROKER_BASE_URL = config.baseUrl
  if (config.auth.kind === 'token') out.PACT_BROKER_TOKEN = config.auth.token
  if (config.auth.kind === 'basic') {
    out.PACT_BROKER_USERNAME = config.auth.username
    out.PACT_BROKER_PASSWORD = config.auth.password
  }
  return out
}

function readTimeout(env: Env): number {
  const raw = value(env, 'SPECPACT_BROKER_TIMEOUT')
  if (raw === undefined) return DEFAULT_BROKER_TIMEOUT_MS
  const seconds = Number(raw)
  if (!/^\d+(\.\d+)?$/.test(raw) || !(seconds > 0)) {
    throw new BrokerError('BROKER_TIMEOUT_INVALID', `got "${raw}"`)
  }
  return Math.round(seconds * 1000)
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim()
  return v ? v : undefined
}
