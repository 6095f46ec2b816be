/** Lint output: human (grouped by file, colored only on a terminal) and JSON. */
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

/**
 * Whether output to `stream` should be colored: only on a terminal, unless NO_COLOR or
 * FORCE_COLOR say otherwise (no-color.org). Unlike picocolors' own guess, a CI variable
 * alone does not color a log that is piped to a file or another program.
 */
export function useColor(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR)
  return stream.isTTY === true && env.TERM !== 'dumb'
}

/**
 * Diagnostics grouped by file, then the summary line last:
 *
 * ```text
 * specs/get_sessions.md
 *   2:1    warning  front matter has no swagger  missing-swagger
 *                   at frontMatter.swagger; expected swagger: the path …; found nothing
 *   36:11  error    path "/sessions/{uid}" keeps the literal placeholder {uid}  unresolved-placeholder
 *                   at request[0].path; expected {{uid}}; found {uid}
 *
 * 1 file, 1 error, 1 warning
 * ```
 */
export function formatHuman(results: readonly FileDiagnostics[], color = useColor()): string {
  const c = pc.createColors(color)
  const lines: string[] = []
  for (const { file, diagnostics } of results) {
    if (diagnostics.length === 0) continue
    lines.push(c.underline(file))
    const width = diagnostics.reduce((w, d) => Math.max(w, `${d.line}:${d.column}`.length), 0)
    const indent = ' '.repeat(2 + width + 2 + 7 + 2)
    for (const d of diagnostics) {
      const sev = d.severity === 'error' ? c.red('error  ') : c.yellow('warning')
      const [first = '', ...more] = d.message.split('\n')
      const position = `${d.line}:${d.column}`.padEnd(width)
      lines.push(`  ${c.dim(position)}  ${sev}  ${first}  ${c.dim(d.code)}`)
      for (const line of more) lines.push(`${indent}${line}`)
      const detail = [
        d.path && `at ${d.path}`,
        d.expected && `expected ${d.expected}`,
        d.found && `found ${d.found}`,
      ].filter(Boolean)
      if (detail.length > 0) lines.push(`${indent}${c.dim(detail.join('; '))}`)
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
