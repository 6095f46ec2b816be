/** What a verification found, interaction by interaction. */
import { describeFailure, rootCauseFirst, type VerificationFailure } from './failure'
import { originOf, type PactInteraction } from './pacts'
import { kindOf } from './selection'
import type { StateFailure } from './states'
import type { InteractionKind } from './verify-options'

export interface ResultBase {
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
}

/** What every result says of its interaction. */
export function base(i: PactInteraction, consumer: string): ResultBase {
  return {
    description: i.description,
    spec: originOf(i),
    states: (i.providerStates ?? []).map((s) => s.name),
    interaction: kindOf(i),
    consumer,
  }
}

/** A failed result, root cause first and each failure in words. */
export function failed(
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
