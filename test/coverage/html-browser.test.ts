/**
 * The HTML coverage report in a real browser: Debian's chromium driven by playwright-core.
 * The page must show the numbers of the JSON report it embeds, and its filters and sorting
 * must work. A screenshot goes to `.tmp/screenshots/` (ignored by git) for a person to look
 * at. Without chromium this test fails and says how to install it: it never skips.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectCoverage } from '../../src/cli/coverage'
import type { CoverageReport } from '../../src/coverage'
import { coverageHtml } from '../../src/report/coverage-html'
import { ROOT, withTempDir } from './run'

const CHROMIUM = process.env.SPECPACT_CHROMIUM ?? '/usr/bin/chromium'
const SCREENSHOTS = join(ROOT, '.tmp', 'screenshots')

let browser: Browser
let page: Page
let report: CoverageReport

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `chromium is not installed at ${CHROMIUM}: the HTML report is tested in a real browser. Install it with "apt-get update && apt-get install -y chromium" (.ci/run does), or set SPECPACT_CHROMIUM to a Chromium binary.`,
    )
  await withTempDir(async (dir) => {
    // The report of the project's specs, built in-process as `specpact coverage --html` does
    // (test/coverage/cli.test.ts runs the command itself).
    report = await projectCoverage([], undefined)
    const html = join(dir, 'coverage.html')
    await writeFile(html, coverageHtml(report))
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox'],
      timeout: 180_000,
    })
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // The page must need nothing from the network: any request but the file itself fails.
    await page.route(/^(?!file:)/, (route) => {
      errors.push(`request to ${route.request().url()}`)
      return route.abort()
    })
    await page.goto(`file://${html}`)
    await page.waitForSelector('#responses tbody tr')
    if (errors.length > 0) throw new Error(`the page reported: ${errors.join('; ')}`)
  })
}, 300_000)

afterAll(async () => {
  await browser?.close()
})

const text = (selector: string) => page.locator(selector).first().innerText()
const rows = () => page.locator('#responses tbody tr')
const cellCount = (r: CoverageReport, keep: (s: { interactions: unknown[] }) => boolean) =>
  r.providers.reduce(
    (n, p) =>
      n +
      p.operations.flatMap((o) => o.statuses).filter(keep).length +
      p.events.filter(keep).length,
    0,
  )

describe('the HTML coverage report in headless Chromium', () => {
  it('shows the summary and each provider’s figures as the JSON has them', async () => {
    const s = report.summary
    expect(await text('[data-testid=summary-covered]')).toBe(String(s.covered))
    expect(await text('[data-testid=summary-total]')).toBe(String(s.total))
    expect(await text('[data-testid=summary-percent]')).toBe(String(s.percent))
    expect(await text('[data-testid=summary-drift]')).toBe(
      `${s.drift.errors} errors, ${s.drift.warnings} warnings`,
    )
    for (const p of report.providers) {
      const card = `article[data-provider="${p.provider}"]`
      expect(await text(`${card} .figure-covered`)).toBe(String(p.figures.covered))
      expect(await text(`${card} .figure-total`)).toBe(String(p.figures.total))
      expect(await text(`${card} .figure-percent`)).toBe(String(p.figures.percent))
      const bar = page.locator(`${card} [role=progressbar]`)
      expect(await bar.getAttribute('aria-valuenow')).toBe(String(p.figures.percent))
      // The bar is drawn as wide as the percentage says.
      const [outer, inner] = await Promise.all([
        bar.boundingBox(),
        bar.locator('span').boundingBox(),
      ])
      expect(
        Math.abs((inner?.width ?? 0) - ((outer?.width ?? 0) * p.figures.percent) / 100),
      ).toBeLessThan(2)
    }
    await mkdir(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, 'coverage.png'), fullPage: true })
  })

  it('has a row per documented response and event, and filters them', async () => {
    const all = cellCount(report, () => true)
    expect(await rows().count()).toBe(all)
    expect(await text('[data-testid=row-count]')).toBe(`${all} of ${all} rows`)

    await page.selectOption('#filter-state', 'uncovered')
    const uncovered = cellCount(report, (s) => s.interactions.length === 0)
    expect(await rows().count()).toBe(uncovered)
    expect(await page.locator('#responses tbody tr[data-state=covered]').count()).toBe(0)
    await page.selectOption('#filter-state', '')

    await page.selectOption('#filter-provider', 'core-api')
    const core = report.providers.find((p) => p.provider === 'core-api')
    expect(await rows().count()).toBe(core?.operations.flatMap((o) => o.statuses).length)
    await page.selectOption('#filter-provider', '')

    await page.fill('#filter-text', 'sessions/typing')
    const typing = report.providers
      .flatMap((p) => p.operations)
      .filter((o) => o.path.includes('sessions/typing'))
      .flatMap((o) => o.statuses).length
    expect(typing).toBeGreaterThan(0)
    expect(await rows().count()).toBe(typing)
    await page.fill('#filter-text', '')
    expect(await rows().count()).toBe(all)
  })

  it('sorts by a column when its header is clicked, and back when clicked again', async () => {
    const header = page.locator('#responses th[data-key=count]')
    const counts = async () =>
      (await page.locator('#responses tbody tr td:nth-child(5)').allInnerTexts()).map(Number)
    await header.click()
    expect(await header.getAttribute('aria-sort')).toBe('ascending')
    const up = await counts()
    expect(up).toEqual([...up].sort((a, b) => a - b))
    await header.click()
    expect(await header.getAttribute('aria-sort')).toBe('descending')
    const down = await counts()
    expect(down).toEqual([...up].sort((a, b) => b - a))
    expect(down[0]).toBeGreaterThan(down.at(-1) ?? 0)
  })
})
