/**
 * Verifies pacts against a running provider with the real pact-js Verifier, with specpact's
 * guards: an explicit pact source, zero interactions is a failure, state failures fail their
 * interaction by name, and real tokens reach the provider without ever being written.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Verifier, type VerifierOptions } from '@pact-foundation/pact'
import { tokenTypeOfDummy, withRealToken } from '../contract'
import { type SpecpactErrorOptions, UserError } from '../shared'
import { failuresOf } from './failures'
import { messageProviders } from './messages'
import {
  originOf,
  type PactInteraction,
  type PactJson,
  readPact,
  type Shard,
  selectShard,
} from './pacts'
import { type StateFailure, StateRuntime, type StateSource } from './states'
import { withVerifierTrust } from './trust'

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
}

export interface RemotePact {
  url: string
  pact: PactJson
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

export type InteractionResult =
  | { kind: 'passed'; description: string; spec: string | undefined; states: string[] }
  | {
      kind: 'failed'
      description: string
      spec: string | undefined
      states: string[]
      reasons: string[]
    }

export interface VerifyResult {
  ok: boolean
  results: InteractionResult[]
  stateFailures: StateFailure[]
}

/** Verification could not run (no pacts, nothing to verify, the verifier failed): exit 1. */
export class VerifyError extends UserError {
  override name = 'VerifyError'
  constructor(message: string, options?: SpecpactErrorOptions) {
    super('verification-failed', message, options)
  }
}

/** The parts of express's request/response the filter uses (express types are not a dependency). */
interface FilterRequest {
  path: string
  headers: Record<string, string | string[] | undefined> & { authorization?: string }
}
interface FilterResponse {
  status(code: number): { json(body: unknown): void }
}

/** Marks a response the request filter made up because a provider state failed. */
const STATE_FAILED_STATUS = 599

export async function verifyPacts(options: VerifyOptions): Promise<VerifyResult> {
  const { remote } = options
  if (remote && options.shard) {
    throw new VerifyError(
      'a broker pact cannot be split into shards: its published result would stand for the whole pact',
    )
  }
  const all = remote ? [remote.pact] : await Promise.all(options.pactFiles.map(readPact))
  const selected = selectShard(
    all.filter((p) => p.provider.name === options.provider),
    options.shard,
  )
  const interactions = selected.flatMap((p) => p.interactions)
  if (interactions.length === 0) {
    const where = remote
      ? `the pact at ${remote.url}`
      : options.pactFiles.length === 0
        ? 'no pact files given'
        : `${options.pactFiles.length} pact file(s) read`
    throw new VerifyError(
      `no interactions to verify for provider "${options.provider}" (${where}${options.shard ? `, shard ${options.shard.index}/${options.shard.total}` : ''}); verifying nothing is not a pass`,
    )
  }
  const runtime = new StateRuntime(options.states, options.variables ?? {})
  // Message interactions are asked for by description, so their failures are kept by it.
  const messages = messageProviders(interactions, options.states, runtime)
  const run: RunContext = { options, runtime, messages }
  const outcomes: RunOutcome[] = []
  if (remote) {
    outcomes.push(await runVerifier(run, [remote.url], remote.pact.interactions))
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'specpact-verify-'))
    try {
      for (const [n, piece] of chunkPacts(selected, options.chunkSize ?? CHUNK_SIZE).entries()) {
        const file = join(dir, `pact-${n}.json`)
        await writeFile(file, JSON.stringify(piece))
        outcomes.push(await runVerifier(run, [file], piece.interactions))
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  const results = outcomes.flatMap((o) => o.results)
  return {
    ok: outcomes.every((o) => o.ok) && results.every((r) => r.kind === 'passed'),
    results,
    stateFailures: runtime.failures,
  }
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
}

/** One pact-js Verifier run over `pactUrls`, which hold exactly `interactions`, in order. */
async function runVerifier(
  { options, runtime, messages }: RunContext,
  pactUrls: string[],
  interactions: readonly PactInteraction[],
): Promise<RunOutcome> {
  const { remote } = options
  const stateNames = new Set(
    interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)),
  )
  // The verifier replays HTTP interactions one at a time, in file order: request k is
  // interaction k, which lets a state failure be reported on its interaction.
  const blocked = new Map<number, StateFailure>()
  let requests = 0
  const tokens = options.tokens ?? {}
  const verifier = new Verifier({
    provider: options.provider,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls,
    ...remote?.verifier,
    stateHandlers: runtime.pactHandlers(stateNames) as never,
    messageProviders: messages.providers,
    logLevel: options.logLevel ?? 'error',
    failIfNoPactsFound: true,
    requestFilter: (req: FilterRequest, res: FilterResponse, next: () => void) => {
      // The filter also sees pact-js's own state-setup and message calls: let those through.
      if (req.path.startsWith('/_pactSetup') || req.path.startsWith('/_messages')) return next()
      const index = requests++
      const failure = runtime.beginRequest()
      if (failure) {
        blocked.set(index, failure)
        res
          .status(STATE_FAILED_STATUS)
          .json({ specpact: 'provider state setup failed', ...failure })
        return
      }
      // The real token goes where the dummy was, so the scheme (Bearer, Admin, Token) stays.
      const header = req.headers.authorization
      const type = tokenTypeOfDummy(header)
      const real = type ? tokens[type] : undefined
      if (real && header) req.headers.authorization = withRealToken(header, real)
      next()
    },
  })
  let output: string
  let ok: boolean
  const saved = hideBrokerEnv()
  try {
    // The URLs the Pact core itself connects to: pact-js's local proxy (plain http) and, for
    // a broker pact, the broker. The provider and a state-change URL are reached from Node
    // (the proxy verifies the provider's TLS with Node's own trust store), never by the core.
    const urls = remote ? [remote.url] : []
    output = await withVerifierTrust(urls, () => verifier.verifyProvider(), options.caFile)
    ok = true
  } catch (error) {
    output = error instanceof Error ? error.message : String(error)
    ok = false
  } finally {
    Object.assign(process.env, saved)
  }
  const failures = failuresOf(output)
  if (!ok && failures.size === 0)
    throw new VerifyError(`the Pact verifier failed: ${output.slice(0, 500)}`)
  const http = interactions.filter((i) => (i.type ?? 'Synchronous/HTTP') === 'Synchronous/HTTP')
  const results = interactions.map((i) => {
    const result = resultOf(i, failures)
    const messageFailure = messages.failures.get(i.description)
    if (messageFailure) return { ...result, kind: 'failed' as const, reasons: [messageFailure] }
    const failure = blocked.get(http.indexOf(i))
    if (!failure) return result
    const reason = `provider state "${failure.state}" failed: ${failure.cause}`
    return { ...result, kind: 'failed' as const, reasons: [reason] }
  })
  // A failure that names no interaction (e.g. a pact URL that could not be loaded) must not
  // leave every interaction looking verified.
  if (!ok && results.every((r) => r.kind === 'passed')) {
    const what = [...failures].map(([name, reasons]) => `${name}: ${reasons.join('; ')}`)
    throw new VerifyError(`the Pact verifier failed: ${what.join('\n')}`.slice(0, 1000))
  }
  return { ok, results }
}

function resultOf(i: PactInteraction, failures: Map<string, string[]>): InteractionResult {
  const states = (i.providerStates ?? []).map((s) => s.name)
  const spec = originOf(i)
  // The verifier names a failure "Verifying a pact between … - <description>".
  const reasons = [...failures.entries()].find(
    ([name]) => name === i.description || name.endsWith(` - ${i.description}`),
  )?.[1]
  return reasons
    ? { kind: 'failed', description: i.description, spec, states, reasons }
    : { kind: 'passed', description: i.description, spec, states }
}

/**
 * With PACT_BROKER_BASE_URL set, the verifier would also pull pacts from the broker; a
 * local verification must verify exactly the files it was given.
 */
function hideBrokerEnv(): Record<string, string> {
  const saved: Record<string, string> = {}
  for (const key of Object.keys(process.env)) {
    if (!key.startsWith('PACT_BROKER_')) continue
    saved[key] = process.env[key] as string
    delete process.env[key]
  }
  return saved
}
