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
import { pactCliPath } from '../broker/binary'
import { STATE_PATH } from './gateway'
import { trustStoreFor } from './trust'

export interface CoreRunOptions {
  pactFile: string
  provider: string
  gatewayPort: number
  /** The core's own wait for the gateway, which answers within its own timeouts first. */
  requestTimeoutMs: number
  /** Kill the core after this long. */
  deadlineMs: number
  /** Where the JSON report goes. */
  dir: string
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
function coreEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('PACT_')) env[key] = value
  // The core only talks to the gateway, over plain http: the small trust store (trust.ts).
  const trust = trustStoreFor([])
  if (trust) {
    env.SSL_CERT_FILE = trust.file
    env.SSL_CERT_DIR = trust.dir
  }
  return { ...env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' }
}

export function runCore(options: CoreRunOptions): Promise<CoreRun> {
  const jsonFile = join(options.dir, `report-${options.gatewayPort}.json`)
  const args = [
    'verifier',
    '--file',
    options.pactFile,
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
    'error',
  ]
  return new Promise((resolve, reject) => {
    const child = spawn(pactCliPath(), args, { env: coreEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
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
    const head = /^\d+\) (.*)$/.exec(line)
    if (head) {
      flush()
      const name = head[1] as string
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
