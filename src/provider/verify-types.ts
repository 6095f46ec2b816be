/** What a verification is asked to do and what it answers: options, results, its error. */
import type { VerifierOptions } from '@pact-foundation/pact'
import { type SpecpactErrorOptions, UserError } from '../shared'
import type { VerificationFailure } from './failure'
import type { PactJson, Shard } from './pacts'
import type { StateFailure, StateSource } from './states'

export interface VerifyOptions {
  pactFiles: readonly string[]
  /**
   * One pact fetched from a Pact Broker, verified instead of `pactFiles`: at its broker URL,
   * not from a copy, so that the verifier can publish the result to the broker (remote.ts).
   */
  remote?: RemotePact
  /** Default: `providerOfPacts` over the pact files. */
  provider?: string
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

export interface RemotePact {
  url: string
  pact: PactJson
  /** How long the broker may take to answer one request; bounds the core's run (default 0). */
  brokerTimeoutMs?: number
  /** Credentials for the URL and result publishing; never a broker URL (no second source). */
  verifier: PactUrlVerifierOptions
}

/** What the verifier needs to fetch broker pact URLs and publish results for them. */
export type PactUrlVerifierOptions = Pick<
  VerifierOptions,
  | 'pactBrokerToken'
  | 'pactBrokerUsername'
  | 'pactBrokerPassword'
  | 'publishVerificationResult'
  | 'providerVersion'
  | 'providerVersionBranch'
  | 'buildUrl'
>

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

/** Options once the provider to verify is known. */
export type NamedVerifyOptions = VerifyOptions & { provider: string }

export interface VerifyResult {
  /** The provider verified: the one asked for, else the one the pacts named. */
  provider: string
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
