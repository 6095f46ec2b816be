/**
 * What `specpact coverage` reports: per provider, every documented operation × status (and
 * webhook event) with the interactions that cover it, the fields consumers extract and
 * whether an interaction verifies them, where interactions drift from the OpenAPI, and
 * where specs disagree with each other. Pure data, serialised as the JSON report as is.
 */

/** Where a finding points in a spec file. */
export interface SpecLocation {
  file: string
  line: number
}

/** The last verification result of an interaction, when verification output was given. */
export type VerificationState = 'passed' | 'failed' | 'not-run'

/** One interaction, as coverage sees it: from a consumer's pact, where it came from. */
export interface CoveringInteraction {
  consumer: string
  description: string
  kind: 'http' | 'message'
  /** The spec it was translated from; absent for interactions read from pact files. */
  spec: SpecLocation | undefined
  verification: VerificationState
}

/** A documented response of an operation: `201`, `4XX` or `default`. */
export interface StatusCoverage {
  status: string
  interactions: CoveringInteraction[]
}

export interface OperationCoverage {
  method: string
  /** Full path template, base path included: `/business/communication/channels/{uid}`. */
  path: string
  operationId: string | undefined
  /** The OpenAPI file that documents it. */
  source: string
  statuses: StatusCoverage[]
}

/** A webhook event the provider documents (`webhooks` / `x-webhooks`) or a consumer expects. */
export interface EventCoverage {
  event: string
  /** False for an event only a message interaction names. */
  documented: boolean
  interactions: CoveringInteraction[]
}

/** An interaction whose request or status no documented operation answers. */
export interface UndocumentedInteraction {
  interaction: CoveringInteraction
  method: string
  path: string
  /** `path`: no operation matches; `status`: the operation does not document the status. */
  reason: 'path' | 'status'
  status: number | undefined
}

export interface CoverageFigures {
  /** Documented operation × status cells, plus documented events. */
  total: number
  covered: number
  /** covered / total × 100, one decimal; 100 when nothing is documented. */
  percent: number
  operations: number
  operationsCovered: number
}

export interface ProviderCoverage {
  provider: string
  consumers: string[]
  /** OpenAPI files read for this provider; empty when none is configured. */
  sources: string[]
  operations: OperationCoverage[]
  events: EventCoverage[]
  undocumented: UndocumentedInteraction[]
  figures: CoverageFigures
}

/**
 * - `verified`: an interaction carries the path and passed the last verification;
 * - `contracted`: an interaction carries it, no verification result was given;
 * - `failed`: every interaction carrying it failed its last verification;
 * - `unverified`: no interaction's response contains it.
 */
export type ExtractState = 'verified' | 'contracted' | 'failed' | 'unverified'

/** A value a spec step extracts from a response, which a later step relies on. */
export interface ExtractCoverage {
  consumer: string
  provider: string | undefined
  /** `POST /business/communication/channels` (the documented template when one matches). */
  endpoint: string
  variable: string
  path: string
  spec: SpecLocation
  step: string
  /** Whether the provider's OpenAPI response declares the path; undefined without one. */
  documented: boolean | undefined
  state: ExtractState
  /** Descriptions of the interactions whose response contains the path. */
  interactions: string[]
}

/** Where an interaction disagrees with its provider's OpenAPI, per PactFlow's comparator. */
export interface DriftFinding {
  provider: string
  consumer: string
  interaction: string
  severity: 'error' | 'warning'
  /** The comparator's code, e.g. `response.body.incompatible`. */
  code: string
  message: string
  /** In the pact: `[root].interactions[3].response.body.data.uid`. */
  pactLocation: string | undefined
  /** In the OpenAPI: `[root].paths./channels.post.responses.201…`. */
  specLocation: string | undefined
  spec: SpecLocation | undefined
  /** The extracts that put the field in the pact, for a finding about a response field. */
  extractedBy: SpecLocation[]
}

/** Specs that disagree with each other about one endpoint. */
export type Conflict =
  | {
      kind: 'extract'
      endpoint: string
      variable: string
      /** Each path the variable is read from, with the specs that read it there. */
      variants: Array<{ path: string; documented: boolean | undefined; uses: SpecLocation[] }>
    }
  | {
      kind: 'status'
      endpoint: string
      /** Each distinct expectation (`201`, `200|201`) with the steps that hold it. */
      variants: Array<{ statuses: number[]; documented: boolean | undefined; uses: SpecLocation[] }>
    }

export interface CoverageSummary {
  providers: number
  total: number
  covered: number
  percent: number
  extracts: number
  unverifiedExtracts: number
  drift: { errors: number; warnings: number }
  conflicts: number
  /** Whether verification results were given. */
  verification: boolean
}

export interface CoverageReport {
  summary: CoverageSummary
  providers: ProviderCoverage[]
  extracts: ExtractCoverage[]
  drift: DriftFinding[]
  conflicts: Conflict[]
}
