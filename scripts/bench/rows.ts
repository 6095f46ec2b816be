/** The children's results as table rows, ratios and target verdicts. Pure. */
import { CHUNK_SIZE } from '../../src/provider'
import type { CommandRun, Result } from './results'
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
 * The ways one pact is verified, each in its own process:
 * - `bare`: a bare pact-js Verifier over the one pact file, system trust store;
 * - `specpact`: `verifyPacts` with its defaults (one-certificate store in-process because the
 *   reference is plain http, runs of `CHUNK_SIZE` interactions);
 * - `specpactSystemTrust`: `verifyPacts` with `SPECPACT_SYSTEM_TRUST=1`, the runs alone: what
 *   a verification from an https broker gets without `--ca-file` (the Pact core then keeps
 *   the system store; an https provider is reached through pact-js's proxy and is fast);
 * - `bareOneCert`: the bare Verifier in a process whose environment names the one-certificate
 *   store, one pact file: the certificate trick alone, as a pact-js user could set it.
 */
export const VERIFY_ARMS = ['bare', 'specpact', 'specpactSystemTrust', 'bareOneCert'] as const
export type VerifyArmName = (typeof VERIFY_ARMS)[number]

/** How each verification arm is named in the table. */
export const VERIFY_LABELS: Record<VerifyArmName, string> = {
  bare: 'bare pact-js Verifier',
  specpact: 'specpact verify',
  specpactSystemTrust: 'specpact verify, SPECPACT_SYSTEM_TRUST=1',
  bareOneCert: 'bare Verifier + one-cert env',
}

/** What each verification arm does, printed under the table's title. */
const VERIFY_MEANINGS: Record<VerifyArmName, string> = {
  bare: 'one pact file, system CAs',
  specpact: `defaults: one-cert store in-process (plain-http provider), runs of ${CHUNK_SIZE} interactions`,
  specpactSystemTrust: `runs of ${CHUNK_SIZE} only, system CAs (an https broker without --ca-file)`,
  bareOneCert:
    'one pact file; SSL_CERT_FILE = one certificate, SSL_CERT_DIR empty, in its environment',
}

export const VERIFY_LEGEND = [
  'verify arms, each in its own process:',
  ...VERIFY_ARMS.map((arm) => `  ${VERIFY_LABELS[arm].padEnd(42)}${VERIFY_MEANINGS[arm]}`),
].join('\n')

/**
 * One size's results. Consumer tests and verification ran each arm in its own process, so
 * each peak memory figure is one arm's.
 */
export interface SizeResults {
  n: number
  generate: Of<'generate'>
  lint: Of<'lint'>
  /** `specpact generate` and `specpact lint` of the same project, once each, as users run them. */
  commands: { generate: CommandRun; lint: CommandRun }
  /** Absent when the run was asked for other parts only (`--only`). */
  consumer?: { specpact: Of<'consumer'>; bare: Of<'consumer'> }
  verify?: Record<VerifyArmName, Of<'verify'>>
}

/** The row comparing bare pact-js's Verifier (system CAs) with `arm`. */
export const speedUpFigure = (arm: Exclude<VerifyArmName, 'bare'>): string =>
  `verify: speed-up, bare / ${VERIFY_LABELS[arm]}`

const median = (v: Summary | number) => (typeof v === 'number' ? v : v.median)

const perInteraction = (samples: ReadonlyArray<{ perInteractionMs: number }>) =>
  summarize(samples.map((s) => s.perInteractionMs))

const consumerFailures = (result: Of<'consumer'>) =>
  result.samples.flatMap((s) => s.windows).reduce((sum, w) => sum + w.failed, 0)

const verifyFailures = (result: Of<'verify'>) =>
  result.samples.reduce((sum, s) => sum + s.failed, 0)

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/**
 * The peak of a measuring worker: warm-up and every repetition in one ts-node process, so it
 * holds the compiler and, as the collector's timing has it, earlier runs' garbage. Shown, not
 * judged: the target judges a command as users run it (`commands`).
 */
const IN_ONE_PROCESS = ', all runs in one ts-node process'

export function rowsOf(r: SizeResults): Row[] {
  const row = rowAt(r.n)
  const generated = (pick: (s: Of<'generate'>['samples'][number]) => number) =>
    summarize(r.generate.samples.map((s) => pick(s) / s.interactions))
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
    row('generate: one specpact generate, wall', 'ms', r.commands.generate.wallMs),
    row('generate: peak RSS, one specpact generate', 'MB', r.commands.generate.peakRssMb),
    row(`generate: peak RSS${IN_ONE_PROCESS}`, 'MB', r.generate.peakRssMb),
    row('lint: per spec', 'ms', summarize(r.lint.samples.map((s) => s.totalMs / s.specs))),
    row('lint: peak RSS, one specpact lint', 'MB', r.commands.lint.peakRssMb),
    row(`lint: peak RSS${IN_ONE_PROCESS}`, 'MB', r.lint.peakRssMb),
    ...(r.consumer ? consumerRows(r.n, r.consumer) : []),
    ...(r.verify ? verifyRows(r.n, r.verify) : []),
  ]
}

const rowAt =
  (n: number) =>
  (figure: string, unit: Unit, value: Summary | number): Row => ({ figure, n, unit, value })

function consumerRows(n: number, consumer: NonNullable<SizeResults['consumer']>): Row[] {
  const row = rowAt(n)
  const ours = perInteraction(consumer.specpact.samples)
  const bare = perInteraction(consumer.bare.samples)
  // A sampled suite: each window's own mean per test, so the growth along the suite is
  // measured, not inferred from the estimate.
  const windowRows = (arm: 'specpact' | 'bare'): Row[] => {
    const result = consumer[arm]
    if (result.windows.length < 2) return []
    return result.windows.map((w, k) =>
      row(
        `consumer: ${arm}, per test, tests ${w.start}-${w.end}`,
        'ms',
        summarize(result.samples.map((s) => mean(s.windows[k]?.testMs ?? []))),
      ),
    )
  }
  return [
    row('consumer: project load, once per test process', 'ms', consumer.specpact.loadMs),
    row('consumer: specpact specInteraction().run, per test', 'ms', ours),
    row('consumer: bare pact-js executeTest, per test', 'ms', bare),
    row('consumer: ratio specpact / bare', 'x', ours.median / bare.median),
    ...windowRows('specpact'),
    ...windowRows('bare'),
    row('consumer: failed tests, specpact', 'count', consumerFailures(consumer.specpact)),
    row('consumer: failed tests, bare', 'count', consumerFailures(consumer.bare)),
    row('consumer: peak RSS, specpact (vitest worker)', 'MB', consumer.specpact.peakRssMb),
    row('consumer: peak RSS, bare (vitest worker)', 'MB', consumer.bare.peakRssMb),
  ]
}

function verifyRows(n: number, verify: NonNullable<SizeResults['verify']>): Row[] {
  const row = rowAt(n)
  const verifyMs = Object.fromEntries(
    VERIFY_ARMS.map((arm) => [arm, perInteraction(verify[arm].samples)]),
  ) as Record<VerifyArmName, Summary>
  const speedUp = (arm: Exclude<VerifyArmName, 'bare'>) =>
    row(speedUpFigure(arm), 'x', verifyMs.bare.median / verifyMs[arm].median)
  return [
    ...VERIFY_ARMS.map((arm) =>
      row(`verify: ${VERIFY_LABELS[arm]}, per interaction`, 'ms', verifyMs[arm]),
    ),
    speedUp('specpact'),
    speedUp('specpactSystemTrust'),
    speedUp('bareOneCert'),
    row(
      'verify: failed interactions, all arms and runs',
      'count',
      VERIFY_ARMS.reduce((sum, arm) => sum + verifyFailures(verify[arm]), 0),
    ),
    ...VERIFY_ARMS.map((arm) =>
      row(`verify: peak RSS, ${VERIFY_LABELS[arm]}`, 'MB', verify[arm].peakRssMb),
    ),
  ]
}

export interface Target {
  target: string
  measured: string
  met: boolean
}

const has = (rows: Row[], figure: string) => rows.some((r) => r.figure === figure)

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
  const both = (figure: string) => [small, large].map((n) => at(figure, n))
  const growth = (figure: string) => at(figure, large) / at(figure, small)
  const ratios = (xs: number[]) => xs.map((x) => `${fixed(x)}x`).join(', ')
  const gen = at('generate: per interaction', large)
  const genGrowth = growth('generate: per interaction')
  // Peaks of specpact's own commands; bare pact-js processes and the generate and lint
  // workers' repeated runs are shown, not judged.
  const peaks = rows
    .filter(
      (r) =>
        r.n === large &&
        r.unit === 'MB' &&
        !r.figure.includes('bare') &&
        !r.figure.endsWith(IN_ONE_PROCESS),
    )
    .map((r) => ({ figure: r.figure, mb: median(r.value) }))
  const peak = peaks.reduce((a, b) => (b.mb > a.mb ? b : a))
  const consumer = (): Target[] => {
    const consumerRatios = both('consumer: ratio specpact / bare')
    const consumerGrowth = growth('consumer: specpact specInteraction().run, per test')
    return [
      {
        target: `consumer tests <= 1.0x bare pact-js per test (N=${small}, N=${large})`,
        measured: ratios(consumerRatios),
        met: consumerRatios.every((x) => x <= 1),
      },
      {
        target: `consumer tests flat in N (growth <= ${FLAT}x)`,
        measured: `${fixed(consumerGrowth)}x`,
        met: consumerGrowth <= FLAT,
      },
    ]
  }
  const verify = (): Target[] => {
    const speedUps = both(speedUpFigure('specpact'))
    const systemTrustSpeedUps = both(speedUpFigure('specpactSystemTrust'))
    return [
      {
        target: `verification >= 4x faster than bare pact-js (N=${small}, N=${large}), plain-http provider`,
        measured: ratios(speedUps),
        met: speedUps.every((x) => x >= 4),
      },
      {
        target: '  ... system trust store kept (an https broker without --ca-file)',
        measured: ratios(systemTrustSpeedUps),
        met: systemTrustSpeedUps.every((x) => x >= 4),
      },
    ]
  }
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
    ...(has(rows, 'consumer: ratio specpact / bare') ? consumer() : []),
    ...(has(rows, speedUpFigure('specpact')) ? verify() : []),
    {
      target: `peak memory of any specpact command at N = ${large} < 300 MB`,
      measured: `${fixed(peak.mb, 0)} MB (${peak.figure.replace(/: peak RSS(, )?/, (_, comma) => (comma ? ': ' : ''))})`,
      met: peak.mb < 300,
    },
  ]
}
