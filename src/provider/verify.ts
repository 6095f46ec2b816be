/**
 * Verifies pacts against a running provider with the real Pact verifier (core-run.ts) behind
 * specpact's gateway (gateway.ts), with specpact's guards: an explicit pact source, zero
 * interactions is a failure, state and transport failures fail their interaction by name with
 * the cause, every wait is bounded, and real tokens reach the provider without ever being
 * written or printed. The options and results: verify-types.ts; one verifier run:
 * run-local.ts; the interactions chosen: verify-selection.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brokerSource, publishingOf } from './broker-source'
import { messageProviders } from './messages'
import { providerOfPacts, readPact, selectShard } from './pacts'
import { probe } from './reachability'
import { brokerSecrets, type Redact, redactor } from './redact'
import { type RunContext, type RunOutcome, runLocal } from './run-local'
import { DEFAULT_STATE_TIMEOUT_MS, StateRuntime } from './states'
import { CHUNK_SIZE, chunkPacts, describeSelection, selectInteractions } from './verify-selection'
import {
  type NamedVerifyOptions,
  VerifyError,
  type VerifyOptions,
  type VerifyResult,
} from './verify-types'

export { CHUNK_SIZE, chunkPacts, kindOf, selectInteractions } from './verify-selection'
export {
  DEFAULT_REQUEST_TIMEOUT_MS,
  type InteractionKind,
  type InteractionResult,
  type PactUrlVerifierOptions,
  type RemotePact,
  type Selection,
  VerifyError,
  type VerifyOptions,
  type VerifyResult,
} from './verify-types'

/** How long to wait for the first answer of each URL before verifying. */
const PROBE_TIMEOUT_MS = 5_000

export async function verifyPacts(given: VerifyOptions): Promise<VerifyResult> {
  const { remote } = given
  if (remote && given.shard) {
    throw new VerifyError(
      'a broker pact cannot be split into shards: its published result would stand for the whole pact',
    )
  }
  const all = remote ? [remote.pact] : await Promise.all(given.pactFiles.map(readPact))
  const options: NamedVerifyOptions = {
    ...given,
    provider: given.provider ?? providerOfPacts(all),
  }
  const selected = selectShard(
    selectInteractions(
      all.filter((p) => p.provider.name === options.provider),
      options.select,
    ),
    options.shard,
  )
  const interactions = selected.flatMap((p) => p.interactions)
  if (interactions.length === 0) {
    const where = remote
      ? `the pact at ${remote.url}`
      : options.pactFiles.length === 0
        ? 'no pact files given'
        : `${options.pactFiles.length} pact file(s) read`
    const filter = describeSelection(options.select)
    throw new VerifyError(
      `no interactions to verify for provider "${options.provider}" (${where}${filter ? `, ${filter}` : ''}${options.shard ? `, shard ${options.shard.index}/${options.shard.total}` : ''}); verifying nothing is not a pass`,
    )
  }
  const redact = redactorFor(options)
  await checkReachable(options)
  const stateTimeoutMs = options.stateTimeoutMs ?? DEFAULT_STATE_TIMEOUT_MS
  const runtime = new StateRuntime(options.states, options.variables ?? {}, stateTimeoutMs)
  // Message interactions are asked for by description, so their failures are kept by it.
  const messages = messageProviders(interactions, options.states, runtime, stateTimeoutMs)
  const run: RunContext = { options, runtime, messages }
  const outcomes: RunOutcome[] = []
  try {
    const dir = await mkdtemp(join(tmpdir(), 'specpact-verify-'))
    try {
      if (remote) {
        const source = brokerSource(remote)
        outcomes.push(await runLocal(run, source, dir, remote.pact, publishingOf(remote)))
      } else {
        for (const [n, piece] of chunkPacts(selected, options.chunkSize ?? CHUNK_SIZE).entries()) {
          const file = join(dir, `pact-${n}.json`)
          await writeFile(file, JSON.stringify(piece))
          outcomes.push(await runLocal(run, { kind: 'file', file }, dir, piece))
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  } catch (error) {
    if (error instanceof VerifyError) throw new VerifyError(redact(error.message))
    throw error
  }
  const results = outcomes.flatMap((o) => o.results)
  const result: VerifyResult = {
    provider: options.provider,
    ok: outcomes.every((o) => o.ok) && results.every((r) => r.kind === 'passed'),
    results,
    stateFailures: runtime.failures,
    report: outcomes.map((o) => o.report).join('\n'),
    publishLog: outcomes.flatMap((o) => o.publishLog),
  }
  return redactResult(result, redact)
}

/** Every secret the run knows of: the real tokens and the broker's credentials. */
function redactorFor(options: VerifyOptions): Redact {
  const broker = brokerSecrets()
  const v = options.remote?.verifier
  return redactor(
    [
      ...Object.values(options.tokens ?? {}),
      ...broker.secrets,
      v?.pactBrokerToken,
      v?.pactBrokerPassword,
    ],
    [...broker.pairs, [v?.pactBrokerUsername, v?.pactBrokerPassword]],
  )
}

/** The result with every secret replaced, in every string it holds. */
function redactResult(result: VerifyResult, redact: Redact): VerifyResult {
  return JSON.parse(redact(JSON.stringify(result))) as VerifyResult
}

/** The provider, a state-change URL and a message URL must answer before anything is sent. */
async function checkReachable(options: VerifyOptions): Promise<void> {
  const targets: Array<[string, string]> = [['the provider', options.providerBaseUrl]]
  if (options.states.kind === 'url') {
    targets.push(['the state-change URL', options.states.url])
    if (options.states.messageUrl) targets.push(['the message URL', options.states.messageUrl])
  }
  const timeout = Math.min(PROBE_TIMEOUT_MS, options.requestTimeoutMs ?? PROBE_TIMEOUT_MS)
  const problems = (
    await Promise.all(targets.map(([what, url]) => probe(what, url, timeout)))
  ).filter((p) => p !== undefined)
  if (problems.length > 0)
    throw new VerifyError(
      problems.map((p) => `cannot reach ${p.what} at ${p.url}: ${p.cause}`).join('\n'),
    )
}
