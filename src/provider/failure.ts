/**
 * Why an interaction failed verification, as data. Every failure specpact reports is one of
 * these; `describeFailure` is the one place that turns them into words, and `rootCauseFirst`
 * the one order they are shown in: what broke before the provider answered (a state, the
 * connection, the message producer), then the status, then everything about the body.
 */

export type VerificationFailure =
  /** A provider state could not be set up; the interaction was not sent to the provider. */
  | { kind: 'state'; state: string; cause: string }
  /** The provider has no way to produce this message (no producer, no message URL). */
  | { kind: 'no-producer'; event: string | undefined; cause: string }
  /** The message producer (in-process or the message URL) failed. */
  | { kind: 'producer'; event: string | undefined; cause: string }
  /** The request never got an answer: refused, reset, timed out. */
  | { kind: 'transport'; url: string; cause: string }
  /** The provider answered with another status than the contract's. */
  | { kind: 'status'; expected: string; actual: string; text?: string }
  /** What the Pact core found wrong with the answer, at `path` (body, header, metadata, query). */
  | { kind: 'mismatch'; area: MismatchArea; path: string | undefined; text: string }
  /** Anything else the Pact core reported (kept as it said it). */
  | { kind: 'other'; text: string }

export type MismatchArea = 'body' | 'header' | 'query' | 'metadata' | 'path' | 'method' | 'other'

export function describeFailure(failure: VerificationFailure): string {
  switch (failure.kind) {
    case 'state':
      return `provider state "${failure.state}" failed: ${failure.cause}`
    case 'no-producer':
    case 'producer':
      return failure.cause
    case 'transport':
      return `${failure.url}: ${failure.cause}`
    case 'status':
      return failure.text ?? `expected ${failure.expected} but was ${failure.actual}`
    case 'mismatch':
      switch (failure.area) {
        case 'body':
          return failure.path && failure.path !== '/' && failure.path !== '$'
            ? `${failure.path}: ${failure.text}`
            : failure.text
        case 'header':
          return failure.path ? `header ${failure.path}: ${failure.text}` : failure.text
        case 'query':
          return failure.path ? `query ${failure.path}: ${failure.text}` : failure.text
        case 'metadata':
          return failure.path ? `metadata ${failure.path}: ${failure.text}` : failure.text
        default:
          return failure.text
      }
    case 'other':
      return failure.text
  }
}

const ORDER: Record<VerificationFailure['kind'], number> = {
  state: 0,
  transport: 1,
  'no-producer': 2,
  producer: 3,
  status: 4,
  mismatch: 5,
  other: 6,
}

/** The failures in the order a reader needs them: the root cause first, body details last. */
export function rootCauseFirst(failures: readonly VerificationFailure[]): VerificationFailure[] {
  return failures
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.kind] - ORDER[b.f.kind] || a.i - b.i)
    .map(({ f }) => f)
}

/** True for failures that happened before the provider's answer could be compared. */
export const isRootCause = (f: VerificationFailure) =>
  f.kind === 'state' || f.kind === 'transport' || f.kind === 'no-producer' || f.kind === 'producer'
