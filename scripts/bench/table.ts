/** Plain-text tables for the terminal and the README. Pure. */
import type { Row, SizeResults, Target } from './rows'
import type { Summary } from './stats'

const pad = (cells: string[][]): string => {
  const widths = cells[0]?.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length))) ?? []
  return cells
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

const format = (x: number, unit: Row['unit']): string => {
  if (unit === 'count') return String(x)
  if (unit === 'x') return `${x.toFixed(2)}x`
  if (unit === 'MB') return x.toFixed(0)
  return x >= 100 ? x.toFixed(0) : x.toFixed(2)
}

export function formatRows(rows: readonly Row[]): string {
  const header = ['figure', 'N', 'unit', 'median', 'min', 'max', 'p90', 'runs']
  const cells = rows.map((r) => {
    const unit = r.unit === 'x' || r.unit === 'count' ? '' : r.unit
    if (typeof r.value === 'number')
      return [r.figure, String(r.n), unit, format(r.value, r.unit), '', '', '', '']
    const s: Summary = r.value
    return [
      r.figure,
      String(r.n),
      unit,
      ...[s.median, s.min, s.max, s.p90].map((x) => format(x, r.unit)),
      String(s.n),
    ]
  })
  return pad([header, ...cells])
}

export function formatTargets(targets: readonly Target[]): string {
  return pad([
    ['target', 'measured', 'met'],
    ...targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'NO']),
  ])
}

/**
 * Each consumer-test arm's first failure at each N, shortened: a bare pact-js failure is
 * usually the mock server's race ("expected but not received"), and the reader should see
 * which it was without opening bench/results.json.
 */
export function formatFailures(results: readonly SizeResults[]): string[] {
  return results.flatMap((r) =>
    (['specpact', 'bare'] as const).flatMap((arm) => {
      const first = r.consumer?.[arm].samples
        .flatMap((s) => s.windows)
        .find((w) => w.firstFailure)?.firstFailure
      return first
        ? [
            `first failed consumer test, ${arm}, N=${r.n}: ${first.replace(/\s+/g, ' ').slice(0, 300)}`,
          ]
        : []
    }),
  )
}
