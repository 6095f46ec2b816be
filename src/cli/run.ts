/**
 * `specpact run`: the specs executed live, prerequisites first, against an environment or
 * the embedded reference, with a webhook listener for the waits. Exit 0 when no spec
 * failed, 1 otherwise, 2 on usage errors.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { loadProject } from '../project'
import { formatHuman } from '../report/diagnostics'
import { groupByFile } from '../report/group'
import { liveJUnit } from '../report/junit'
import { formatLive } from '../report/live'
import { createLimiter, DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_MS, scrubSecrets } from '../runner'
import { type LivePlan, type LiveReport, planSpec, runSuite, type SpecRun } from '../runner/live'
import type { Step } from '../spec'
import { UsageError, UserError } from './errors'
import type { GlobalOptions } from './main'
import { liveAuth } from './run-auth'
import { openEnvironment } from './run-environment'

export interface RunCliOptions extends GlobalOptions {
  baseUrl?: string
  against?: string
  fallbackBaseUrl?: string
  concurrency: string
  format: 'human' | 'json'
  junit?: string
  webhookListen?: string | boolean
  webhookPublicUrl?: string
  webhookRegister?: string
  webhookTimeout?: string
  activationDelay?: string
  timeout?: string
  retries: string
  rateLimit?: string
  /** Where the JSON report is also written (`check --live` reads it). */
  report?: string
}

export interface LiveOutcome {
  report: LiveReport
  /** The steps each spec ran (with the waits attached), for saying what a step expected. */
  steps: Map<string, readonly Step[]>
  /** The tokens of the run, to scrub from anything written after. */
  secrets: string[]
}

/** Loads the specs, opens the environment, runs them; prints only progress and notes. */
export async function executeLive(paths: string[], options: RunCliOptions): Promise<LiveOutcome> {
  const concurrency = whole('--concurrency', options.concurrency, 1)
  const timeoutMs = options.timeout ? whole('--timeout', options.timeout, 1) : DEFAULT_TIMEOUT_MS
  const waitMs = options.webhookTimeout
    ? whole('--webhook-timeout', options.webhookTimeout, 1)
    : DEFAULT_WAIT_MS
  const retries = whole('--retries', options.retries, 0)
  const rate = options.rateLimit === undefined ? undefined : Number(options.rateLimit)
  if (rate !== undefined && !(rate > 0))
    throw new UsageError(
      'option-invalid',
      `--rate-limit must be a number of requests per second above 0, got "${options.rateLimit}"`,
    )

  const project = await loadProject({ config: options.config, paths })
  const unreadable = groupByFile(project.files, []).filter((f) =>
    f.diagnostics.some((d) => d.severity === 'error'),
  )
  if (unreadable.length > 0) {
    process.stderr.write(`${formatHuman(unreadable)}\n`)
    throw new UserError(
      'spec-invalid',
      `${unreadable.length} spec file(s) have errors; nothing was run`,
    )
  }
  if (project.specs.length === 0)
    throw new UsageError(
      'path-not-found',
      `no specs found in ${paths.join(', ') || 'the configured spec paths'}`,
    )

  const plans = project.specs.map((spec) =>
    planSpec(spec, { catalog: project.catalog, defaultWaitMs: waitMs }),
  )
  const environment = await openEnvironment(project.config, {
    ...options,
    requestTimeoutMs: timeoutMs,
  })
  const secrets = Object.values(environment.tokens)
  let report: LiveReport
  try {
    for (const note of environment.notes) process.stderr.write(`${note}\n`)
    const progress =
      options.format === 'human' && process.stderr.isTTY ? tty(plans.length) : undefined
    report = await runSuite(plans, {
      concurrency,
      webhookURL: environment.webhookURL,
      run: {
        baseURL: environment.baseURL,
        fallbackBaseURL: options.fallbackBaseUrl,
        variables: environment.webhookURL
          ? { ...project.config.variables, webhook_url: environment.webhookURL }
          : project.config.variables,
        tokens: environment.tokens,
        ...liveAuth(project.config),
        timeoutMs,
        retry: { retries, backoffMs: 500, multiplier: 2, maxDelayMs: 10_000 },
        limiter: rate === undefined ? undefined : createLimiter(rate),
        events: environment.listener,
      },
      onDone: progress,
    })
  } finally {
    await environment.close()
  }
  // The runner already removed tokens; this also covers what the report adds around them.
  return { report: scrubSecrets(report, secrets), steps: stepsBySpec(plans), secrets }
}

export async function runLive(paths: string[], options: RunCliOptions): Promise<number> {
  const { report, steps, secrets } = await executeLive(paths, options)
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  else process.stdout.write(`${formatLive(report, { steps })}\n`)
  if (options.junit)
    await writeAtomically(options.junit, scrubSecrets(liveJUnit(report, steps), secrets))
  if (options.report) await writeAtomically(options.report, `${JSON.stringify(report, null, 2)}\n`)
  return report.ok ? 0 : 1
}

function stepsBySpec(plans: readonly LivePlan[]): Map<string, readonly Step[]> {
  return new Map(
    plans.flatMap((p) => (p.kind === 'steps' ? [[p.spec.name, p.steps] as const] : [])),
  )
}

/** One line per finished spec on a terminal; nothing when output goes to a file or a pipe. */
function tty(total: number) {
  let done = 0
  return (run: SpecRun) => {
    done++
    const mark = { passed: '✓', failed: '✗', skipped: '-', 'not-live': '·' }[run.outcome]
    process.stderr.write(
      `[${done}/${total}] ${mark} ${run.spec}${run.outcome === 'not-live' ? '' : ` (${run.durationMs} ms)`}\n`,
    )
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const target = resolve(file)
  await mkdir(dirname(target), { recursive: true })
  const temporary = `${target}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, target)
}

function whole(option: string, text: string, min: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || value < min) {
    throw new UsageError(
      'option-invalid',
      `${option} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got "${text}"`,
    )
  }
  return value
}
