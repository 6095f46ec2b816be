/**
 * `specpact run` results: a table of specs, then each failure with the request as sent,
 * the response as received and what the step expected. Everything shown comes from the
 * runner's results, whose tokens are already `***`.
 */
import pc from 'picocolors'
import type { StepResult } from '../runner'
import type { LiveReport, SpecRun } from '../runner/live'
import type { Step } from '../spec'

type Colors = ReturnType<typeof pc.createColors>

export interface LiveFormatOptions {
  color?: boolean
  /** Steps by spec and id, to say what a failed step expected. */
  steps?: ReadonlyMap<string, readonly Step[]>
}

const BODY_LIMIT = 600

export function formatLive(report: LiveReport, options: LiveFormatOptions = {}): string {
  const c = pc.createColors(options.color ?? pc.isColorSupported)
  const rows = report.specs.map((run) => ({
    spec: run.spec,
    steps: stepCount(run),
    waits: run.waits.length ? run.waits.map((w) => w.event).join(', ') : '—',
    result: run.outcome,
    time:
      run.outcome !== 'not-live'
        ? `${run.durationMs} ms`
        : run.awaitedIn?.length
          ? `received live in ${run.awaitedIn.length} spec${run.awaitedIn.length === 1 ? '' : 's'}`
          : '',
  }))
  const width = (key: 'spec' | 'steps' | 'waits') =>
    Math.max(key.length, ...rows.map((r) => r[key].length))
  const [ws, wst, ww] = [width('spec'), width('steps'), width('waits')]
  const lines = [
    `${'spec'.padEnd(ws)}  ${'steps'.padEnd(wst)}  ${'waits'.padEnd(ww)}  result`,
    `${'-'.repeat(ws)}  ${'-'.repeat(wst)}  ${'-'.repeat(ww)}  ------`,
  ]
  for (const row of rows) {
    lines.push(
      `${row.spec.padEnd(ws)}  ${row.steps.padEnd(wst)}  ${row.waits.padEnd(ww)}  ${outcome(row.result, c)}${row.time ? c.dim(`  ${row.time}`) : ''}`,
    )
  }
  lines.push(...failures(report, options, c))
  lines.push('', summary(report))
  return lines.join('\n')
}

/** Each failed spec with its failed steps, and each skipped spec with why. */
export function formatLiveFailures(report: LiveReport, options: LiveFormatOptions = {}): string {
  return failures(report, options, pc.createColors(options.color ?? pc.isColorSupported))
    .join('\n')
    .replace(/^\n/, '')
}

function failures(report: LiveReport, options: LiveFormatOptions, c: Colors): string[] {
  const lines: string[] = []
  for (const run of report.specs) {
    if (run.outcome !== 'failed') continue
    lines.push('', c.red(`✗ ${run.spec}`) + c.dim(` (${run.file})`))
    for (const step of run.result?.steps ?? []) {
      if (step.kind !== 'failed' && step.kind !== 'error') continue
      const planned = options.steps?.get(run.spec)?.find((s) => s.id === step.stepId)
      lines.push(...describeFailure(step, planned, c).map((l) => `  ${l}`))
    }
  }
  for (const run of report.specs) {
    if (run.outcome === 'skipped')
      lines.push('', c.yellow(`- ${run.spec} skipped: ${run.reason ?? ''}`))
  }
  return lines
}

export function summary(report: LiveReport): string {
  const count = (o: SpecRun['outcome']) => report.specs.filter((r) => r.outcome === o).length
  const parts = [`${count('passed')} passed`, `${count('failed')} failed`]
  if (count('skipped')) parts.push(`${count('skipped')} skipped`)
  if (count('not-live')) parts.push(`${count('not-live')} not run live (webhook specs)`)
  const seconds = (report.durationMs / 1000).toFixed(1)
  return `${report.specs.length} specs against ${report.baseURL}: ${parts.join(', ')} in ${seconds} s`
}

function stepCount(run: SpecRun): string {
  const steps = run.result?.steps ?? []
  if (steps.length === 0) return '—'
  return `${steps.filter((s) => s.kind === 'passed').length}/${steps.length}`
}

/** A live run's outcome as the terminal shows it; `check --live` shows it the same way. */
export function outcome(kind: SpecRun['outcome'], c: Colors): string {
  switch (kind) {
    case 'passed':
      return c.green('passed')
    case 'failed':
      return c.red('FAILED')
    case 'skipped':
      return c.yellow('skipped')
    case 'not-live':
      return c.dim('not live')
  }
}

/** The failed step: why, the request as sent, the response, and what was expected. */
export function describeFailure(
  step: Extract<StepResult, { kind: 'failed' | 'error' }>,
  planned: Step | undefined,
  c: Colors = pc.createColors(false),
): string[] {
  const lines = [
    `step ${step.stepId}${step.description ? ` (${step.description})` : ''}: ${step.reason}`,
  ]
  if (step.attempts > 1)
    lines.push(c.dim(`  sent ${step.attempts} times (retries on 429/5xx/timeouts)`))
  const request = step.request
  if (request) {
    lines.push(`  request:  ${request.method} ${request.url}`)
    for (const [name, value] of Object.entries(request.headers))
      lines.push(`            ${name}: ${value}`)
    if (request.body) {
      const body =
        request.body.kind === 'json' ? JSON.stringify(request.body.value) : request.body.encoded
      lines.push(`            ${clip(body)}`)
    }
  } else {
    lines.push('  request:  not sent (it could not be built)')
  }
  const response = step.response
  if (response) {
    lines.push(
      `  response: ${response.status}${response.headers['content-type'] ? ` ${response.headers['content-type']}` : ''}`,
    )
    if (response.body !== undefined) {
      const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
      lines.push(`            ${clip(body)}`)
    }
  } else if (request) {
    lines.push('  response: none')
  }
  if (planned) lines.push(`  expected: ${expectation(planned)}`)
  return lines
}

/** What a step expects, in words: its statuses, extracts and webhook. */
export function expectation(step: Step): string {
  const status = Array.isArray(step.expect.status)
    ? step.expect.status.join(' or ')
    : String(step.expect.status)
  const parts = [`status ${status}`]
  for (const [name, path] of Object.entries(step.extract ?? {}))
    parts.push(`${path} present (as ${name})`)
  if (step.waitFor) {
    const match = Object.entries(step.waitFor.match ?? {}).map(
      ([path, value]) => `${path} = ${String(value)}`,
    )
    parts.push(
      `then webhook ${step.waitFor.event}${match.length ? ` with ${match.join(', ')}` : ''} within ${step.waitFor.timeout ?? '?'} ms`,
    )
  }
  return parts.join('; ')
}

const clip = (text: string) =>
  text.length <= BODY_LIMIT
    ? text
    : `${text.slice(0, BODY_LIMIT)}… (${text.length - BODY_LIMIT} more characters)`
