/** Lint output: human (grouped by file, colored on a TTY) and JSON. */
import pc from 'picocolors'
import type { Diagnostic } from '../spec'

/** A diagnostic from any stage (reading, translation): only the code set differs. */
export type ReportedDiagnostic = Omit<Diagnostic, 'code'> & { code: string }

export interface FileDiagnostics {
  file: string
  diagnostics: ReportedDiagnostic[]
}

export interface LintSummary {
  files: number
  errors: number
  warnings: number
}

export function summarize(results: readonly FileDiagnostics[]): LintSummary {
  const all = results.flatMap((r) => r.diagnostics)
  return {
    files: results.length,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function summaryLine(s: LintSummary): string {
  return `${plural(s.files, 'file')}, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`
}

export function formatHuman(
  results: readonly FileDiagnostics[],
  color = pc.isColorSupported,
): string {
  const c = pc.createColors(color)
  const lines: string[] = []
  for (const { file, diagnostics } of results) {
    if (diagnostics.length === 0) continue
    lines.push(c.underline(file))
    for (const d of diagnostics) {
      const sev = d.severity === 'error' ? c.red('error  ') : c.yellow('warning')
      lines.push(
        `  ${c.dim(`${d.line}:${d.column}`.padEnd(7))} ${sev} ${d.message}  ${c.dim(d.code)}`,
      )
      const detail = [
        d.path && `at ${d.path}`,
        d.expected && `expected ${d.expected}`,
        d.found && `found ${d.found}`,
      ].filter(Boolean)
      if (detail.length > 0) lines.push(`  ${' '.repeat(7)}         ${c.dim(detail.join('; '))}`)
    }
    lines.push('')
  }
  const s = summarize(results)
  const line = summaryLine(s)
  lines.push(s.errors > 0 ? c.red(line) : s.warnings > 0 ? c.yellow(line) : c.green(line))
  return lines.join('\n')
}

export function formatJson(results: readonly FileDiagnostics[]): string {
  return JSON.stringify(
    {
      summary: summarize(results),
      files: results.map((r) => ({ file: r.file, diagnostics: r.diagnostics })),
    },
    null,
    2,
  )
}
