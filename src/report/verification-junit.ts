/**
 * `specpact verify --junit <file>`: JUnit XML for CI test reports. One test suite per
 * consumer–provider pair, one test case per interaction; a failure's message is its root
 * cause, its text every reason and the Pact core's diff.
 */
import { describeFailure, type InteractionResult } from '../provider'

const escapeXml = (text: string) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')

export function verificationJUnit(provider: string, results: readonly InteractionResult[]): string {
  const suites = new Map<string, InteractionResult[]>()
  for (const r of results) suites.set(r.consumer, [...(suites.get(r.consumer) ?? []), r])
  const failures = results.filter((r) => r.kind === 'failed').length
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="specpact verify" tests="${results.length}" failures="${failures}">`,
  ]
  for (const [consumer, cases] of suites) {
    const failed = cases.filter((r) => r.kind === 'failed').length
    const name = escapeXml(`${consumer} → ${provider}`)
    lines.push(`  <testsuite name="${name}" tests="${cases.length}" failures="${failed}">`)
    for (const r of cases) {
      const file = r.spec ? ` file="${escapeXml(r.spec)}"` : ''
      const head = `    <testcase classname="${escapeXml(`${provider}.${r.interaction}`)}" name="${escapeXml(r.description)}"${file}`
      if (r.kind === 'passed') {
        lines.push(`${head}/>`)
        continue
      }
      const message = r.failures[0] ? describeFailure(r.failures[0]) : 'failed'
      const body = [
        ...(r.states.length > 0 ? [`given ${r.states.join(' and ')}`] : []),
        ...r.reasons,
        ...(r.detail ? ['', r.detail] : []),
      ].join('\n')
      lines.push(
        `${head}>`,
        `      <failure message="${escapeXml(message)}">${escapeXml(body)}</failure>`,
        '    </testcase>',
      )
    }
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return `${lines.join('\n')}\n`
}
