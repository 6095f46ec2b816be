/**
 * Drift findings as lint diagnostics: at the request step of the interaction, and at each
 * extract that put the field in the pact, since that is where a spec is fixed.
 */
import type { DriftFinding } from '../coverage'
import type { ReportedDiagnostic } from '../report/diagnostics'

export function driftDiagnostics(findings: readonly DriftFinding[]): ReportedDiagnostic[] {
  const out: ReportedDiagnostic[] = []
  for (const f of findings) {
    if (!f.spec) continue
    const base = {
      code: `drift/${f.code}`,
      severity: f.severity,
      column: 1,
      expected: f.specLocation ? `as ${f.specLocation}` : undefined,
      found: f.pactLocation ? `at ${f.pactLocation}` : undefined,
    }
    out.push({
      ...base,
      file: f.spec.file,
      line: f.spec.line,
      path: 'request',
      message: `interaction "${f.interaction}" disagrees with the OpenAPI of ${f.provider}: ${f.message}`,
    })
    for (const e of f.extractedBy) {
      out.push({
        ...base,
        file: e.file,
        line: e.line,
        path: 'extract',
        message: `this extract puts a field in "${f.interaction}" that the OpenAPI of ${f.provider} does not allow: ${f.message}`,
      })
    }
  }
  return out
}
