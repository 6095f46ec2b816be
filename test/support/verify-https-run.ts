/**
 * Run by test/verify-https.test.ts in a child process started with NODE_EXTRA_CA_CERTS (Node
 * reads it only at start-up): verifies the project's pact against the reference behind a
 * TLS-terminating proxy and prints the result as JSON.
 */
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { verifyPacts } from '../../src/provider'
import { startReference } from '../../src/reference'

const TLS = join(__dirname, '..', 'fixtures', 'tls')
const PACT = resolve(__dirname, '..', '..', 'pacts', 'communication-ui-communication-gw.json')

async function main() {
  const reference = await startReference()
  const target = new URL(reference.url)
  let tlsRequests = 0
  const proxy = createServer(
    { key: readFileSync(join(TLS, 'server.key')), cert: readFileSync(join(TLS, 'server.pem')) },
    (req, res) => {
      tlsRequests++
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      upstream.on('error', () => res.writeHead(502).end())
      req.pipe(upstream)
    },
  )
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done))
  try {
    const result = await verifyPacts({
      pactFiles: [PACT],
      provider: 'communication-gw',
      providerBaseUrl: `https://localhost:${(proxy.address() as AddressInfo).port}`,
      states: {
        kind: 'handlers',
        handlers: reference.stateHandlers,
        messages: reference.messageProducers,
      },
      variables: { business_id: 'bz3p8ja7a1b2c3d4' },
    })
    process.stdout.write(
      `\nRESULT ${JSON.stringify({ ok: result.ok, results: result.results, tlsRequests })}\n`,
    )
  } finally {
    proxy.close()
    await reference.close()
  }
}
main().catch((error) => {
  process.stdout.write(`\nRESULT ${JSON.stringify({ error: String(error) })}\n`)
  process.exitCode = 1
})
