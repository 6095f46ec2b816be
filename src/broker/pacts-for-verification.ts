/**
 * Reads from the broker what a provider verification needs: the "pacts for verification" list
 * (the same `POST` the pact-js verifier makes for a broker source) and the pacts themselves.
 *
 * specpact fetches these itself, instead of handing the broker to the verifier, so that it
 * knows every interaction and its order before replaying them (see src/provider/remote.ts).
 * Credentials go only to the configured broker and never appear in an error.
 */
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios'
import { z } from 'zod'
import { type BrokerConfig, brokerSecrets } from './config'
import { BrokerError } from './errors'
import { redact } from './redact'
import type { ConsumerVersionSelector } from './verification'

/** The request body of `pb:provider-pacts-for-verification`, as the pact-js verifier sends it. */
export interface ForVerificationRequest {
  provider: string
  consumerVersionSelectors: readonly ConsumerVersionSelector[]
  includePendingStatus: boolean
  includeWipPactsSince?: string
  providerVersionBranch?: string
}

/** One pact to verify, with what the broker said about it. */
export interface BrokerPact {
  /** The pact's URL on the broker: the verifier fetches it there and publishes results to it. */
  url: string
  /** Why the broker selected it, e.g. "latest pact for a consumer version from main". */
  reason: string | undefined
  /** A pending pact's failure does not fail the provider's build. */
  pending: boolean
  /** Work in progress: selected because of includeWipPactsSince (always pending). */
  wip: boolean
  /** The pact document as the broker serves it (with its `_links`). */
  content: { [key: string]: unknown }
}

const IndexSchema = z.object({
  _links: z.record(z.string(), z.unknown()),
})

const LinkSchema = z.object({ href: z.string().min(1) })

const ForVerificationResponseSchema = z.object({
  _embedded: z.object({
    pacts: z.array(
      z.object({
        shortDescription: z.string().optional(),
        verificationProperties: z
          .object({ pending: z.boolean().optional(), wip: z.boolean().optional() })
          .optional(),
        _links: z.object({ self: LinkSchema }),
      }),
    ),
  }),
})

const PactDocumentSchema = z.looseObject({
  consumer: z.object({ name: z.string() }),
  provider: z.object({ name: z.string() }),
})

const FOR_VERIFICATION_RELATION = 'pb:provider-pacts-for-verification'

/**
 * The broker's selection for a provider: index → `pb:provider-pacts-for-verification` →
 * `POST` → each pact. Pacts come back in the broker's order, which is the order they are
 * verified in.
 */
export async function fetchPactsForVerification(
  request: ForVerificationRequest,
  config: BrokerConfig,
  http: AxiosInstance = brokerHttp(config),
): Promise<BrokerPact[]> {
  const secrets = brokerSecrets(config)
  const indexUrl = `${config.baseUrl}/`
  const index = await call(http, 'GET', indexUrl, undefined, secrets)
  const links = parse(
    IndexSchema,
    index,
    `GET ${indexUrl}: the index has no _links`,
    secrets,
  )._links
  const link = LinkSchema.safeParse(links[FOR_VERIFICATION_RELATION])
  if (!link.success) {
    throw new BrokerError(
      'BROKER_UNEXPECTED_RESPONSE',
      redact(
        `GET ${indexUrl}: the index has no ${FOR_VERIFICATION_RELATION} relation (it needs Pact Broker 2.x or PactFlow)`,
        secrets,
      ),
    )
  }
  const href = link.data.href.replace('{provider}', encodeURIComponent(request.provider))
  const { provider: _, ...body } = request
  // A real broker answers 404 for a provider no pact names yet: nothing to verify, which the
  // caller reports as a selection of nothing (not as a wrong URL or wrong credentials).
  const answer = await call(http, 'POST', href, body, secrets, { notFound: null })
  if (answer === null) return []
  const selection = parse(
    ForVerificationResponseSchema,
    answer,
    `POST ${href}: the pacts-for-verification answer has no _embedded.pacts`,
    secrets,
  )
  const pacts: BrokerPact[] = []
  for (const selected of selection._embedded.pacts) {
    const url = selected._links.self.href
    pacts.push({
      url,
      reason: selected.shortDescription,
      pending: selected.verificationProperties?.pending ?? false,
      wip: selected.verificationProperties?.wip ?? false,
      content: await fetchContent(http, url, secrets),
    })
  }
  return pacts
}

/**
 * One pact by its URL, e.g. `${pactbroker.pactUrl}` from a webhook. Without a selection there
 * is no pending status: like pact-js with `pactUrls`, a failure of this pact fails the build.
 *
 * @throws BrokerError when the URL is not on the configured broker: the credentials would go
 * to whatever host the URL names.
 */
export async function fetchPactAtUrl(
  url: string,
  config: BrokerConfig,
  http: AxiosInstance = brokerHttp(config),
): Promise<BrokerPact> {
  assertOnBroker(url, config)
  const content = await fetchContent(http, url, brokerSecrets(config))
  return { url, reason: 'the pact URL given', pending: false, wip: false, content }
}

/** Same origin and under the base path of PACT_BROKER_BASE_URL. */
export function assertOnBroker(url: string, config: BrokerConfig): void {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    throw new BrokerError('PACT_URL_NOT_ON_BROKER', 'not an absolute URL')
  }
  const base = new URL(`${config.baseUrl}/`)
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) {
    throw new BrokerError(
      'PACT_URL_NOT_ON_BROKER',
      redact(
        `${target.origin}${target.pathname} is outside ${base.origin}${base.pathname}`,
        brokerSecrets(config),
      ),
    )
  }
}

/** An HTTP client that sends the broker's credentials: use it for broker URLs only. */
export function brokerHttp(config: BrokerConfig): AxiosInstance {
  const auth = config.auth
  return axios.create({
    timeout: config.timeoutMs,
    headers: {
      Accept: 'application/hal+json, application/json',
      ...(auth.kind === 'token' ? { Authorization: `Bearer ${auth.token}` } : {}),
    },
    ...(auth.kind === 'basic'
      ? { auth: { username: auth.username, password: auth.password } }
      : {}),
    // Every status is an answer to report, not an exception carrying the request's headers.
    validateStatus: () => true,
    maxRedirects: 0,
  })
}

async function fetchContent(
  http: AxiosInstance,
  url: string,
  secrets: readonly string[],
): Promise<{ [key: string]: unknown }> {
  const document = await call(http, 'GET', url, undefined, secrets)
  return parse(PactDocumentSchema, document, `GET ${url}: the answer is not a pact`, secrets)
}

async function call(
  http: AxiosInstance,
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  secrets: readonly string[],
  options: { notFound?: null } = {},
): Promise<unknown> {
  let response: AxiosResponse<unknown>
  try {
    response = await http.request({ method, url, data: body })
  } catch (error) {
    // The error object holds the request configuration, headers included: only its code and
    // message are used.
    const timedOut = isAxiosError(error) && ['ECONNABORTED', 'ETIMEDOUT'].includes(error.code ?? '')
    throw new BrokerError(
      timedOut ? 'BROKER_UNAVAILABLE' : 'BROKER_REQUEST_FAILED',
      redact(`${method} ${url}: ${requestCause(error, http)}`, secrets),
    )
  }
  if (response.status === 404 && 'notFound' in options) return options.notFound
  if (response.status < 200 || response.status >= 300) {
    const text = typeof response.data === 'string' ? response.data : JSON.stringify(response.data)
    throw new BrokerError(
      response.status >= 500 ? 'BROKER_UNAVAILABLE' : 'BROKER_REQUEST_FAILED',
      redact(
        `${method} ${url} answered ${response.status}: ${(text ?? '').slice(0, 300)}`,
        secrets,
      ),
    )
  }
  // axios hands over the text when it is not JSON (an HTML page, a cut answer).
  if (typeof response.data === 'string') {
    const type = String(response.headers['content-type'] ?? 'no content type')
    throw new BrokerError(
      'BROKER_UNEXPECTED_RESPONSE',
      redact(
        `${method} ${url} answered ${response.status} with ${type} that is not JSON: ${JSON.stringify(response.data.slice(0, 80))}`,
        secrets,
      ),
    )
  }
  return response.data
}

/** Why a request got no answer: the timeout in words, else the network error's code. */
export function requestCause(error: unknown, http: AxiosInstance): string {
  if (!isAxiosError(error)) return String(error)
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
    const ms = http.defaults.timeout ?? 0
    return `no complete answer within ${ms / 1000} s`
  }
  return error.code ?? error.message
}

function parse<T>(
  schema: z.ZodType<T>,
  data: unknown,
  problem: string,
  secrets: readonly string[],
): T {
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''
    throw new BrokerError('BROKER_UNEXPECTED_RESPONSE', redact(`${problem}${where}`, secrets))
  }
  return parsed.data
}
