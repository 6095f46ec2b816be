/** A pact from a Pact Broker as the Pact core's source, and what it publishes there. */
import type { CoreSource } from './core-run'
import type { RemotePact } from './verify-types'

/**
 * A broker pact as the core's source. The broker is the one the pact URL is on
 * (`PACT_BROKER_BASE_URL` when the URL lies under it, else the URL's origin).
 */
export function brokerSource(remote: RemotePact): CoreSource {
  const configured = process.env.PACT_BROKER_BASE_URL
  const brokerUrl =
    configured && remote.url.startsWith(configured.replace(/\/$/, ''))
      ? configured
      : new URL(remote.url).origin
  const v = remote.verifier
  return {
    kind: 'broker-pact',
    url: remote.url,
    brokerUrl,
    ...(v.pactBrokerToken ? { token: v.pactBrokerToken } : {}),
    ...(v.pactBrokerUsername ? { username: v.pactBrokerUsername } : {}),
    ...(v.pactBrokerPassword ? { password: v.pactBrokerPassword } : {}),
    ...(remote.brokerTimeoutMs ? { brokerTimeoutMs: remote.brokerTimeoutMs } : {}),
  }
}

export function publishingOf(remote: RemotePact) {
  const v = remote.verifier
  if (!v.publishVerificationResult || !v.providerVersion) return undefined
  return {
    providerVersion: v.providerVersion,
    ...(v.providerVersionBranch ? { providerBranch: v.providerVersionBranch } : {}),
    ...(v.buildUrl ? { buildUrl: v.buildUrl } : {}),
  }
}

/**
 * The core's log lines about publishing the result, e.g. `2026-…Z ERROR main pact_verifier:
 * Publishing of verification results failed with an error: … 503 Service Unavailable. URL: …`,
 * without the timestamp. The core logs them into its report, and only at error level here.
 */
export function publishLines(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => /\bERROR\b/.test(line) && /publish/i.test(line))
    .map((line) => line.replace(/^\S+Z\s+ERROR\s+\S+\s+[\w:]+:\s*/, '').trim())
    .map((line) => line.slice(0, 600))
    .slice(-5)
}
