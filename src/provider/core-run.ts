/**
 * One run of the Pact core's verifier, the official `pact verifier` binary, in a child
 * process against specpact's gateway. A child, not the core in this process: its report is
 * captured (shown on request, redacted, never written to the terminal behind specpact's
 * back), a run that overstays its deadline is killed, and nothing of the core is left
 * running once the results are in.
 */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findPactCli } from '../shared/pact-cli'
import { STATE_PATH } from './gateway'
import { trustStoreFor } from './trust'

export interface CoreRunOptions {
  source: CoreSource
  /** Publish the results to the broker the pact came from (a broker pact only). */
  publish?: { providerVersion: string; providerBranch?: string; buildUrl?: string }
  provider: string
  gatewayPort: number
  /** The core's own wait for the gateway, which answers within its own timeouts first. */
  requestTimeoutMs: number
  /** Kill the core after this long. */
  deadlineMs: number
  /** Where the JSON report goes. */
  dir: string
  /** CA bundle the core trusts for an https broker (default `SPECPACT_CA_FILE`). */
  caFile?: string
  logLevel?: 'error' | 'warn' | 'info' | 'debug'
}

/**
 * A pact file, or one pact on a Pact Broker: verified at its URL (as a webhook's pact URL), so
 * that the core fetches exactly that pact and can publish its result there. Credentials reach
 * the core through its environment, never its arguments (which any `ps` shows).
 */
export type CoreSource =
  | { kind: 'file'; file: string }
  | {
      kind: 'broker-pact'
      url: string
      brokerUrl: string
      /** How long the broker may take to answer (SPECPACT_BROKER_TIMEOUT): added to the deadline, twice (fetch, publish). */
      brokerTimeoutMs?: number
      token?: string
      username?: string
      password?: string
    }

export interface CoreRun {
  code: number | null
  /** The core's human report (ANSI codes removed). */
  report: string
  /** The core's JSON report, as text; empty when it wrote none. */
  json: string
  /** Set when the run was killed at its deadline. */
  killed: boolean
  stderr: string
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g
export const stripAnsi = (text: string) => text.replace(ANSI, '')

/** The environment without PACT_* settings (a broker there would add a second pact source). */
function coreEnv(source: CoreSource, caFile: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('PACT_')) env[key] = value
  if (source.kind === 'broker-pact') {
    if (source.token) env.PACT_BROKER_TOKEN = source.token
    if (source.username) env.PACT_BROKER_USERNAME = source.username
    if (source.password) env.PACT_BROKER_PASSWORD = source.password
    // How often the core retries the broker's 5xx (8 by default, ≈64 s of back-off).
    const retries = process.env.PACT_BROKER_HTTP_RETRIES?.trim()
    if (retries && /^\d+$/.test(retries)) env.PACT_BROKER_HTTP_RETRIES = retries
  }
  // The core talks to the gateway over plain http, and for a broker pact to the broker: the
  // small trust store unless the broker is https (trust.ts).
  const trust = trustStoreFor(source.kind === 'broker-pact' ? [source.url] : [], caFile)
  if (trust) {
    env.SSL_CERT_FILE = trust.file
    env.SSL_CERT_DIR = trust.dir
  }
  return { ...env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' }
}

export function runCore(options: CoreRunOptions): Promise<CoreRun> {
  const jsonFile = join(options.dir, `report-${options.gatewayPort}.json`)
  const { source, publish } = options
  const from =
    source.kind === 'file'
      ? ['--file', source.file]
      : ['--webhook-callback-url', source.url, '--broker-url', source.brokerUrl]
  const publishing = publish
    ? [
        '--publish',
        '--provider-version',
        publish.providerVersion,
        ...(publish.providerBranch ? ['--provider-branch', publish.providerBranch] : []),
        ...(publish.buildUrl ? ['--build-url', publish.buildUrl] : []),
      ]
    : []
  const args = [
    'verifier',
    ...from,
    ...publishing,
    '--hostname',
    '127.0.0.1',
    '--port',
    String(options.gatewayPort),
    '--provider-name',
    options.provider,
    '--state-change-url',
    `http://127.0.0.1:${options.gatewayPort}${STATE_PATH}`,
    '--state-change-teardown',
    '--request-timeout',
    String(options.requestTimeoutMs),
    '--no-colour',
    '--json',
    jsonFile,
    '--loglevel',
    options.logLevel ?? 'error',
  ]
  return new Promise((resolve, reject) => {
    const child = spawn(findPactCli(), args, {
      env: coreEnv(source, options.caFile),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    let killed = false
    const timer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, options.deadlineMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      readFile(jsonFile, 'utf8')
        .catch(() => '')
        .then((json) =>
          resolve({
            code,
            killed,
            json,
            report: stripAnsi(Buffer.concat(out).toString('utf8')),
            stderr: stripAnsi(Buffer.concat(err).toString('utf8')),
          }),
        )
    })
  })
}

/**
 * The failing interactions' parts of the core's report, by interaction description: the
 * numbered blocks under "Failures:" (with the body diffs), e.g.
 * `1) Verifying a pact between ui and gw Given … - post_channels`.
 */
export function failureSections(
  report: string,
  descriptions: readonly string[],
): Map<string, string> {
  const sections = new Map<string, string>()
  const at = report.lastIndexOf('\nFailures:\n')
  if (at < 0) return sections
  const lines = report.slice(at + '\nFailures:\n'.length).split('\n')
  let current: { description: string; lines: string[] } | undefined
  const flush = () => {
    if (current) sections.set(current.description, current.lines.join('\n').trimEnd())
  }
  for (const line of lines) {
    const name = /^\d+\) (.*)$/.exec(line)?.[1]
    if (name !== undefined) {
      flush()
      const description = descriptions.find((d) => name === d || name.endsWith(` - ${d}`))
      current = description ? { description, lines: [] } : undefined
      continue
    }
    if (/^There (were|was) \d+ pact failures?/.test(line)) break
    current?.lines.push(line)
  }
  flush()
  return sections
}
