/**
 * The certificate trick of DESIGN.md as a pact-js user could apply it: the Pact core's HTTP
 * clients load the system's CA certificates each time one is built (per request during
 * verification); `SSL_CERT_FILE` naming one certificate and an empty `SSL_CERT_DIR` make that
 * cheap. Set in a child's environment, it holds for the whole process and breaks any https
 * target the one certificate does not sign. specpact sets the same variables itself, only
 * around a verification whose URLs are all plain http (src/provider/trust.ts); the bench's
 * bare arm with this environment shows what the trick alone gives, without runs of 100.
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
