/** What a live run returns: one entry per spec, plain JSON-serialisable data. */
import type { RunResult } from '../types'
import type { PlannedWait } from './plan'

/**
 * `passed`/`failed`/`skipped` as the runner says (`skipped`: a step with `onFail: skip`
 * stopped it); `not-live`: the spec has nothing to send (a webhook spec).
 */
export type SpecOutcome = 'passed' | 'failed' | 'skipped' | 'not-live'

export interface SpecRun {
  /** The spec's name (its file name without `.md`). */
  spec: string
  file: string
  outcome: SpecOutcome
  /** Why it was not run, or skipped, or the first failure, in one line. */
  reason: string | undefined
  /** The webhooks the run waited for, and which catalog state asked. */
  waits: PlannedWait[]
  /**
   * For a webhook spec (`not-live`): the specs of this run that waited for its event and
   * received it, the live evidence that the provider sends it.
   */
  awaitedIn?: string[]
  /** The runner's result; undefined for a `not-live` spec. */
  result: RunResult | undefined
  durationMs: number
}

export interface LiveReport {
  baseURL: string
  /** Where webhooks were received, or undefined without a listener. */
  webhookURL: string | undefined
  startedAt: string
  durationMs: number
  specs: SpecRun[]
  /** True when no spec failed. */
  ok: boolean
}
