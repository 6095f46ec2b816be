/**
 * Runs steps in order and applies each step's `onFail`:
 * - `abort` (the default): the step fails, later steps are `not-run`, the run fails;
 * - `continue`: the step fails, later steps still run, the run fails;
 * - `skip`: the step is `skipped` with its `skipReason`, later steps are `not-run`, and the
 *   run's outcome is `skipped` (the spec could not be tested here — what the format means
 *   by "if empty, endpoint cannot be tested (skip with reason)"). A skipped run is not
 *   `ok`. Setup problems (unknown variable, missing token, …) are never skipped: they
 *   abort, because skipping would hide a broken spec or configuration.
 *
 * A step's `sleep` waits after the step, unless that step stopped the run.
 */
import axios from 'axios'
import type { Step } from '../spec'
import { createBuiltinValues } from './builtins'
import { describeProblems, isSetupProblem, type StepProblem } from './errors'
import { scrubSecrets } from './redact'
import { NO_RETRIES } from './retry'
import { executeStep, type StepContext, type StepOutcome } from './step'
import { createScope } from './templates'
import type { RunOptions, RunOutcome, RunResult, StepResult } from './types'

export const DEFAULT_TIMEOUT_MS = 30_000

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Executes `steps` against `options.baseURL`. Never throws for HTTP or network failures:
 * every outcome is in the result, with tokens removed.
 *
 * @example
 * const result = await runSteps([...spec.prerequisites, ...spec.requests], {
 *   baseURL: 'https://api.example.com',
 *   variables: { business_id: 'bz3p8ja7a1b2c3d4' },
 *   tokens: { staff: process.env.SPECPACT_TOKEN_STAFF ?? '' },
 *   defaultToken: 'staff',
 * })
 * if (!result.ok) console.log(result.outcome, result.steps.map((s) => s.kind))
 */
export async function runSteps(steps: readonly Step[], options: RunOptions): Promise<RunResult> {
  const builtins = createBuiltinValues((options.now ?? (() => new Date()))())
  const values: Record<string, unknown> = { ...options.values }
  const tokens = options.tokens ?? {}
  const secrets = Object.values(tokens)
  const sleep = options.sleep ?? wait
  const context: StepContext = {
    scope: createScope({
      extracted: values,
      variables: options.variables ?? {},
      builtin: (name) => builtins.get(name),
    }),
    request: {
      baseURL: options.baseURL,
      fallbackBaseURL: options.fallbackBaseURL,
      tokens,
      defaultToken: options.defaultToken,
      authScheme: options.authScheme,
    },
    http: options.axios ?? axios.create(),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secrets,
    retry: options.retry ?? NO_RETRIES,
    limiter: options.limiter,
    sleep,
    events: options.events,
  }
  // Variable → the step that should have extracted it but did not pass, for hints.
  const owedBy = new Map<string, string>()

  const results: StepResult[] = []
  let stoppedBy: string | undefined
  for (const step of steps) {
    if (stoppedBy !== undefined) {
      results.push({
        kind: 'not-run',
        stepId: step.id,
        description: step.description,
        reason: stoppedBy,
      })
      continue
    }
    const outcome = await executeStep(step, context)
    const extracted = outcome.kind === 'error' ? {} : outcome.extracted
    Object.assign(values, extracted)
    for (const name of Object.keys(step.extract ?? {})) {
      if (Object.hasOwn(extracted, name)) owedBy.delete(name)
      else owedBy.set(name, step.id)
    }
    const result = scrubSecrets(decide(step, withHints(outcome, owedBy)), secrets)
    results.push(result)
    stoppedBy = stopReason(result)
    if (stoppedBy === undefined && step.sleep) await sleep(step.sleep)
  }

  const outcome = runOutcome(results)
  return {
    ok: outcome === 'passed',
    outcome,
    steps: results,
    values: scrubSecrets(values, secrets),
    generated: builtins.generated(),
  }
}

/** Applies `onFail` to what happened. */
function decide(step: Step, outcome: StepOutcome): StepResult {
  const base = { stepId: step.id, description: step.description }
  if (outcome.kind === 'passed') return { ...base, ...outcome }
  const onFail = step.onFail ?? 'abort'
  const reason = describeProblems(outcome.problems)
  const extracted = outcome.kind === 'failed' ? outcome.extracted : {}
  const response = outcome.kind === 'failed' ? outcome.response : undefined
  if (onFail === 'skip' && !outcome.problems.some(isSetupProblem)) {
    return {
      ...base,
      kind: 'skipped',
      request: outcome.request,
      response,
      extracted,
      durationMs: outcome.durationMs,
      attempts: outcome.attempts,
      problems: outcome.problems,
      reason,
      skipReason: step.skipReason ?? `step "${step.id}" failed and says onFail: skip`,
    }
  }
  // vCita's runner goes on after a failed step with onFail: warn, as with continue.
  const stop = onFail === 'continue' || onFail === 'warn' ? 'continue' : 'abort'
  if (outcome.kind === 'failed') return { ...base, ...outcome, reason, onFail: stop }
  return { ...base, ...outcome, response: undefined, extracted: {}, reason, onFail: stop }
}

/** Why later steps do not run, or undefined when the run goes on. */
function stopReason(result: StepResult): string | undefined {
  switch (result.kind) {
    case 'passed':
    case 'not-run':
      return undefined
    case 'skipped':
      return `step "${result.stepId}" was skipped: ${result.skipReason}`
    case 'failed':
    case 'error':
      if (result.onFail === 'continue') return undefined
      return `step "${result.stepId}" ${result.kind === 'failed' ? 'failed' : 'could not run'} and stopped the run (onFail: abort)`
  }
}

function runOutcome(results: readonly StepResult[]): RunOutcome {
  if (results.some((r) => r.kind === 'failed' || r.kind === 'error')) return 'failed'
  if (results.some((r) => r.kind === 'skipped')) return 'skipped'
  return 'passed'
}

/** Unknown variables that an earlier, failed step should have extracted say so. */
function withHints(outcome: StepOutcome, owedBy: ReadonlyMap<string, string>): StepOutcome {
  if (outcome.kind === 'passed') return outcome
  const problems = outcome.problems.map((problem): StepProblem => {
    if (problem.kind !== 'unknown-variable') return problem
    return {
      ...problem,
      variables: problem.variables.map((missing) => {
        const from = owedBy.get(missing.name)
        return from === undefined ? missing : { ...missing, expectedFrom: from }
      }),
    }
  })
  return { ...outcome, problems }
}
