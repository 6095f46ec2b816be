/** Verification results as a terminal table and readable failures. */
import pc from 'picocolors'
import type { InteractionResult } from '../provider'

export function formatVerification(
  results: readonly InteractionResult[],
  color = pc.isColorSupported,
): string {
  const c = pc.createColors(color)
  const rows = results.map((r) => ({
    spec: r.description,
    states: r.states.length > 0 ? r.states.join(', ') : '—',
    result: r.kind,
  }))
  const width = (key: 'spec' | 'states') => Math.max(key.length, ...rows.map((r) => r[key].length))
  const ws = width('spec')
  const wst = Math.min(width('states'), 60)
  const lines = [
    `${'spec'.padEnd(ws)}  ${'states'.padEnd(wst)}  result`,
    `${'-'.repeat(ws)}  ${'-'.repeat(wst)}  ------`,
  ]
  for (const row of rows) {
    const result = row.result === 'passed' ? c.green('verified') : c.red('FAILED')
    lines.push(`${row.spec.padEnd(ws)}  ${row.states.padEnd(wst)}  ${result}`)
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
