/**
 * Whether the broker holds the results the verifier was asked to publish. The pact-js
 * verifier publishes them itself, and a refusal (a read-only user's 401, a 5xx) is only
 * logged: the verification still passes. So after a publishing run specpact reads each pact's
 * `pb:latest-verification-results` back and names the pacts without a result from this
 * provider version.
 */
import type { AxiosInstance } from 'axios'
import { z } from 'zod'
import { type BrokerConfig, brokerSecrets } from './config'
import { type BrokerPact, brokerHttp, requestCause } from './pacts-for-verification'
import { redact } from './redact'

const LatestResultLink = z.object({
  _links: z.object({ 'pb:latest-verification-results': z.object({ href: z.string().min(1) }) }),
})

const VerificationResult = z.object({ providerApplicationVersion: z.string() })

/** A pact whose result is not on the broker, and what the broker answered instead. */
export interface MissingResult {
  url: string
  why: string
}

export async function missingResults(
  pacts: readonly Pick<BrokerPact, 'url' | 'content'>[],
  providerVersion: string,
  config: BrokerConfig,
  http: AxiosInstance = brokerHttp(config),
): Promise<MissingResult[]> {
  const secrets = brokerSecrets(config)
  const missing: MissingResult[] = []
  for (const pact of pacts) {
    const why = await checkOne(http, pact, providerVersion)
    if (why !== undefined) missing.push({ url: pact.url, why: redact(why, secrets) })
  }
  return missing
}

async function checkOne(
  http: AxiosInstance,
  pact: Pick<BrokerPact, 'url' | 'content'>,
  providerVersion: string,
): Promise<string | undefined> {
  const link = LatestResultLink.safeParse(pact.content)
  if (!link.success) return 'the pact has no pb:latest-verification-results link'
  const url = link.data._links['pb:latest-verification-results'].href
  try {
    const response = await http.get(url)
    if (response.status === 404) return 'the broker has no verification result for it'
    if (response.status < 200 || response.status >= 300) {
      return `GET ${url} answered ${response.status}`
    }
    const result = VerificationResult.safeParse(response.data)
    if (!result.success) return `GET ${url} answered something that is not a verification result`
    if (result.data.providerApplicationVersion !== providerVersion) {
      return `its latest result is from provider version ${result.data.providerApplicationVersion}`
    }
    return undefined
  } catch (error) {
    return `GET ${url}: ${requestCause(error, http)}`
  }
}
