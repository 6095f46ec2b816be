/**
 * The certificate trick of DESIGN.md, for a child process: the Pact core's HTTP clients load
 * the system's CA certificates each time one is built (per request during verification);
 * `SSL_CERT_FILE` naming one certificate and an empty `SSL_CERT_DIR` make that cheap. Read
 * when the process starts, so it is a child's environment. It breaks any https target the
 * one certificate does not sign: valid only for plain-http providers and brokers.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { rootCertificates } from 'node:tls'

export async function oneCertificateEnv(dir: string): Promise<Record<string, string>> {
  const empty = join(dir, 'empty-cert-dir')
  await mkdir(empty, { recursive: true })
  const file = join(dir, 'one-cert.pem')
  const first = rootCertificates[0]
  if (!first) throw new Error('node has no root certificates to pick one from')
  await writeFile(file, `${first}\n`)
  return { SSL_CERT_FILE: file, SSL_CERT_DIR: empty }
}
