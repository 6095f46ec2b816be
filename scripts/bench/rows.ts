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

/** One size's results; `verifyOneCert` ran with the one-certificate trust store. */
export interface SizeResults {
  n: number
  generate: Of<'generate'>
  lint: Of<'lint'>
  consumer: Of<'consumer'>
  verify: Of<'verify'>
  verifyOneCert: Of<'verify'>
}

const median = (v: Summary | number) => (typeof v === 'number' ? v : v.median)

/** Per-interaction times of one arm. */
const arm = <T extends { arm: string; perInteractionMs: number }>(samples: T[], name: string) =>
  summarize(samples.filter((s) => s.arm === name).map((s) => s.perInteractionMs))

const failures = <T extends { arm: string }>(
  samples: T[],
  name: string,
  failedOf: (s: T) => number,
) => samples.filter((s) => s.arm === name).reduce((sum, s) => sum + failedOf(s), 0)

export function rowsOf(r: SizeResults): Row[] {
  const { n } = r
  const row = (figure: string, unit: Unit, value: Summary | number): Row => ({
    figure,
    n,
    unit,
    value,
  })
  const perInteraction = (pick: (s: Of<'generate'>['samples'][number]) => number) =>
    summarize(r.generate.samples.map((s) => pick(s) / s.interactions))
  const consumerFailed = (s: Of<'consumer'>['samples'][number]) =>
    s.windows.reduce((sum, w) => sum + w.failed, 0)
  const specpactTest = arm(r.consumer.samples, 'specpact')
  const bareTest = arm(r.consumer.samples, 'bare')
  const verification = (label: string, result: Of<'verify'>) => {
    const ours = arm(result.samples, 'specpact')
    const bare = arm(result.samples, 'bare')
    return [
      row(`${label}: specpact verify, per interaction`, 'ms', ours),
      row(`${label}: bare pact-js Verifier, per interaction`, 'ms', bare),
      row(`${label}: speed-up, bare / specpact`, 'x', bare.median / ours.median),
      row(
        `${label}: failed interactions, specpact + bare`,
        'count',
        failures(result.samples, 'specpact', (s) => s.failed) +
          failures(result.samples, 'bare', (s) => s.failed),
      ),
      row(`${label}: peak RSS (process running both)`, 'MB', result.peakRssMb),
    ]
  }
  const oneCertOurs = arm(r.verifyOneCert.samples, 'specpact')
  return [
    row('generate: total', 'ms', summarize(r.generate.samples.map((s) => s.totalMs))),
    row(
      'generate: per interaction',
      'ms',
      perInteraction((s) => s.totalMs),
    ),
    row(
      'generate: read, per interaction',
      'ms',
      perInteraction((s) => s.readMs),
    ),
    row(
      'generate: translate, per interaction',
      'ms',
      perInteraction((s) => s.translateMs),
    ),
    row(
      'generate: write, per interaction',
      'ms',
      perInteraction((s) => s.writeMs),
    ),
    row('generate: peak RSS', 'MB', r.generate.peakRssMb),
    row('lint: per spec', 'ms', summarize(r.lint.samples.map((s) => s.totalMs / s.specs))),
    row('lint: peak RSS', 'MB', r.lint.peakRssMb),
    row('consumer: project load, once per process', 'ms', r.consumer.loadMs),
    row('consumer: specpact specInteraction().run, per test', 'ms', specpactTest),
    row('consumer: bare pact-js executeTest, per test', 'ms', bareTest),
    row('consumer: ratio specpact / bare', 'x', specpactTest.median / bareTest.median),
    // The settle wait guards against the mock server's race (src/pact/mock.ts): a fixed sleep,
    // so what specpact costs besides it is a subtraction, labelled as one.
    row(
      `consumer: specpact minus its ${MOCK_SERVER_SETTLE_MS} ms settle wait (derived), per test`,
      'ms',
      specpactTest.median - MOCK_SERVER_SETTLE_MS,
    ),
    row(
      'consumer: ratio (specpact minus settle wait) / bare',
      'x',
      (specpactTest.median - MOCK_SERVER_SETTLE_MS) / bareTest.median,
    ),
    row(
      'consumer: failed tests, specpact',
      'count',
      failures(r.consumer.samples, 'specpact', consumerFailed),
    ),
    row(
      'consumer: failed tests, bare',
      'count',
      failures(r.consumer.samples, 'bare', consumerFailed),
    ),
    row('consumer: peak RSS (vitest worker running both)', 'MB', r.consumer.peakRssMb),
    ...verification('verify', r.verify),
    ...verification('verify, one-cert trust store', r.verifyOneCert),
    row(
      'verify: speed-up, bare (system CAs) / specpact (one-cert store)',
      'x',
      median(arm(r.verify.samples, 'bare')) / oneCertOurs.median,
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
  const peaks = rows.filter((r) => r.n === large && r.unit === 'MB').map((r) => median(r.value))
  const peak = Math.max(...peaks)
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
      target: 'consumer tests <= 1.0x bare pact-js per test, at every N',
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
      target: '  ... if specpact used the one-cert store for plain-http providers',
      measured: `${fixed(trickSpeedUp)}x`,
      met: trickSpeedUp >= 4,
    },
    {
      target: `peak memory of any command at N = ${large} < 300 MB`,
      measured: `${fixed(peak, 0)} MB`,
      met: peak < 300,
    },
  ]
}
