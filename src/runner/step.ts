/**
 * Executes one step: build the request, send it, check the status, extract values.
 * What to do about a failure (`onFail`) is decided by the caller.
 */
import type { AxiosInstance } from 'axios'
import type { Step } from '../spec'
import type { StepProblem } from './errors'
import { extractAll } from './extract'
import { send } from './http'
import { preview } from './preview'
import { scrubSecrets } from './redact'
import { buildRequest, type RequestContext } from './request'
import type { Scope } from './templates'
import type { RecordedRequest, RecordedResponse } from './types'

export interface StepContext {
  scope: Scope
  request: RequestContext
  http: AxiosInstance
  timeoutMs: number
  /** Strings that must never appear in what the step reports. */
  secrets: readonly string[]
}

export type StepOutcome =
  | {
      kind: 'passed'
      request: RecordedRequest
      response: RecordedResponse
      extracted: Record<string, unknown>
      durationMs: number
    }
  | {
      kind: 'failed'
      request: RecordedRequest
      response: RecordedResponse
      extracted: Record<string, unknown>
      problems: StepProblem[]
      durationMs: number
    }
  | {
      kind: 'error'
      request: RecordedRequest | undefined
      problems: StepProblem[]
      durationMs: number
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
    return { kind: 'error', request: undefined, problems: built.problems, durationMs: elapsed() }
  const { request } = built

  const sent = await send(
    context.http,
    { method: step.method, url: request.url, headers: request.headers, data: request.data },
    context.timeoutMs,
  )
  if (sent.kind === 'no-response') {
    return {
      kind: 'error',
      request: request.record,
      problems: [sent.problem],
      durationMs: elapsed(),
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
    }
  }

  const { values, problems } = extractAll(response.body, step.extract ?? {}, shown)
  const base = { request: request.record, response, extracted: values, durationMs: elapsed() }
  return problems.length ? { kind: 'failed', ...base, problems } : { kind: 'passed', ...base }
}
