/**
 * Executes one step: build the request, send it (retrying as the policy allows), check the
 * status, extract values, then wait for the step's webhook if it names one. What to do
 * about a failure (`onFail`) is decided by the caller.
 */
import type { AxiosInstance } from 'axios'
import type { Step } from '../spec'
import type { StepProblem } from './errors'
import { awaitEvent, type EventSource, type ReceivedEvent } from './events'
import { extractAll } from './extract'
import { preview } from './preview'
import { scrubSecrets } from './redact'
import { buildRequest, type RequestContext } from './request'
import { type RequestLimiter, type RetryPolicy, sendWithRetries } from './retry'
import type { Scope } from './templates'
import type { RecordedRequest, RecordedResponse } from './types'

export interface StepContext {
  scope: Scope
  request: RequestContext
  http: AxiosInstance
  timeoutMs: number
  /** Strings that must never appear in what the step reports. */
  secrets: readonly string[]
  retry: RetryPolicy
  limiter: RequestLimiter | undefined
  sleep: (ms: number) => Promise<void>
  /** Where `waitFor` webhooks arrive; undefined when no listener runs. */
  events: EventSource | undefined
}

export type StepOutcome =
  | {
      kind: 'passed'
      request: RecordedRequest
      response: RecordedResponse
      extracted: Record<string, unknown>
      durationMs: number
      attempts: number
      webhook?: ReceivedEvent
    }
  | {
      kind: 'failed'
      request: RecordedRequest
      response: RecordedResponse
      extracted: Record<string, unknown>
      problems: StepProblem[]
      durationMs: number
      attempts: number
    }
  | {
      kind: 'error'
      request: RecordedRequest | undefined
      problems: StepProblem[]
      durationMs: number
      attempts: number
    }

export function expectedStatuses(step: Step): number[] {
  const { status } = step.expect
  return Array.isArray(status) ? status : [status]
}

export async function executeStep(step: Step, context: StepContext): Promise<StepOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)

  const built = buildRequest(step, context.scope, context.request)
  if (!built.ok)
    return {
      kind: 'error',
      request: undefined,
      problems: built.problems,
      durationMs: elapsed(),
      attempts: 0,
    }
  const { request } = built

  const { sent, attempts } = await sendWithRetries(
    { method: step.method, url: request.url, headers: request.headers, data: request.data },
    context,
  )
  if (sent.kind === 'no-response') {
    return {
      kind: 'error',
      request: request.record,
      problems: [sent.problem],
      durationMs: elapsed(),
      attempts,
    }
  }
  const { response } = sent
  // Messages quote the body; a quoted secret cut short by truncation would escape a later
  // scrub, so messages are built from a copy that never held one.
  const shown = scrubSecrets(response.body, context.secrets)

  const expected = expectedStatuses(step)
  if (!expected.includes(response.status)) {
    const problem: StepProblem = {
      kind: 'unexpected-status',
      expected,
      actual: response.status,
      bodyPreview: preview(shown),
    }
    return {
      kind: 'failed',
      request: request.record,
      response,
      extracted: {},
      problems: [problem],
      durationMs: elapsed(),
      attempts,
    }
  }

  const { values, problems } = extractAll(response.body, step.extract ?? {}, shown)
  const base = { request: request.record, response, extracted: values, attempts }
  if (problems.length) return { kind: 'failed', ...base, problems, durationMs: elapsed() }
  if (!step.waitFor) return { kind: 'passed', ...base, durationMs: elapsed() }
  // The wait sees this step's own extracted values (`{{channel_uid}}` of the channel it made).
  const scope = withValues(context.scope, values)
  const waited = await awaitEvent(step.id, step.waitFor, scope, context.events)
  if (waited.kind === 'problem') {
    return { kind: 'failed', ...base, problems: [waited.problem], durationMs: elapsed() }
  }
  return { kind: 'passed', ...base, webhook: waited.event, durationMs: elapsed() }
}

function withValues(scope: Scope, values: Readonly<Record<string, unknown>>): Scope {
  return {
    lookup: (name) =>
      Object.hasOwn(values, name)
        ? { found: true, value: values[name], source: 'extracted' }
        : scope.lookup(name),
  }
}
