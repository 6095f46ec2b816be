import { describe, expect, it } from 'vitest'
import type { CoverageReport } from '../coverage'
import { coverageHtml } from './coverage-html'

const report: CoverageReport = {
  summary: {
    providers: 0,
    total: 0,
    covered: 0,
    percent: 100,
    extracts: 0,
    unverifiedExtracts: 0,
    drift: { errors: 0, warnings: 0 },
    conflicts: 0,
    verification: false,
  },
  providers: [],
  extracts: [],
  drift: [
    {
      provider: 'p',
      consumer: 'c',
      interaction: '</script><script>alert(1)</script>',
      severity: 'error',
      code: 'x',
      message: '<!-- & \u2028',
      pactLocation: undefined,
      specLocation: undefined,
      spec: undefined,
      extractedBy: [],
    },
  ],
  conflicts: [],
}

describe('coverageHtml', () => {
  it('embeds the report so that no value can end the script element', () => {
    const html = coverageHtml(report)
    const start = html.indexOf('<script type="application/json" id="coverage-data">')
    const end = html.indexOf('</script>', start)
    const embedded = html.slice(start, end).replace(/^[^>]*>/, '')
    expect(embedded).not.toMatch(/[<>&\u2028]/)
    expect(JSON.parse(embedded)).toEqual(JSON.parse(JSON.stringify(report)))
  })

  it('needs nothing from outside the page', () => {
    expect(coverageHtml(report)).not.toMatch(/\b(src|href)=|https?:\/\//)
  })
})
