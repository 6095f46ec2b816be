/** The coverage report for a terminal: a bar per provider, the table, then the findings. */
import pc from 'picocolors'
import type {
  Conflict,
  CoverageReport,
  ExtractCoverage,
  ProviderCoverage,
  SpecLocation,
} from '../coverage'

const BAR = 20

export function coverageBar(percent: number, width = BAR): string {
  const full = Math.round((percent / 100) * width)
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`
}

const at = (l: SpecLocation | undefined) => (l ? `${l.file}:${l.line}` : '(no spec)')

export function formatCoverage(report: CoverageReport, color = false): string {
  const c = pc.createColors(color)
  const lines: string[] = []
  for (const p of report.providers) lines.push(...providerLines(p, c), '')
  lines.push(...extractLines(report.extracts, report.summary.verification, c))
  if (report.drift.length > 0) {
    lines.push('', c.bold(`drift against the OpenAPI (${report.drift.length})`))
    for (const d of report.drift) {
      const sev = d.severity === 'error' ? c.red('error  ') : c.yellow('warning')
      lines.push(`  ${at(d.spec)}  ${sev}  ${d.interaction}: ${d.message}  ${c.dim(d.code)}`)
      if (d.pactLocation) lines.push(c.dim(`      at ${d.pactLocation}`))
      for (const e of d.extractedBy) lines.push(c.dim(`      extracted at ${at(e)}`))
    }
  }
  if (report.conflicts.length > 0) {
    lines.push('', c.bold(`conflicts between specs (${report.conflicts.length})`))
    for (const conflict of report.conflicts) lines.push(...conflictLines(conflict, c))
  }
  const s = report.summary
  lines.push(
    '',
    `${s.covered} of ${s.total} documented responses covered (${s.percent}%) across ${s.providers} provider${s.providers === 1 ? '' : 's'}; ` +
      `${s.extracts - s.unverifiedExtracts} of ${s.extracts} extracted fields verified by an interaction; ` +
      `drift ${s.drift.errors} errors, ${s.drift.warnings} warnings; ${s.conflicts} conflicts`,
  )
  return lines.join('\n')
}

type Colors = ReturnType<typeof pc.createColors>

function providerLines(p: ProviderCoverage, c: Colors): string[] {
  const f = p.figures
  const lines = [
    `${c.bold(p.provider)}  ${coverageBar(f.percent)}  ${f.covered} of ${f.total} (${f.percent}%)  ` +
      `${f.operationsCovered} of ${f.operations} operations  consumers: ${p.consumers.join(', ') || '—'}`,
  ]
  if (p.sources.length === 0) lines.push(c.dim('  no OpenAPI description configured'))
  const width = Math.max(0, ...p.operations.map((o) => o.path.length))
  for (const op of p.operations) {
    const cells = op.statuses.map((s) => {
      const n = s.interactions.length
      const failed = s.interactions.some((i) => i.verification === 'failed')
      const mark =
        n === 0
          ? c.dim(`${s.status} ·`)
          : failed
            ? c.red(`${s.status} ✗${n}`)
            : c.green(`${s.status} ✓${n}`)
      return mark
    })
    lines.push(`  ${op.method.padEnd(6)} ${op.path.padEnd(width)}  ${cells.join('  ')}`)
  }
  for (const e of p.events) {
    const n = e.interactions.length
    const label = e.documented ? '' : c.yellow(' (not in the OpenAPI)')
    lines.push(
      `  ${'event'.padEnd(6)} ${e.event}${label}  ${n === 0 ? c.dim('·') : c.green(`✓${n}`)}`,
    )
  }
  for (const u of p.undocumented) {
    const what =
      u.reason === 'path' ? 'no documented operation' : `status ${u.status} not documented`
    lines.push(
      `  ${c.yellow('undocumented')} ${u.method} ${u.path}: ${what}  ${c.dim(`${u.interaction.description} (${at(u.interaction.spec)})`)}`,
    )
  }
  return lines
}

function extractLines(extracts: readonly ExtractCoverage[], verification: boolean, c: Colors) {
  const bad = extracts.filter((e) => e.state === 'unverified' || e.state === 'failed')
  const lines = [
    c.bold(
      `extracted fields: ${extracts.length}, ${extracts.length - bad.length} carried by an interaction${verification ? ' that passed or was not re-run' : ''}, ${bad.length} not verified`,
    ),
  ]
  for (const e of bad) {
    const documented = e.documented === false ? c.yellow(' (not in the OpenAPI)') : ''
    lines.push(
      `  ${at(e.spec)}  ${e.variable} = ${e.path} from ${e.endpoint}  ${c.red(e.state)}${documented}`,
    )
  }
  return lines
}

function conflictLines(conflict: Conflict, c: Colors): string[] {
  const doc = (d: boolean | undefined) =>
    d === undefined ? '' : d ? c.green(' (OpenAPI agrees)') : c.yellow(' (not in the OpenAPI)')
  if (conflict.kind === 'extract') {
    return [
      `  ${conflict.endpoint}: ${conflict.variable} is read from ${conflict.variants.length} paths`,
      ...conflict.variants.map(
        (v) => `    ${v.path}${doc(v.documented)}  ${c.dim(v.uses.map(at).join(', '))}`,
      ),
    ]
  }
  return [
    `  ${conflict.endpoint}: success statuses disagree`,
    ...conflict.variants.map(
      (v) =>
        `    ${v.statuses.join(' or ')}${doc(v.documented)}  ${c.dim(v.uses.map(at).join(', '))}`,
    ),
  ]
}
