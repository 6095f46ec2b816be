/**
 * Verification results for people: a table of interactions, then one block per failure that
 * starts with its root cause (a state that failed, the connection, the status) before the
 * body details and the Pact core's own diff for that interaction.
 */
import pc from 'picocolors'
import { describeFailure, type InteractionResult, isRootCause } from '../provider'
import { useColor } from './diagnostics'

export interface FormatOptions {
  color?: boolean
  /**
   * Spec name → the spec's front-matter `status`: what the spec's last live run said
   * (`skip` for endpoints that cannot run live). With it, the table gains a `live status`
   * column beside what the contract verification says.
   */
  statuses?: ReadonlyMap<string, string>
  /** Show the Pact core's diff under each failure (default true). */
  details?: boolean
}

export function formatVerification(
  results: readonly InteractionResult[],
  options: FormatOptions = {},
): string {
  const c = pc.createColors(options.color ?? useColor())
  const statuses = options.statuses
  const rows = results.map((r) => ({
    spec: r.description,
    states: r.states.length > 0 ? r.states.join(', ') : '—',
    status: statuses?.get(r.description) ?? '—',
    result: r.kind,
  }))
  const LIVE = 'live status'
  const width = (key: 'spec' | 'states' | 'status', title: string) =>
    Math.max(title.length, ...rows.map((r) => r[key].length))
  const ws = width('spec', 'spec')
  const wst = Math.min(width('states', 'states'), 60)
  const wss = width('status', LIVE)
  const status = (text: string) => (statuses ? `${text.padEnd(wss)}  ` : '')
  const lines = [
    `${'spec'.padEnd(ws)}  ${'states'.padEnd(wst)}  ${status(LIVE)}verification`,
    `${'-'.repeat(ws)}  ${'-'.repeat(wst)}  ${status('-'.repeat(wss))}------------`,
  ]
  for (const row of rows) {
    const result = row.result === 'passed' ? c.green('verified') : c.red('FAILED')
    lines.push(`${row.spec.padEnd(ws)}  ${row.states.padEnd(wst)}  ${status(row.status)}${result}`)
  }
  for (const r of results) {
    if (r.kind !== 'failed') continue
    lines.push('', ...failureBlock(r, c, options.details ?? true))
  }
  const failed = results.filter((r) => r.kind === 'failed').length
  lines.push(
    '',
    `${results.length} interactions: ${results.length - failed} verified, ${failed} failed`,
  )
  return lines.join('\n')
}

/** One failed interaction: the root cause first, then the rest, then the core's diff. */
export function failureBlock(
  r: Extract<InteractionResult, { kind: 'failed' }>,
  c: ReturnType<typeof pc.createColors>,
  details: boolean,
): string[] {
  const lines = [c.red(`✗ ${r.description}`) + (r.spec ? c.dim(` (${r.spec})`) : '')]
  if (r.states.length > 0) lines.push(`  given ${r.states.join(' and ')}`)
  const [first, ...rest] = r.failures
  if (first) lines.push(`  ${c.bold(rootLabel(first.kind))}: ${describeFailure(first)}`)
  for (const f of rest) lines.push(`  - ${describeFailure(f)}`)
  // The core's diff explains a mismatch; after a state or transport failure it would only
  // describe specpact's own placeholder answer.
  if (details && r.detail && !(first && isRootCause(first)))
    lines.push(...r.detail.split('\n').map((l) => c.dim(`  │ ${l.replace(/^\s{4}/, '')}`)))
  return lines
}

function rootLabel(kind: string): string {
  switch (kind) {
    case 'state':
      return 'state failed'
    case 'transport':
      return 'no answer'
    case 'no-producer':
      return 'no producer'
    case 'producer':
      return 'producer failed'
    case 'status':
      return 'wrong status'
    default:
      return 'mismatch'
  }
}
