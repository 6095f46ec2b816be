/**
 * The Pact core builds a new HTTP client for every request it makes while verifying, and each
 * one loads the system's CA certificates (`SSL_CERT_FILE` / `SSL_CERT_DIR`): ≈30 ms of a ≈40 ms
 * interaction on these machines. The core sends every interaction to a local proxy in Node
 * over plain http (specpact's gateway for pact files, pact-js's proxy for a broker pact); the
 * proxy forwards to the provider and verifies an
 * https provider's certificate with Node's trust store (plus `NODE_EXTRA_CA_CERTS`), which
 * these variables do not touch. So, without weakening any TLS check:
 * - when every URL the core itself contacts is plain http (always, for pact files: only the
 *   proxy), the variables point at a one-certificate file and an empty directory;
 * - a configured CA bundle (`--ca-file`, `SPECPACT_CA_FILE`) is what the core trusts for an
 *   https broker, which keeps broker verifications fast too;
 * - otherwise (an https broker and no bundle) the system trust store is used as it is.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

/** The CA bundle a run should trust instead of the system store, if any. */
export function trustStoreFor(
  urls: readonly string[],
  caFile: string | undefined = process.env.SPECPACT_CA_FILE || undefined,
): { file: string; dir: string } | undefined {
  if (caFile) {
    const text = readFileSync(caFile, 'utf8')
    if (!text.includes('-----BEGIN CERTIFICATE-----'))
      throw new Error(`${caFile} holds no PEM certificate (expected a CA bundle)`)
    return { file: caFile, dir: smallStore().dir }
  }
  if (allPlainHttp(urls) && process.env.SPECPACT_SYSTEM_TRUST !== '1') return smallStore()
  return undefined
}

/**
 * Runs `fn` with the trust store `trustStoreFor` picks (or as it is, when it picks none).
 * Restores the variables afterwards, also when runs overlap.
 */
export async function withVerifierTrust<T>(
  urls: readonly string[],
  fn: () => Promise<T>,
  caFile?: string,
): Promise<T> {
  const trust = trustStoreFor(urls, caFile)
  if (!trust) return fn()
  if (depth++ === 0) {
    saved = Object.fromEntries(
      VARIABLES.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]])),
    )
    process.env.SSL_CERT_FILE = trust.file
    process.env.SSL_CERT_DIR = trust.dir
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
