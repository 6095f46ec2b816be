/** The children's results as table rows, ratios and target verdicts. Pure. */
import { MOCK_SERVER_SETTLE_MS } from '../../src/pact/mock'
import type { Result } from './results'
import { type Summary, summarize } from './stats'

export type Unit = 'ms' | 'MB' | 'x' | 'count'

export interface Row {
  figure: string
  n: number
  unit: Unit
  /** A measured distribution, or one derived value (a ratio, a peak). */
  value: Summary | number
}

type Of<K extends Result['kind']> = Extract<Result, { kind: K }>

/**
 * One size's results. Consumer tests and verification ran each arm in its own process, so
 * each peak memory figure is one arm's; `verifyOneCert` ran with the one-certificate trust
 * store (its bare arm may be left out).
 */
export interface SizeResults {
  n: number
  generate: Of<'generate'>
  lint: Of<'lint'>
  consumer: { specpact: Of<'consumer'>; bare: Of<'consumer'> }
  verify: { specpact: Of<'verify'>; bare: Of<'verify'> }
  verifyOneCert: { specpact: Of<'verify'>; bare?: Of<'verify'> }
}

const median = (v: Summary | number) => (typeof v === 'number' ? v : v.median)

const perInteraction = (samples: ReadonlyArray<{ perInteractionMs: number }>) =>
  summarize(samples.map((s) => s.perInteractionMs))

const consumerFailures = (result: Of<'consumer'>) =>
  result.samples.flatMap((s) => s.windows).reduce((sum, w) => sum + w.failed, 0)

const verifyFailures = (result: Of<'verify'>) =>
  result.samples.reduce((sum, s) => sum + s.failed, 0)

export function rowsOf(r: SizeResults): Row[] {
  const { n } = r
  const row = (figure: string, unit: Unit, value: Summary | number): Row => ({
    figure,
    n,
    unit,
    value,
  })
  const generated = (pick: (s: Of<'generate'>['samples'][number]) => number) =>
    summarize(r.generate.samples.map((s) => pick(s) / s.interactions))
  const ours = perInteraction(r.consumer.specpact.samples)
  const bare = perInteraction(r.consumer.bare.samples)
  // The settle wait guards against the mock server's race (src/pact/mock.ts). It is a fixed
  // sleep, so what specpact costs besides it is a subtraction, labelled as one.
  const withoutSettle = ours.median - MOCK_SERVER_SETTLE_MS
  const verification = (label: string, results: SizeResults['verifyOneCert']): Row[] => {
    const mine = perInteraction(results.specpact.samples)
    const theirs = results.bare && perInteraction(results.bare.samples)
    return [
      row(`${label}: specpact verify, per interaction`, 'ms', mine),
      ...(results.bare && theirs
        ? [
            row(`${label}: bare pact-js Verifier, per interaction`, 'ms', theirs),
            row(`${label}: speed-up, bare / specpact`, 'x', theirs.median / mine.median),
          ]
        : []),
      row(
        `${label}: failed interactions, all runs`,
        'count',
        verifyFailures(results.specpact) + (results.bare ? verifyFailures(results.bare) : 0),
      ),
      row(`${label}: peak RSS, specpact verify`, 'MB', results.specpact.peakRssMb),
      ...(results.bare
        ? [row(`${label}: peak RSS, bare pact-js Verifier`, 'MB', results.bare.peakRssMb)]
        : []),
    ]
  }
  return [
    row('generate: total', 'ms', summarize(r.generate.samples.map((s) => s.totalMs))),
    row(
      'generate: per interaction',
      'ms',
      generated((s) => s.totalMs),
    ),
    row(
      'generate: read, per interaction',
      'ms',
      generated((s) => s.readMs),
    ),
    row(
      'generate: translate, per interaction',
      'ms',
      generated((s) => s.translateMs),
    ),
    row(
      'generate: write, per interaction',
      'ms',
      generated((s) => s.writeMs),
    ),
    row('generate: peak RSS', 'MB', r.generate.peakRssMb),
    row('lint: per spec', 'ms', summarize(r.lint.samples.map((s) => s.totalMs / s.specs))),
    row('lint: peak RSS', 'MB', r.lint.peakRssMb),
    row('consumer: project load, once per test process', 'ms', r.consumer.specpact.loadMs),
    row('consumer: specpact specInteraction().run, per test', 'ms', ours),
    row('consumer: bare pact-js executeTest, per test', 'ms', bare),
    row('consumer: ratio specpact / bare', 'x', ours.median / bare.median),
    row(
      `consumer: specpact minus its ${MOCK_SERVER_SETTLE_MS} ms settle wait (derived), per test`,
      'ms',
      withoutSettle,
    ),
    row('consumer: ratio (specpact minus settle wait) / bare', 'x', withoutSettle / bare.median),
    row('consumer: failed tests, specpact', 'count', consumerFailures(r.consumer.specpact)),
    row('consumer: failed tests, bare', 'count', consumerFailures(r.consumer.bare)),
    row('consumer: peak RSS, specpact (vitest worker)', 'MB', r.consumer.specpact.peakRssMb),
    row('consumer: peak RSS, bare (vitest worker)', 'MB', r.consumer.bare.peakRssMb),
    ...verification('verify', r.verify),
    ...verification('verify, one-cert trust store', r.verifyOneCert),
    row(
      'verify: speed-up, bare (system CAs) / specpact (one-cert store)',
      'x',
      perInteraction(r.verify.bare.samples).median /
        perInteraction(r.verifyOneCert.specpact.samples).median,
    ),
  ]
}

export interface Target {
  target: string
  measured: string
  met: boolean
}

const find = (rows: Row[], figure: string, n: number): number => {
  const found = rows.find((r) => r.figure === figure && r.n === n)
  if (!found) throw new Error(`no row "${figure}" at N = ${n}`)
  return median(found.value)
}

/** Growth of a per-interaction figure from the smallest to the largest N still counts as flat. */
export const FLAT = 1.25

const fixed = (x: number, digits = 2) => x.toFixed(digits)

/** The targets, judged on the medians of the smallest and largest N. */
export function targetsOf(rows: Row[], small: number, large: number): Target[] {
  const at = (figure: string, n: number) => find(rows, figure, n)
  const growth = (figure: string) => at(figure, large) / at(figure, small)
  const gen = at('generate: per interaction', large)
  const genGrowth = growth('generate: per interaction')
  const consumerRatios = [small, large].map((n) => at('consumer: ratio specpact / bare', n))
  const consumerGrowth = growth('consumer: specpact specInteraction().run, per test')
  const speedUp = at('verify: speed-up, bare / specpact', large)
  const trickSpeedUp = at('verify: speed-up, bare (system CAs) / specpact (one-cert store)', large)
  // Peaks of specpact's own commands; bare pact-js processes are shown, not judged.
  const peaks = rows
    .filter((r) => r.n === large && r.unit === 'MB' && !r.figure.includes('bare'))
    .map((r) => ({ figure: r.figure, mb: median(r.value) }))
  const peak = peaks.reduce((a, b) => (b.mb > a.mb ? b : a))
  return [
    {
      target: `generate <= 1 ms per interaction at N = ${large}`,
      measured: `${fixed(gen)} ms`,
      met: gen <= 1,
    },
    {
      target: `generate flat in N (growth N=${small} -> ${large} <= ${FLAT}x)`,
      measured: `${fixed(genGrowth)}x`,
      met: genGrowth <= FLAT,
    },
    {
      target: `consumer tests <= 1.0x bare pact-js per test (N=${small}, N=${large})`,
      measured: consumerRatios.map((x) => `${fixed(x)}x`).join(', '),
      met: consumerRatios.every((x) => x <= 1),
    },
    {
      target: `consumer tests flat in N (growth <= ${FLAT}x)`,
      measured: `${fixed(consumerGrowth)}x`,
      met: consumerGrowth <= FLAT,
    },
    {
      target: `verification >= 4x faster than bare pact-js at N = ${large}, TLS untouched`,
      measured: `${fixed(speedUp)}x`,
      met: speedUp >= 4,
    },
    {
      target: '  ... with the one-cert store (plain-http providers only)',
      measured: `${fixed(trickSpeedUp)}x`,
      met: trickSpeedUp >= 4,
    },
    {
      target: `peak memory of any specpact command at N = ${large} < 300 MB`,
      measured: `${fixed(peak.mb, 0)} MB (${peak.figure.replace(/: peak RSS.*/, '')})`,
      met: peak.mb < 300,
    },
  ]
}
