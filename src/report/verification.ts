/** Verification results as a terminal table and readable failures. */
import pc from 'picocolors'
import type { InteractionResult } from '../provider'

export interface FormatOptions {
  color?: boolean
  /**
   * Spec name → the spec's front-matter `status` (`skip` for endpoints that cannot run
   * live). With it, the table gains a status column: what the live run says beside what the
   * contract says.
   */
  statuses?: ReadonlyMap<string, string>
}

export function formatVerification(
  results: readonly InteractionResult[],
  options: FormatOptions = {},
): string {
  const c = pc.createColors(options.color ?? pc.isColorSupported)
  const statuses = options.statuses
  const rows = results.map((r) => ({
    spec: r.description,
    states: r.states.length > 0 ? r.states.join(', ') : '—',
    status: statuses?.get(r.description) ?? '—',
    result: r.kind,
  }))
  const width = (key: 'spec' | 'states' | 'status') =>
    Math.max(key.length, ...rows.map((r) => r[key].length))
  const ws = width('spec')
  const wst = Math.min(width('states'), 60)
  const wss = width('status')
  const status = (text: string) => (statuses ? `${text.padEnd(wss)}  ` : '')
  const lines = [
    `${'spec'.padEnd(ws)}  ${'states'.padEnd(wst)}  ${status('status')}result`,
    `${'-'.repeat(ws)}  ${'-'.repeat(wst)}  ${status('-'.repeat(wss))}------`,
  ]
  for (const row of rows) {
    const result = row.result === 'passed' ? c.green('verified') : c.red('FAILED')
    lines.push(`${row.spec.padEnd(ws)}  ${row.states.padEnd(wst)}  ${status(row.status)}${result}`)
  }
  const failed = results.filter((r) => r.kind === 'failed')
  for (const r of failed) {
    lines.push('', c.red(`✗ ${r.description}`) + (r.spec ? c.dim(` (${r.spec})`) : ''))
    if (r.states.length > 0) lines.push(`  given ${r.states.join(' and ')}`)
    for (const reason of r.reasons) lines.push(`  - ${reason}`)
  }
  const passed = results.length - failed.length
  lines.push('', `${results.length} interactions: ${passed} verified, ${failed.length} failed`)
  return lines.join('\n')
}
