/**
 * Waiting for webhooks. A step with `waitFor` passes only once a webhook of that event
 * arrives whose body holds every `match` value (JSONPath → value, after templates), within
 * `timeout`. Webhooks arrive at `specpact run`'s listener; the runner only asks it, through
 * `EventSource`, so the runner never opens a port itself.
 */
import jp from 'jsonpath'
import type { WaitFor } from '../spec'
import type { StepProblem } from './errors'
import { asText, Resolver, type Scope } from './templates'

export const DEFAULT_WAIT_MS = 30_000

/** A webhook as it arrived. */
export interface ReceivedEvent {
  event: string
  body: unknown
  /** ISO 8601. */
  receivedAt: string
}

export interface EventExpectation {
  event: string
  /** JSONPath → the value there, compared as text (`42` matches `"42"`). */
  match: Record<string, string>
}

export type EventWait =
  | { kind: 'received'; event: ReceivedEvent }
  /** `others`: webhooks of the same event that arrived meanwhile but did not match. */
  | { kind: 'timed-out'; others: number }

export interface EventSource {
  /**
   * The first webhook fitting `expectation` that no earlier wait took, received before the
   * call or within `timeoutMs` after it.
   */
  waitFor(expectation: EventExpectation, timeoutMs: number): Promise<EventWait>
}

/** Whether `body` holds every value of `match`. */
export function matches(body: unknown, match: Readonly<Record<string, string>>): boolean {
  if (body === null || typeof body !== 'object') return Object.keys(match).length === 0
  return Object.entries(match).every(([path, want]) => {
    try {
      const found = jp.query(body, path, 1)
      return found.length > 0 && asText(found[0]) === want
    } catch {
      return false
    }
  })
}

export type WaitOutcome =
  | { kind: 'received'; event: ReceivedEvent }
  | { kind: 'problem'; problem: StepProblem }

/** Resolves `waitFor`'s templates and waits. */
export async function awaitEvent(
  stepId: string,
  waitFor: WaitFor,
  scope: Scope,
  events: EventSource | undefined,
): Promise<WaitOutcome> {
  const resolver = new Resolver(scope)
  const match = Object.fromEntries(
    Object.entries(waitFor.match ?? {}).map(([path, value]) => [
      path,
      asText(typeof value === 'string' ? resolver.string(value, `waitFor.match.${path}`) : value),
    ]),
  )
  if (resolver.missing.length) {
    return {
      kind: 'problem',
      problem: { kind: 'unknown-variable', stepId, variables: resolver.missing },
    }
  }
  const timeoutMs = waitFor.timeout ?? DEFAULT_WAIT_MS
  if (!events) {
    return { kind: 'problem', problem: { kind: 'no-listener', event: waitFor.event, match } }
  }
  const waited = await events.waitFor({ event: waitFor.event, match }, timeoutMs)
  if (waited.kind === 'received') return waited
  return {
    kind: 'problem',
    problem: {
      kind: 'webhook-timeout',
      event: waitFor.event,
      match,
      timeoutMs,
      others: waited.others,
    },
  }
}
