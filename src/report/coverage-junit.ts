/**
 * The coverage report as JUnit XML for CI test tabs: per provider a suite with a test case
 * per documented response (uncovered: skipped; its interaction failing verification:
 * failed), then suites for extracted fields, drift and conflicts (each finding a failure).
 */
import type { CoverageReport, SpecLocation } from '../coverage'

const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 has no way to write most control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

interface Case {
  name: string
  classname: string
  outcome:
    | { kind: 'passed' }
    | { kind: 'skipped'; message: string }
    | { kind: 'failed'; message: string; detail: string }
}

const at = (l: SpecLocation | undefined) => (l ? `${l.file}:${l.line}` : '')

function suite(name: string, cases: readonly Case[]): string {
  const failures = cases.filter((c) => c.outcome.kind === 'failed').length
  const skipped = cases.filter((c) => c.outcome.kind === 'skipped').length
  const body = cases.map((c) => {
    const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}"`
    const o = c.outcome
    if (o.kind === 'passed') return `${open}/>`
    const inner =
      o.kind === 'skipped'
        ? `<skipped message="${xml(o.message)}"/>`
        : `<failure message="${xml(o.message)}">${xml(o.detail)}</failure>`
    return `${open}>\n      ${inner}\n    </testcase>`
  })
  return [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    ...body,
    '  </testsuite>',
  ].join('\n')
}

export function coverageJunit(report: CoverageReport): string {
  const suites: string[] = []
  for (const p of report.providers) {
    const cases: Case[] = []
    for (const op of p.operations) {
      for (const s of op.statuses) {
        const failed = s.interactions.filter((i) => i.verification === 'failed')
        cases.push({
          name: `${op.method} ${op.path} ${s.status}`,
          classname: `coverage.${p.provider}`,
          outcome:
            s.interactions.length === 0
              ? { kind: 'skipped', message: 'no interaction covers this response' }
              : failed.length > 0
                ? {
                    kind: 'failed',
                    message: `${failed.length} covering interaction(s) failed verification`,
                    detail: failed.map((i) => `${i.description} ${at(i.spec)}`).join('\n'),
                  }
                : { kind: 'passed' },
        })
      }
    }
    for (const e of p.events) {
      cases.push({
        name: `event ${e.event}`,
        classname: `coverage.${p.provider}`,
        outcome:
          e.interactions.length === 0
            ? { kind: 'skipped', message: 'no message interaction covers this event' }
            : { kind: 'passed' },
      })
    }
    suites.push(suite(`coverage ${p.provider} (${p.figures.percent}%)`, cases))
  }
  suites.push(
    suite(
      'extracted fields',
      report.extracts.map((e) => ({
        name: `${e.variable} = ${e.path} from ${e.endpoint} (${e.spec.file})`,
        classname: 'coverage.extracts',
        outcome:
          e.state === 'unverified' || e.state === 'failed'
            ? {
                kind: 'failed',
                message:
                  e.state === 'failed'
                    ? 'its interactions failed verification'
                    : 'no interaction verifies it',
                detail: `${at(e.spec)} step ${e.step}`,
              }
            : { kind: 'passed' },
      })),
    ),
  )
  suites.push(
    suite(
      'drift',
      report.drift.map((d, i) => ({
        name: `${d.interaction} ${d.code} #${i + 1}`,
        classname: `drift.${d.provider}`,
        outcome:
          d.severity === 'error'
            ? {
                kind: 'failed',
                message: d.message,
                detail: [at(d.spec), d.pactLocation, d.specLocation].filter(Boolean).join('\n'),
              }
            : { kind: 'passed' },
      })),
    ),
  )
  suites.push(
    suite(
      'conflicts',
      report.conflicts.map((c) => ({
        name: `${c.endpoint} ${c.kind === 'extract' ? c.variable : 'status'}`,
        classname: 'conflicts',
        outcome: {
          kind: 'failed',
          message:
            c.kind === 'extract'
              ? `${c.variable} is read from ${c.variants.map((v) => v.path).join(' and ')}`
              : `success statuses disagree: ${c.variants.map((v) => v.statuses.join('|')).join(' and ')}`,
          detail: c.variants.flatMap((v) => v.uses.map(at)).join('\n'),
        },
      })),
    ),
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="specpact coverage">\n${suites.join('\n')}\n</testsuites>\n`
}
