/** The CI gate: which thresholds a coverage report fails. */
import type { CoverageReport } from './types'

export interface GateOptions {
  /** Every provider's operation × status coverage must reach this percentage. */
  minCoverage?: number
  /** No extracted field may be left without a (passing) interaction that carries it. */
  failOnUnverifiedExtract?: boolean
}

/** What failed the gate, one line each; empty when it passes. */
export function gateFailures(report: CoverageReport, options: GateOptions): string[] {
  const failures: string[] = []
  if (options.minCoverage !== undefined) {
    for (const p of report.providers) {
      if (p.figures.total === 0) continue
      if (p.figures.percent < options.minCoverage)
        failures.push(
          `${p.provider}: coverage ${p.figures.percent}% (${p.figures.covered} of ${p.figures.total}) is below --min-coverage ${options.minCoverage}%`,
        )
    }
  }
  if (options.failOnUnverifiedExtract) {
    for (const e of report.extracts) {
      if (e.state !== 'unverified' && e.state !== 'failed') continue
      const why =
        e.state === 'failed'
          ? 'every interaction carrying it failed verification'
          : 'no interaction verifies it'
      failures.push(
        `${e.spec.file}:${e.spec.line}: ${e.variable} = ${e.path} from ${e.endpoint}: ${why}`,
      )
    }
  }
  return failures
}
