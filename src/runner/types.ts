/**
 * The runner's data: what it is given (`RunOptions`) and what it returns (`RunResult`).
 * Results are plain, JSON-serialisable data; nothing here prints or throws.
 */
import type { AxiosInstance } from 'axios'
import type { HttpMethod } from '../spec'
import type { StepProblem } from './errors'
import type { EventSource, ReceivedEvent } from './events'
import type { RequestLimiter, RetryPolicy } from './retry'

export interface RunOptions {
  /** Where steps are sent, e.g. `https://api.example.com` or a Pact mock server URL. */
  baseURL: string
  /** Configured variables (`business_id`, …), looked up after extracted values. */
  variables?: Readonly<Record<string, string>>
  /**
   * Values known before the first step, treated like extracted ones: chain runs
   * (prerequisites, then the request) or supply provider-state values in consumer tests.
   */
  values?: Readonly<Record<string, unknown>>
  /** Token type → token. A step's `token`, else `defaultToken`, picks one. */
  tokens?: Readonly<Record<string, string>>
  /** Token type for steps that name none; without it such steps send no Authorization. */
  defaultToken?: string
  /**
   * The Authorization template for a token type on a step's path, `{token}` standing for
   * the token (`Admin {token}`, `Token token="{token}"`). Default `Bearer {token}`.
   */
  authScheme?: (tokenType: string, path: string) => string
  /** Where steps marked `useFallback` / `useFallbackApi` are sent. */
  fallbackBaseURL?: string
  /** The HTTP client; a fresh `axios.create()` when absent. */
  axios?: AxiosInstance
  /** The clock for built-in variables; read once per run. */
  now?: () => Date
  /** How a step's `sleep` waits; tests inject one that returns at once. */
  sleep?: (ms: number) => Promise<void>
  /** Per-request timeout. Default 30 000 ms. */
  timeoutMs?: number
  /** Retries on 429, 5xx and timeouts (see `retry.ts`). Default: none. */
  retry?: RetryPolicy
  /** A request budget, shared by runs that go on at the same time. */
  limiter?: RequestLimiter
  /** Where webhooks that steps `waitFor` arrive. Without it such steps fail at once. */
  events?: EventSource
}

/** A request body as it was sent. */
export type RecordedBody =
  | { kind: 'json'; value: unknown }
  /** `fields` after template resolution, `encoded` exactly as sent. */
  | { kind: 'form'; fields: Record<string, unknown>; encoded: string }

/** The request as sent, with `Authorization` redacted to `Bearer ***`. */
export interface RecordedRequest {
  method: HttpMethod
  /** Full URL including the query string. */
  url: string
  /** The headers specpact set (not those the HTTP client adds, such as User-Agent). */
  headers: Record<string, string>
  body: RecordedBody | undefined
}

export interface RecordedResponse {
  status: number
  headers: Record<string, string>
  /** Parsed JSON when the body is JSON, else the text; undefined when empty. */
  body: unknown
}

interface StepBase {
  stepId: string
  description: string | undefined
}

interface Executed extends StepBase {
  /** Undefined only when the request could not be built (e.g. an unknown variable). */
  request: RecordedRequest | undefined
  response: RecordedResponse | undefined
  /** Values this step extracted (also on failure, for the paths that matched). */
  extracted: Record<string, unknown>
  durationMs: number
  /** How often the request went out (0 when it could not be built; >1 after retries). */
  attempts: number
}

/** The outcome of one step. */
export type StepResult =
  | (Executed & {
      kind: 'passed'
      request: RecordedRequest
      response: RecordedResponse
      /** The webhook the step waited for (`waitFor`). */
      webhook?: ReceivedEvent
    })
  /** A response arrived but was not what the step expects. */
  | (Executed & {
      kind: 'failed'
      request: RecordedRequest
      response: RecordedResponse
      problems: StepProblem[]
      reason: string
      onFail: 'abort' | 'continue'
    })
  /** No response: the request could not be built or sent. */
  | (Executed & {
      kind: 'error'
      problems: StepProblem[]
      reason: string
      onFail: 'abort' | 'continue'
    })
  /** The step failed and says `onFail: skip`: the run stops without failing. */
  | (Executed & { kind: 'skipped'; problems: StepProblem[]; reason: string; skipReason: string })
  /** An earlier step stopped the run. */
  | (StepBase & { kind: 'not-run'; reason: string })

export type StepKind = StepResult['kind']

/**
 * `passed`: every step passed. `failed`: a step failed or errored. `skipped`: nothing
 * failed, but a step with `onFail: skip` stopped the run — the spec could not be tested.
 */
export type RunOutcome = 'passed' | 'failed' | 'skipped'

export interface RunResult {
  /** True only when every step passed: a skipped run is not ok (see `outcome`). */
  ok: boolean
  outcome: RunOutcome
  steps: StepResult[]
  /** Every value known at the end: `options.values` plus what the steps extracted. */
  values: Record<string, unknown>
  /** The built-in values this run generated, by name (one value per name per run). */
  generated: Record<string, string>
}
