/** `specpact coverage` on the project's own specs, as a CI job runs it. */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CoverageReport } from '../../src/coverage'
import { specpact, withTempDir } from './run'

describe('specpact coverage', { timeout: 300_000 }, () => {
  it('writes the same report as JSON, JUnit and HTML, and the gate passes without thresholds', () =>
    withTempDir(async (dir) => {
      const files = ['json', 'junit', 'html'].map((f) => join(dir, `coverage.${f}`))
      const [json, junit, html] = files as [string, string, string]
      const run = await specpact(['coverage', '--json', json, '--junit', junit, '--html', html])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const report = JSON.parse(await readFile(json, 'utf8')) as CoverageReport
      const gw = report.providers.find((p) => p.provider === 'communication-gw')
      // Every operation of the gateway's OpenAPI has an interaction.
      expect(gw?.figures).toMatchObject({ operations: 10, operationsCovered: 10 })
      expect(report.summary.drift).toEqual({ errors: 0, warnings: 0 })
      expect(run.stdout).toContain(
        `communication-gw  ${'█'.repeat(6)}${'░'.repeat(14)}  ${gw?.figures.covered} of ${gw?.figures.total}`,
      )
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
        `${report.summary.covered} of ${report.summary.total} documented responses covered (${report.summary.percent}%) across 2 providers; ${report.summary.extracts - report.summary.unverifiedExtracts} of ${report.summary.extracts} extracted fields verified by an interaction; drift 0 errors, 0 warnings; 0 conflicts`,
      )
      const xml = await readFile(junit, 'utf8')
      expect(xml).toContain(`<testsuite name="coverage communication-gw (${gw?.figures.percent}%)"`)
      expect(await readFile(html, 'utf8')).toContain(
        '<script type="application/json" id="coverage-data">',
      )
    }))

  it('--format json prints the report that --json writes', async () => {
    const run = await specpact(['coverage', '--format', 'json', '--no-drift'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as CoverageReport
    expect(report.summary.providers).toBe(2)
  })

  it.each([
    {
      name: 'the gate fails below --min-coverage, naming each provider; every extract is carried',
      args: ['--min-coverage', '90', '--fail-on-unverified-extract'],
      code: 1,
      stderr: [
        /^specpact: coverage gate: communication-gw: coverage [\d.]+% \(\d+ of \d+\) is below --min-coverage 90%$/m,
        /^specpact: coverage gate: core-api: coverage 25% \(1 of 4\) is below --min-coverage 90%$/m,
        // Each prerequisite's extract is carried by its own interaction: none fails the gate.
        /^(?![\s\S]*no interaction verifies)/,
      ],
    },
    {
      name: 'a bad --min-coverage is a usage error',
      args: ['--min-coverage', 'lots'],
      code: 2,
      stderr: [
        /^specpact: option-invalid: --min-coverage must be a percentage from 0 to 100, got "lots"\n$/,
      ],
    },
  ])('$name', async ({ args, code, stderr }) => {
    const run = await specpact(['coverage', '--no-drift', ...args])
    expect(run.code).toBe(code)
    for (const line of stderr) expect(run.stderr).toMatch(line)
  })

  it('shows the last verification result, and refuses a file that is not one', () =>
    withTempDir(async (dir) => {
      const good = join(dir, 'verify.json')
      await writeFile(
        good,
        JSON.stringify({
          ok: false,
          results: [
            {
              kind: 'failed',
              description: 'post_business_communication_channels',
              states: [],
              reasons: ['x'],
            },
          ],
        }),
      )
      const run = await specpact([
        'coverage',
        '--no-drift',
        '--format',
        'json',
        '--verification',
        good,
      ])
      const report = JSON.parse(run.stdout) as CoverageReport
      const cell = report.providers[0]?.operations[0]?.statuses[0]
      expect(
        cell?.interactions.find((i) => i.description === 'post_business_communication_channels'),
      ).toMatchObject({ verification: 'failed' })
      // Interactions the file does not mention were not run.
      expect(cell?.interactions.filter((i) => i.verification === 'not-run').length).toBe(
        (cell?.interactions.length ?? 0) - 1,
      )
      const bad = join(dir, 'bad.json')
      await writeFile(bad, '{"results": [{"kind": "passed"}]}')
      const refused = await specpact(['coverage', '--no-drift', '--verification', bad])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(
        `${bad}: not the output of specpact verify --format json at results.0.description`,
      )
    }))
})
