/**
 * Verifies pacts against a running provider with the real Pact verifier (core-run.ts) behind
 * specpact's gateway (gateway.ts), with specpact's guards: an explicit pact source, zero
 * interactions is a failure, state and transport failures fail their interaction by name with
 * the cause, every wait is bounded, and real tokens reach the provider without ever being
 * written or printed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { VerifierOptions } from '@pact-foundation/pact'
import { tokenTypeOfDummy, withRealToken } from '../contract'
import { type SpecpactErrorOptions, UserError } from '../shared'
import { type CoreRunOptions, type CoreSource, failureSections, runCore } from './core-run'
import { describeFailure, rootCauseFirst, type VerificationFailure } from './failure'
import { failuresOf } from './failures'
import { checkFilterItems, filterItemsOf } from './filter-items'
import { startGateway } from './gateway'
import { isMessage, messageProviders } from './messages'
import {
  originOf,
  type PactInteraction,
  type PactJson,
  readPact,
  type Shard,
  selectShard,
} from './pacts'
import { probe } from './reachability'
import { brokerSecrets, type Redact, redactor } from './redact'
import {
  DEFAULT_STATE_TIMEOUT_MS,
  type StateFailure,
  StateRuntime,
  type StateSource,
} from './states'

export interface VerifyOptions {
  pactFiles: readonly string[]
  /**
   * One pact fetched from a Pact Broker, verified instead of `pactFiles`: at its broker URL,
   * not from a copy, so that the verifier can publish the result to the broker (remote.ts).
   */
  remote?: RemotePact
  provider: string
  providerBaseUrl: string
  states: StateSource
  /** Configured values (business_id, …) available to every interaction. */
  variables?: Readonly<Record<string, string>>
  /** Token type → real token, sent instead of the pact's dummy bearer token. */
  tokens?: Readonly<Record<string, string>>
  shard?: Shard
  /**
   * PEM CA bundle to trust instead of the system store (default `SPECPACT_CA_FILE`): TLS
   * stays verified and, with a small bundle, https verification is as fast as plain http.
   */
  caFile?: string
  /** Interactions per verifier run (default `CHUNK_SIZE`); local files only. */
  chunkSize?: number
  logLevel?: 'error' | 'warn' | 'info' | 'debug'
  /** Longest wait for the provider's answer to one interaction (default 15 s). */
  requestTimeoutMs?: number
  /** Longest wait for one state-change or message URL call (default 10 s). */
  stateTimeoutMs?: number
  /** Which interactions to verify (default all). */
  select?: Selection
}

/** Choosing interactions: by description (a regex, as the Pact tools' filter) and by kind. */
export interface Selection {
  description?: RegExp
  kinds?: ReadonlyArray<InteractionKind>
}

export type InteractionKind = 'http' | 'message'

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000

/** How long to wait for the first answer of each URL before verifying. */
const PROBE_TIMEOUT_MS = 5_000

export interface RemotePact {
  url: string
  pact: PactJson
  /** How long the broker may take to answer one request; bounds the core's run (default 0). */
  brokerTimeoutMs?: number
  /** Credentials for the URL and result publishing; never a broker URL (no second source). */
  verifier: Pick<
    VerifierOptions,
    | 'pactBrokerToken'
    | 'pactBrokerUsername'
    | 'pactBrokerPassword'
    | 'publishVerificationResult'
    | 'providerVersion'
    | 'providerVersionBranch'
    | 'buildUrl'
  >
}

interface ResultBase {
  description: string
  spec: string | undefined
  states: string[]
  interaction: InteractionKind
  consumer: string
}

export type InteractionResult =
  | ({ kind: 'passed' } & ResultBase)
  | ({
      kind: 'failed'
      /** Why, root cause first. */
      failures: VerificationFailure[]
      /** `failures` in words (describeFailure). */
      reasons: string[]
      /** The Pact core's report for this interaction (its diffs), when it has one. */
      detail?: string
    } & ResultBase)

export interface VerifyResult {
  ok: boolean
  results: InteractionResult[]
  stateFailures: StateFailure[]
  /** The Pact core's whole report, redacted (shown with --verbose). */
  report: string
  /**
   * What the core logged about publishing the result, redacted: it only logs a refused or
   * failed publication (and still passes), so this is the cause when the broker lacks it.
   */
  publishLog: string[]
}

/** Verification could not run (no pacts, nothing to verify, the verifier failed): exit 1. */
export class VerifyError extends UserError {
  override name = 'VerifyError'
  constructor(message: string, options?: SpecpactErrorOptions) {
    super('verification-failed', message, options)
  }
}

export async function verifyPacts(options: VerifyOptions): Promise<VerifyResult> {
  const { remote } = options
  if (remote && options.shard) {
    throw new VerifyError(
      'a broker pact cannot be split into shards: its published result would stand for the whole pact',
    )
  }
  const all = remote ? [remote.pact] : await Promise.all(options.pactFiles.map(readPact))
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
    ok: outcomes.every((o) => o.ok) && results.every((r) => r.kind === 'passed'),
    results,
    stateFailures: runtime.failures,
    report: outcomes.map((o) => o.report).join('\n'),
    publishLog: outcomes.flatMap((o) => o.publishLog),
  }
  return redactResult(result, redact)
}

/**
 * A broker pact as the core's source. The broker is the one the pact URL is on
 * (`PACT_BROKER_BASE_URL` when the URL lies under it, else the URL's origin).
 */
function brokerSource(remote: RemotePact): CoreSource {
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

function publishingOf(remote: RemotePact) {
  const v = remote.verifier
  if (!v.publishVerificationResult || !v.providerVersion) return undefined
  return {
    providerVersion: v.providerVersion,
    ...(v.providerVersionBranch ? { providerBranch: v.providerVersionBranch } : {}),
    ...(v.buildUrl ? { buildUrl: v.buildUrl } : {}),
  }
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

export const kindOf = (i: PactInteraction): InteractionKind => (isMessage(i) ? 'message' : 'http')

/** The pacts with only the selected interactions (pacts left empty are dropped). */
export function selectInteractions(
  pacts: readonly PactJson[],
  select: Selection | undefined,
): PactJson[] {
  if (!select?.description && !select?.kinds) return [...pacts]
  const keep = (i: PactInteraction) =>
    (!select.description || select.description.test(i.description)) &&
    (!select.kinds || select.kinds.includes(kindOf(i)))
  return pacts
    .map((p) => ({ ...p, interactions: p.interactions.filter(keep) }))
    .filter((p) => p.interactions.length > 0)
}

function describeSelection(select: Selection | undefined): string {
  const parts: string[] = []
  if (select?.description) parts.push(`descriptions matching /${select.description.source}/`)
  if (select?.kinds) parts.push(`kind ${select.kinds.join(' or ')}`)
  return parts.join(', ')
}

/**
 * Interactions per verifier run. The Pact core's cost per interaction grows with the size of
 * the pact it verifies (≈9 ms at 100 interactions, ≈27 ms at 1,000 on these machines), so a
 * large selection is verified as pieces of this size, one verifier run each: flat in N.
 */
export const CHUNK_SIZE = 100

/** Each pact split into pieces of at most `size` interactions, in order. */
export function chunkPacts(pacts: readonly PactJson[], size: number): PactJson[] {
  return pacts.flatMap((pact) => {
    const pieces: PactJson[] = []
    for (let at = 0; at < pact.interactions.length; at += size)
      pieces.push({ ...pact, interactions: pact.interactions.slice(at, at + size) })
    return pieces
  })
}

interface RunContext {
  options: VerifyOptions
  runtime: StateRuntime
  messages: ReturnType<typeof messageProviders>
}

interface RunOutcome {
  ok: boolean
  results: InteractionResult[]
  report: string
  publishLog: string[]
}

function base(i: PactInteraction, consumer: string) {
  return {
    description: i.description,
    spec: originOf(i),
    states: (i.providerStates ?? []).map((s) => s.name),
    interaction: kindOf(i),
    consumer,
  }
}

/** An answer's body as JSON, or undefined when it is not JSON (nothing to check then). */
function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

function failed(
  i: PactInteraction,
  consumer: string,
  failures: VerificationFailure[],
  detail?: string,
): InteractionResult {
  const ordered = rootCauseFirst(failures)
  return {
    kind: 'failed',
    ...base(i, consumer),
    failures: ordered,
    reasons: ordered.map(describeFailure),
    ...(detail ? { detail } : {}),
  }
}

/**
 * One piece of a local verification: specpact's gateway in front of the provider and the
 * Pact core's verifier in a child process (core-run.ts) against it.
 */
async function runLocal(
  { options, runtime, messages }: RunContext,
  source: CoreSource,
  dir: string,
  pact: PactJson,
  publish?: CoreRunOptions['publish'],
): Promise<RunOutcome> {
  const interactions = pact.interactions
  const tokens = options.tokens ?? {}
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const stateTimeoutMs = options.stateTimeoutMs ?? DEFAULT_STATE_TIMEOUT_MS
  const http = interactions.filter((i) => !isMessage(i))
  // What Pact cannot check of a filter contract's list: its items carry the filter values.
  const itemChecks = new Map(
    http.flatMap((i, k) => {
      const check = filterItemsOf(i)
      return check ? [[k, check] as const] : []
    }),
  )
  const itemFailures = new Map<number, VerificationFailure[]>()
  const gateway = await startGateway({
    inspect: (index, status, body) => {
      const check = itemChecks.get(index)
      if (!check || status >= 300) return
      const found = checkFilterItems(check, parseBody(body), (expression) => {
        const { params, missing } = runtime.resolve({ value: expression })
        return missing.length > 0 ? undefined : params.value
      })
      if (found.length > 0) itemFailures.set(index, found)
    },
    providerBaseUrl: options.providerBaseUrl,
    runtime,
    messages,
    messageDescriptions: new Set(interactions.filter(isMessage).map((i) => i.description)),
    requestTimeoutMs,
    // The real token goes where the dummy was, so the scheme (Bearer, Admin, Token) stays.
    authorize: (header) => {
      const type = tokenTypeOfDummy(header)
      const real = type ? tokens[type] : undefined
      return real && header ? withRealToken(header, real) : header
    },
  })
  // The gateway answers every call within its own timeouts; the core waits a little longer,
  // and the whole run is bounded by what its interactions may take.
  const perInteraction =
    requestTimeoutMs +
    stateTimeoutMs * (1 + Math.max(1, ...interactions.map((i) => (i.providerStates ?? []).length)))
  // Start-up, and for a broker pact fetching it and publishing the result: the core waits for
  // ever on a silent broker, so the broker's timeout (twice) bounds that part when known.
  const baseMs =
    source.kind === 'broker-pact' && source.brokerTimeoutMs
      ? 10_000 + 2 * source.brokerTimeoutMs
      : 30_000
  const deadlineMs = baseMs + perInteraction * interactions.length
  let core: Awaited<ReturnType<typeof runCore>>
  try {
    core = await runCore({
      source,
      ...(publish ? { publish } : {}),
      provider: options.provider,
      gatewayPort: gateway.port,
      requestTimeoutMs: Math.max(requestTimeoutMs, stateTimeoutMs) + 5_000,
      ...(options.caFile ? { caFile: options.caFile } : {}),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
      deadlineMs,
      dir,
    })
  } finally {
    await gateway.close()
  }
  const coreFailures = failuresOf(core.json)
  if (core.killed || (core.code !== 0 && coreFailures.size === 0 && core.json === '')) {
    const deadline = Math.round(deadlineMs / 1000)
    const why = !core.killed
      ? `ended with exit code ${core.code} and no report`
      : source.kind === 'broker-pact'
        ? `was stopped at its deadline (${deadline} s): the Pact Broker at ${source.brokerUrl} did not answer it in time (it fetches the pact there and publishes the result; SPECPACT_BROKER_TIMEOUT sets how long each may take)`
        : `was stopped at its deadline (${deadline} s)`
    throw new VerifyError(
      `the Pact verifier ${why}: ${(core.stderr || core.report).trim().slice(-800)}`,
    )
  }
  const sections = failureSections(
    core.report,
    interactions.map((i) => i.description),
  )
  const consumer = pact.consumer.name
  const results = interactions.map((i): InteractionResult => {
    const early = isMessage(i)
      ? messages.failures.get(i.description)
      : gateway.failures.get(http.indexOf(i))
    if (early) return failed(i, consumer, [early])
    const found = [...coreFailures.entries()].find(
      ([name]) => name === i.description || name.endsWith(` - ${i.description}`),
    )?.[1]
    const items = isMessage(i) ? undefined : itemFailures.get(http.indexOf(i))
    if (found || items)
      return failed(i, consumer, [...(found ?? []), ...(items ?? [])], sections.get(i.description))
    return { kind: 'passed', ...base(i, consumer) }
  })
  const ok = core.code === 0
  if (!ok && results.every((r) => r.kind === 'passed')) {
    const what = [...coreFailures].map(
      ([name, f]) => `${name}: ${f.map(describeFailure).join('; ')}`,
    )
    throw new VerifyError(
      `the Pact verifier failed: ${what.join('\n') || core.report.slice(-500)}`.slice(0, 1000),
    )
  }
  return {
    ok,
    results,
    report: core.report,
    publishLog: publish ? publishLines(`${core.report}\n${core.stderr}`) : [],
  }
}

/**
 * The core's log lines about publishing the result, e.g. `2026-…Z ERROR main pact_verifier:
 * Publishing of verification results failed with an error: … 503 Service Unavailable. URL: …`,
 * without the timestamp. The core logs them into its report, and only at error level here.
 */
function publishLines(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => /\bERROR\b/.test(line) && /publish/i.test(line))
    .map((line) => line.replace(/^\S+Z\s+ERROR\s+\S+\s+[\w:]+:\s*/, '').trim())
    .map((line) => line.slice(0, 600))
    .slice(-5)
}
