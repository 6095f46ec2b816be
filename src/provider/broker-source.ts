/** A pact on a Pact Broker as the Pact core's source, and what the core publishes there. */
import type { CoreSource } from './core-run'
import type { RemotePact } from './verify-options'

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
