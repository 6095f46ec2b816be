/**
 * The Pact core builds a new HTTP client for every request it makes while verifying, and each
 * one loads the system's CA certificates (`SSL_CERT_FILE` / `SSL_CERT_DIR`): ≈30 ms of a ≈40 ms
 * interaction on these machines. When every URL of a verification is plain http, no
 * certificate is ever checked, so specpact points those variables at a one-certificate file
 * and an empty directory for the duration of the run. Any https URL (provider, state-change
 * URL, broker) leaves the system trust store untouched: TLS is never weakened.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rootCertificates } from 'node:tls'

const VARIABLES = ['SSL_CERT_FILE', 'SSL_CERT_DIR'] as const

/** True when every URL is `http:`; a URL that does not parse counts as not plain. */
export function allPlainHttp(urls: readonly string[]): boolean {
  return urls.every((url) => {
    try {
      return new URL(url).protocol === 'http:'
    } catch {
      return false
    }
  })
}

let store: { file: string; dir: string } | undefined
/** Written once per process: one root certificate and an empty directory. */
function smallStore() {
  if (!store) {
    const base = mkdtempSync(join(tmpdir(), 'specpact-trust-'))
    const file = join(base, 'one-root.pem')
    writeFileSync(file, `${rootCertificates[0]}\n`)
    const dir = join(base, 'certs')
    mkdirSync(dir)
    process.once('exit', () => rmSync(base, { recursive: true, force: true }))
    store = { file, dir }
  }
  return store
}

/** Nesting depth and the values to restore when the outermost run ends. */
let depth = 0
let saved: Partial<Record<(typeof VARIABLES)[number], string>> = {}

/**
 * Runs `fn` with the small trust store when every URL in `urls` is plain http; otherwise
 * runs it as it is. Restores the variables afterwards, also when runs overlap.
 */
export async function withPlainHttpTrust<T>(
  urls: readonly string[],
  fn: () => Promise<T>,
): Promise<T> {
  if (!allPlainHttp(urls) || process.env.SPECPACT_SYSTEM_TRUST === '1') return fn()
  if (depth++ === 0) {
    saved = Object.fromEntries(
      VARIABLES.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]])),
    )
    const { file, dir } = smallStore()
    process.env.SSL_CERT_FILE = file
    process.env.SSL_CERT_DIR = dir
  }
  try {
    return await fn()
  } finally {
    if (--depth === 0) {
      for (const k of VARIABLES) {
        const value = saved[k]
        if (value === undefined) delete process.env[k]
        else process.env[k] = value
      }
    }
  }
}
