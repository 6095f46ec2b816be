/**
 * `specpact check --live`: each spec's contract result (verification against the
 * reference) beside its live result (`specpact run` against the reference), so a spec that
 * verifies as a contract but fails live, or the other way round, stands out.
 */
import pc from 'picocolors'
import type { InteractionResult } from '../provider'
import type { LiveReport, SpecOutcome } from '../runner/live'
import { outcome } from './live'

export interface SideBySideOptions {
  color?: boolean
  /** Spec name → its front-matter `status` (`skip` for endpoints vCita cannot run live). */
  statuses?: ReadonlyMap<string, string>
}

export interface SideBySideRow {
  spec: string
  /** The spec's own `status`, or `—`. */
  status: string
  contract: 'verified' | 'failed' | undefined
  live: SpecOutcome | undefined
}

/** One row per spec: interactions by description (the spec's name), live runs by spec name. */
export function sideBySide(
  verification: readonly InteractionResult[],
  live: LiveReport,
  statuses?: ReadonlyMap<string, string>,
): SideBySideRow[] {
  const contract = new Map<string, 'verified' | 'failed'>()
  for (const r of verification) {
    const name = r.description
    const previous = contract.get(name)
    contract.set(name, previous === 'failed' || r.kind === 'failed' ? 'failed' : 'verified')
  }
  const outcomes = new Map(live.specs.map((s) => [s.spec, s.outcome]))
  const names = [...new Set([...contract.keys(), ...outcomes.keys()])].sort()
  return names.map((spec) => ({
    spec,
    status: statuses?.get(spec) ?? '—',
    contract: contract.get(spec),
    live: outcomes.get(spec),
  }))
}

export function formatSideBySide(
  rows: readonly SideBySideRow[],
  options: SideBySideOptions = {},
): string {
  const c = pc.createColors(options.color ?? pc.isColorSupported)
  const ws = Math.max('spec'.length, ...rows.map((r) => r.spec.length))
  const wst = Math.max('status'.length, ...rows.map((r) => r.status.length))
  const wc = 'contract'.length
  const lines = [
    `${'spec'.padEnd(ws)}  ${'status'.padEnd(wst)}  ${'contract'.padEnd(wc)}  live`,
    `${'-'.repeat(ws)}  ${'-'.repeat(wst)}  ${'-'.repeat(wc)}  ----`,
  ]
  for (const row of rows) {
    const contract =
      row.contract === undefined
        ? c.dim('—')
        : row.contract === 'verified'
          ? c.green('verified')
          : c.red('FAILED')
    const pad = ' '.repeat(
      Math.max(0, wc - (row.contract === undefined ? 1 : row.contract === 'verified' ? 8 : 6)),
    )
    lines.push(
      `${row.spec.padEnd(ws)}  ${row.status.padEnd(wst)}  ${contract}${pad}  ${liveText(row.live, c)}`,
    )
  }
  const both = rows.filter((r) => r.contract === 'verified' && r.live === 'passed').length
  const disagree = rows.filter(
    (r) =>
      r.contract !== undefined &&
      r.live !== undefined &&
      r.live !== 'not-live' &&
      (r.contract === 'verified') !== (r.live === 'passed'),
  )
  lines.push(
    '',
    `${rows.length} specs and interactions: ${both} verified and passed live, ${disagree.length} where the contract and the live run disagree`,
  )
  for (const row of disagree)
    lines.push(`  ${row.spec}: contract ${row.contract}, live ${row.live}`)
  return lines.join('\n')
}

function liveText(live: SpecOutcome | undefined, c: ReturnType<typeof pc.createColors>): string {
  return live === undefined ? c.dim('—') : outcome(live, c)
}
