import type { AnyDiagnostic } from '../contract'

/** Read and translation diagnostics per file, sorted by position, for one report. */
export function groupByFile(
  files: Array<{ file: string; diagnostics: AnyDiagnostic[] }>,
  extra: AnyDiagnostic[],
) {
  const byFile = new Map(files.map((f) => [f.file, [...f.diagnostics]]))
  for (const d of extra) {
    const list = byFile.get(d.file)
    if (list) list.push(d)
    else byFile.set(d.file, [d])
  }
  return [...byFile.entries()].map(([file, diagnostics]) => ({
    file,
    diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.column - b.column),
  }))
}
