/**
 * Verifying pacts that live on a Pact Broker, with pending pacts.
 *
 * Why specpact fetches the broker's selection itself instead of giving the verifier the
 * broker (pactBrokerUrl + consumerVersionSelectors): specpact's guards need every interaction
 * and its order before the run — a provider state failure is reported on its interaction by
 * counting the requests the verifier makes, and zero interactions must fail. Were the
 * verifier to fetch its own selection, it could differ from the one read (a pact published in
 * between) and the count would blame the wrong interaction. So the caller fetches the
 * selection once (src/broker/pacts-for-verification.ts) and each selected pact is verified at
 * its own URL: a pact-version URL names immutable content, so the verifier reads exactly what
 * was read here, and since the URL carries the broker's `pb:publish-verification-results`
 * link, the verifier still publishes the result.
 *
 * The price: the verifier only knows a pact is pending when it fetched the selection itself.
 * The pending flag therefore comes from the same broker answer that listed the URL, and a
 * pending pact's failures are reported as pending here (published as failed, as the verifier
 * would, without failing the run).
 *
 * One verifier run per pact: failures are reported by interaction description, and two pacts
 * of one consumer (its main branch and what is deployed) usually share descriptions.
 */
import { PactFileSchema, type PactJson } from './pacts'
import type { StateFailure } from './states'
import {
  type InteractionResult,
  type RemotePact,
  VerifyError,
  type VerifyOptions,
  verifyPacts,
} from './verify'

/** A pact on the broker, as the broker selected it. */
export interface BrokerPactInput {
  url: string
  /** The pact document as fetched from `url`. */
  content: unknown
  pending: boolean
  wip: boolean
  /** Why the broker selected it. */
  reason: string | undefined
}

export interface RemoteVerifyOptions
  extends Omit<VerifyOptions, 'pactFiles' | 'remote' | 'shard' | 'provider'> {
  /** A broker's pacts are fetched for a provider: it is always named. */
  provider: string
  pacts: readonly BrokerPactInput[]
  verifier: RemotePact['verifier']
  /** How long the broker may take to answer one request (SPECPACT_BROKER_TIMEOUT). */
  brokerTimeoutMs?: number
}

export interface RemotePactResult {
  url: string
  consumer: string
  pending: boolean
  wip: boolean
  reason: string | undefined
  results: InteractionResult[]
  /** Every interaction verified. */
  ok: boolean
  /** What the verifier logged about publishing this pact's result (redacted). */
  publishLog: string[]
}

export interface RemoteVerifyResult {
  /** No failure outside pending pacts. */
  ok: boolean
  pacts: RemotePactResult[]
  stateFailures: StateFailure[]
}

/**
 * Verifies each pact in turn. Only this provider's interactions count; none at all is a
 * failure, not a pass.
 *
 * @throws VerifyError for zero interactions, a document that is not a pact, or a verifier
 * failure that names no interaction.
 */
export async function verifyRemotePacts(options: RemoteVerifyOptions): Promise<RemoteVerifyResult> {
  const { pacts, verifier, brokerTimeoutMs, ...common } = options
  const documents = pacts.map((p) => ({ input: p, pact: asPact(p.content, p.url) }))
  const mine = documents.filter(
    ({ pact }) => pact.provider.name === options.provider && pact.interactions.length > 0,
  )
  if (mine.length === 0) {
    throw new VerifyError(
      `no interactions to verify for provider "${options.provider}" (${pacts.length} pact(s) from the broker); verifying nothing is not a pass`,
    )
  }
  const out: RemotePactResult[] = []
  const stateFailures: StateFailure[] = []
  for (const { input, pact } of mine) {
    const run = await verifyPacts({
      ...common,
      pactFiles: [],
      remote: { url: input.url, pact, verifier, ...(brokerTimeoutMs ? { brokerTimeoutMs } : {}) },
    })
    stateFailures.push(...run.stateFailures)
    out.push({
      url: input.url,
      consumer: pact.consumer.name,
      pending: input.pending,
      wip: input.wip,
      reason: input.reason,
      results: run.results,
      ok: run.ok,
      publishLog: run.publishLog,
    })
  }
  return { ok: out.every((p) => p.ok || p.pending), pacts: out, stateFailures }
}

function asPact(content: unknown, url: string): PactJson {
  const parsed = PactFileSchema.safeParse(content)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const at = issue?.path.length ? issue.path.join('.') : '(root)'
    throw new VerifyError(`${url} is not a pact: ${at}: ${issue?.message ?? 'not a pact'}`)
  }
  return parsed.data
}
