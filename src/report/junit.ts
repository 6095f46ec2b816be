/**
 * JUnit XML for CI systems that show test results: one `<testsuite>` per run, one
 * `<testcase>` per spec (classname: the spec's folder), `<failure>` with the same text the
 * terminal shows, `<skipped>` for skipped and not-live specs.
 */
import { dirname } from 'node:path'
import type { LiveReport } from '../runner/live'
import type { Step } from '../spec'
import { describeFailure } from './live'

export function liveJUnit(
  report: LiveReport,
  steps?: ReadonlyMap<string, readonly Step[]>,
): string {
  const failures = report.specs.filter((r) => r.outcome === 'failed').length
  const skipped = report.specs.filter(
    (r) => r.outcome === 'skipped' || r.outcome === 'not-live',
  ).length
  const cases = report.specs.map((run) => {
    const open = `    <testcase name="${xml(run.spec)}" classname="${xml(dirname(run.file))}" file="${xml(run.file)}" time="${seconds(run.durationMs)}"`
    if (run.outcome === 'passed') return `${open}/>`
    if (run.outcome === 'failed') {
      const text = (run.result?.steps ?? [])
        .flatMap((step) =>
          step.kind === 'failed' || step.kind === 'error'
            ? describeFailure(
                step,
                steps?.get(run.spec)?.find((s) => s.id === step.stepId),
              )
            : [],
        )
        .join('\n')
      return `${open}>\n      <failure message="${xml(run.reason ?? 'failed')}">${xml(text)}</failure>\n    </testcase>`
    }
    return `${open}>\n      <skipped message="${xml(run.reason ?? run.outcome)}"/>\n    </testcase>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="specpact run" tests="${report.specs.length}" failures="${failures}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${xml(report.baseURL)}" tests="${report.specs.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${report.startedAt}" time="${seconds(report.durationMs)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

/** Text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
