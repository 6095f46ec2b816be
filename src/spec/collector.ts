import { DIAGNOSTICS, type DiagnosticCode } from './errors'
import type { LineIndex } from './source'
import type { Diagnostic } from './types'

export interface Detail {
  expected?: string
  found?: string
}

/** Gathers the diagnostics of one file, turning offsets into line and column. */
export class Collector {
  readonly diagnostics: Diagnostic[] = []

  constructor(
    readonly file: string,
    private readonly lines: LineIndex,
  ) {}

  add(code: DiagnosticCode, offset: number, path: string, message: string, detail: Detail = {}) {
    const { line, column } = this.lines.at(offset)
    this.diagnostics.push({
      code,
      severity: DIAGNOSTICS[code].severity,
      file: this.file,
      line,
      column,
      path,
      message,
      ...(detail.expected !== undefined ? { expected: detail.expected } : {}),
      ...(detail.found !== undefined ? { found: detail.found } : {}),
    })
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error')
  }
}
