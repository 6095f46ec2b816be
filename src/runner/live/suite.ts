/**
 * Runs the live plans of many specs, `concurrency` at a time. Specs are independent (each
 * creates what it needs), so any order is correct; results come back in the plans' order.
 */
import { runSteps } from '../run'
import type { RunOptions } from '../types'
import type { LivePlan } from './plan'
import type { LiveReport, SpecRun } from './types'

export interface SuiteOptions {
  /** What the runner needs, the same for every spec. */
  run: RunOptions
  /** How many specs run at once; at least 1. */
  concurrency: number
  webhookURL: string | undefined
  onStart?: (spec: string) => void
  onDone?: (run: SpecRun) => void
}

export async function runSuite(
  plans: readonly LivePlan[],
  options: SuiteOptions,
): Promise<LiveReport> {
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const results: SpecRun[] = new Array(plans.length)
  let next = 0
  const worker = async () => {
    while (next < plans.length) {
      const index = next++
      const plan = plans[index]
      if (plan === undefined) return
      options.onStart?.(plan.spec.name)
      const run = await runPlan(plan, options)
      results[index] = run
      options.onDone?.(run)
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency, plans.length))
  await Promise.all(Array.from({ length: workers }, worker))
  plans.forEach((plan, i) => {
    const run = results[i]
    if (plan.kind === 'not-live' && run) results[i] = withEvidence(run, plan.event, results)
  })
  return {
    baseURL: options.run.baseURL,
    webhookURL: options.webhookURL,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    specs: results,
    ok: results.every((r) => r.outcome !== 'failed'),
  }
}

/** A webhook spec's entry, saying which specs of the run received its event. */
function withEvidence(run: SpecRun, event: string, runs: readonly SpecRun[]): SpecRun {
  const awaitedIn = runs
    .filter((r) => r.result?.steps.some((s) => s.kind === 'passed' && s.webhook?.event === event))
    .map((r) => r.spec)
  const evidence = awaitedIn.length
    ? `; live, ${awaitedIn.length} spec${awaitedIn.length === 1 ? '' : 's'} waited for ${event} and received it`
    : `; no spec of this run waited for ${event}`
  return { ...run, reason: `${run.reason ?? ''}${evidence}`, awaitedIn }
}

async function runPlan(plan: LivePlan, options: SuiteOptions): Promise<SpecRun> {
  const base = { spec: plan.spec.name, file: plan.spec.file }
  if (plan.kind === 'not-live') {
    return {
      ...base,
      outcome: 'not-live',
      reason: plan.reason,
      waits: [],
      result: undefined,
      durationMs: 0,
    }
  }
  const started = performance.now()
  const result = await runSteps(plan.steps, options.run)
  return {
    ...base,
    outcome: result.outcome,
    reason: firstReason(result),
    waits: plan.waits,
    result,
    durationMs: Math.round(performance.now() - started),
  }
}

function firstReason(result: Awaited<ReturnType<typeof runSteps>>): string | undefined {
  for (const step of result.steps) {
    if (step.kind === 'failed' || step.kind === 'error') return `${step.stepId}: ${step.reason}`
    if (step.kind === 'skipped') return `${step.stepId}: ${step.skipReason}`
  }
  return undefined
}
