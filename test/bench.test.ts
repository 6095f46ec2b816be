/**
 * The benchmark's own helpers (scripts/bench): the synthetic specs it measures must be specs
 * specpact accepts and translates like the real ones, and its statistics must be right. No
 * timings are asserted here.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCommand } from '../scripts/bench/command'
import type { Result } from '../scripts/bench/results'
import {
  rowsOf,
  type SizeResults,
  speedUpFigure,
  targetsOf,
  VERIFY_ARMS,
  type VerifyArmName,
} from '../scripts/bench/rows'
import { summarize } from '../scripts/bench/stats'
import { readTemplates, repoInputs, synthesize, writeProject } from '../scripts/bench/synth'
import { formatFailures } from '../scripts/bench/table'
import { suiteMean, windowsOf } from '../scripts/bench/windows'
import { compile, loadProject } from '../src/project'

const root = resolve(__dirname, '..')
let dir: string | undefined

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

describe('synthetic specs', () => {
  it('lint clean, translate, and keep the states of the spec each one was made from', async () => {
    const templates = await readTemplates(join(root, 'specs', 'communication-gw'))
    const specs = synthesize(templates, 2 * templates.length + 3)
    dir = await mkdtemp(join(tmpdir(), 'specpact-bench-test-'))
    const project = await writeProject(dir, specs, repoInputs(root))

    const synthetic = await loadProject({ cwd: project.dir })
    const problems = synthetic.files.flatMap((f) =>
      f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.file}: ${d.message}`),
    )
    expect(problems).toEqual([])
    const build = compile(synthetic)
    expect(build.failed).toEqual([])
    // One interaction per spec, beside those verifying the prerequisites they rely on.
    const interactions = build.contracts
      .flatMap((c) => c.interactions)
      .filter((i) => i.kind !== 'http' || !i.prerequisite)
    expect(new Set(interactions.map((i) => i.description)).size).toBe(specs.length)

    const real = compile(await loadProject({ cwd: root })).contracts.flatMap((c) => c.interactions)
    const statesOf = (name: string, among: typeof real) =>
      among.find((i) => i.description === name)?.states.map((s) => s.name)
    for (const [i, spec] of specs.entries()) {
      const template = templates[i % templates.length]?.name as string
      expect(statesOf(spec.name, interactions), spec.name).toEqual(statesOf(template, real))
    }
  })

  it('give each variant its own literal texts', () => {
    const template = {
      name: 'post_x',
      text: 'display_name: "Test Channel {{now_timestamp}}"\ntype: "transactional"',
    }
    expect([0, 1].map((i) => synthesize([template], 2)[i])).toEqual([
      {
        name: 'post_x_0000',
        text: 'display_name: "Test Channel 0000 {{now_timestamp}}"\ntype: "transactional"',
      },
      {
        name: 'post_x_0001',
        text: 'display_name: "Test Channel 0001 {{now_timestamp}}"\ntype: "promotional"',
      },
    ])
  })
})

describe('summarize', () => {
  it.each([
    { name: 'odd count', samples: [5, 1, 3], median: 3, min: 1, max: 5, p90: 5 },
    { name: 'even count', samples: [4, 1, 3, 2], median: 2.5, min: 1, max: 4, p90: 4 },
    {
      name: 'p90 by nearest rank',
      samples: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
      median: 5.5,
      min: 1,
      max: 10,
      p90: 9,
    },
  ])('$name', ({ samples, median, min, max, p90 }) => {
    expect(summarize(samples)).toEqual({ n: samples.length, median, min, max, p90 })
  })
})

describe('sampling a long suite', () => {
  it.each([
    { name: 'a short suite runs whole', n: 100, size: 50, windows: [[0, 100]] },
    { name: 'size 0 runs whole', n: 1000, size: 0, windows: [[0, 1000]] },
    {
      name: 'a long suite: start, middle and end',
      n: 1000,
      size: 50,
      windows: [
        [0, 50],
        [475, 525],
        [950, 1000],
      ],
    },
  ])('$name', ({ n, size, windows }) => {
    expect(windowsOf(n, size).map((w) => [w.start, w.end])).toEqual(windows)
  })

  it.each([
    { name: 'constant', cost: (_: number) => 7 },
    { name: 'growing linearly', cost: (k: number) => 2 + 0.3 * k },
    { name: 'growing quadratically', cost: (k: number) => 1 + 0.001 * k * k },
  ])('estimates the mean of a suite whose test cost is $name', ({ cost }) => {
    const n = 1001
    const times = Array.from({ length: n }, (_, k) => cost(k))
    const mean = times.reduce((a, b) => a + b, 0) / n
    const sampled = windowsOf(n, 1).map((w) => times.slice(w.start, w.end))
    expect(suiteMean(sampled)).toBeCloseTo(mean, 0)
  })
})

type Of<K extends Result['kind']> = Extract<Result, { kind: K }>

/** One size's results with the given per-test and per-interaction times, 2 runs of each. */
function sizeResults(
  n: number,
  ms: {
    consumer: { specpact: number[][]; bare: number[][] }
    verify: Record<VerifyArmName, number>
    peakMb?: Partial<Record<VerifyArmName, number>>
    /** Peaks of the generate and lint workers (all runs in one process) and of one command each. */
    workerMb?: number
    commandMb?: { generate: number; lint: number }
  },
): Required<SizeResults> {
  const memory = { baseRssMb: 100, peakRssMb: 200 }
  const worker = { baseRssMb: 100, peakRssMb: ms.workerMb ?? 200 }
  const commandMb = ms.commandMb ?? { generate: 150, lint: 140 }
  const consumer = (arm: 'specpact' | 'bare'): Of<'consumer'> => {
    const windows = ms.consumer[arm].map((testMs) => ({ testMs, failed: 0 }))
    const mean = windows.flatMap((w) => w.testMs).reduce((a, b) => a + b, 0) / n
    return {
      kind: 'consumer',
      interactions: n,
      windows: ms.consumer[arm].map((_, k) => ({ start: k * 10, end: k * 10 + 2 })),
      loadMs: 300,
      samples: [0, 1].map(() => ({ arm, perInteractionMs: mean, windows })),
      ...memory,
    }
  }
  const verify = (arm: VerifyArmName): Of<'verify'> => ({
    kind: 'verify',
    samples: [0, 1].map(() => ({
      arm: arm.startsWith('bare') ? ('bare' as const) : ('specpact' as const),
      totalMs: ms.verify[arm] * n,
      perInteractionMs: ms.verify[arm],
      failed: 0,
    })),
    baseRssMb: 100,
    peakRssMb: ms.peakMb?.[arm] ?? 200,
  })
  const generateSample = { readMs: n, translateMs: 0, writeMs: 0, totalMs: n, interactions: n }
  return {
    n,
    generate: { kind: 'generate', samples: [generateSample], ...worker },
    lint: { kind: 'lint', samples: [{ totalMs: n, specs: n, errors: 0 }], ...worker },
    commands: {
      generate: { wallMs: 2 * n, peakRssMb: commandMb.generate },
      lint: { wallMs: n, peakRssMb: commandMb.lint },
    },
    consumer: { specpact: consumer('specpact'), bare: consumer('bare') },
    verify: Object.fromEntries(
      VERIFY_ARMS.map((arm) => [arm, verify(arm)]),
    ) as Required<SizeResults>['verify'],
  }
}

const flatConsumer = { specpact: [[5, 5]], bare: [[10, 10]] }

describe('one command as a user runs it', () => {
  it('reports the peak memory of the command itself, and names a command that failed', async () => {
    const templates = await readTemplates(join(root, 'specs', 'communication-gw'))
    dir = await mkdtemp(join(tmpdir(), 'specpact-bench-test-'))
    const project = await writeProject(join(dir, 'p'), synthesize(templates, 3), repoInputs(root))
    const run = runCommand(project.dir, ['lint'], dir)
    // A Node process holds tens of MB before it reads a spec; no run of a CLI holds a GB.
    expect(run.peakRssMb).toBeGreaterThan(20)
    expect(run.peakRssMb).toBeLessThan(1024)
    expect(() => runCommand(project.dir, ['lint', 'no-such-spec.md'], dir as string)).toThrow(
      /^specpact lint no-such-spec\.md \(in .*\) exited [12]:/,
    )
  })
})

describe('rows and targets', () => {
  it('shows each sampled window of a long suite as measured, per arm', () => {
    const rows = rowsOf(
      sizeResults(6, {
        consumer: {
          specpact: [
            [4, 6],
            [5, 5],
            [6, 4],
          ],
          bare: [
            [10, 12],
            [30, 30],
            [50, 52],
          ],
        },
        verify: { bare: 40, specpact: 8, specpactSystemTrust: 35, bareOneCert: 9 },
      }),
    )
    const windowRows = rows
      .filter((r) => r.figure.includes(', per test, tests '))
      .map((r) => [r.figure, typeof r.value === 'number' ? r.value : r.value.median])
    expect(windowRows).toEqual([
      ['consumer: specpact, per test, tests 0-2', 5],
      ['consumer: specpact, per test, tests 10-12', 5],
      ['consumer: specpact, per test, tests 20-22', 5],
      ['consumer: bare, per test, tests 0-2', 11],
      ['consumer: bare, per test, tests 10-12', 30],
      ['consumer: bare, per test, tests 20-22', 51],
    ])
  })

  it.each([
    { name: 'met at both N', small: 5, large: 6, systemTrust: [1, 1.5], met: [true, false] },
    {
      name: 'missed at the small N',
      small: 3.9,
      large: 6,
      systemTrust: [1, 1.5],
      met: [false, false],
    },
    {
      name: 'system trust store 4x too',
      small: 5,
      large: 5,
      systemTrust: [4, 4.4],
      met: [true, true],
    },
  ])(
    'judges the verification speed-up at both sizes: $name',
    ({ small, large, systemTrust, met }) => {
      const bare = 40
      const at = (n: number, speedUp: number, trustSpeedUp: number) =>
        rowsOf(
          sizeResults(n, {
            consumer: flatConsumer,
            verify: {
              bare,
              specpact: bare / speedUp,
              specpactSystemTrust: bare / trustSpeedUp,
              bareOneCert: bare / speedUp,
            },
          }),
        )
      const rows = [
        ...at(10, small, systemTrust[0] as number),
        ...at(100, large, systemTrust[1] as number),
      ]
      expect(
        rows.find((r) => r.figure === speedUpFigure('specpact') && r.n === 10)?.value,
      ).toBeCloseTo(small)
      const verdicts = targetsOf(rows, 10, 100)
        .filter((t) => t.target.startsWith('verification') || t.target.includes('trust store'))
        .map((t) => t.met)
      expect(verdicts).toEqual(met)
    },
  )

  it('judges the memory of specpact commands only, naming the largest', () => {
    const sizes = [10, 100].map((n) =>
      sizeResults(n, {
        consumer: flatConsumer,
        verify: { bare: 40, specpact: 8, specpactSystemTrust: 35, bareOneCert: 9 },
        peakMb: { bare: 400, bareOneCert: 400, specpactSystemTrust: 290 },
      }),
    )
    const memory = targetsOf(sizes.flatMap(rowsOf), 10, 100).find((t) =>
      t.target.startsWith('peak memory'),
    )
    expect(memory).toEqual({
      target: 'peak memory of any specpact command at N = 100 < 300 MB',
      measured: '290 MB (verify: specpact verify, SPECPACT_SYSTEM_TRUST=1)',
      met: true,
    })
  })

  it.each([
    {
      name: 'a worker above the limit is shown, not judged',
      workerMb: 340,
      commandMb: { generate: 170, lint: 150 },
      measured: '200 MB (consumer: specpact (vitest worker))',
    },
    {
      name: 'one command above the limit is judged',
      workerMb: 340,
      commandMb: { generate: 310, lint: 150 },
      measured: '310 MB (generate: one specpact generate)',
    },
  ])('judges one command of generate and lint, not its worker: $name', (c) => {
    const sizes = [10, 100].map((n) =>
      sizeResults(n, {
        consumer: flatConsumer,
        verify: { bare: 40, specpact: 8, specpactSystemTrust: 35, bareOneCert: 9 },
        workerMb: c.workerMb,
        commandMb: c.commandMb,
      }),
    )
    const rows = sizes.flatMap(rowsOf)
    expect(
      rows.find(
        (r) => r.n === 100 && r.figure === 'generate: peak RSS, all runs in one ts-node process',
      )?.value,
    ).toBe(c.workerMb)
    const memory = targetsOf(rows, 10, 100).find((t) => t.target.startsWith('peak memory'))
    expect(memory?.measured).toBe(c.measured)
  })

  it('shows and judges only the parts a run measured (--only generate,lint)', () => {
    const results = (n: number) => {
      const {
        consumer: _c,
        verify: _v,
        ...rest
      } = sizeResults(n, {
        consumer: flatConsumer,
        verify: { bare: 40, specpact: 8, specpactSystemTrust: 35, bareOneCert: 9 },
      })
      return rest
    }
    const rows = [...rowsOf(results(10)), ...rowsOf(results(100))]
    expect(rows.filter((r) => !/^(generate|lint):/.test(r.figure))).toEqual([])
    expect(targetsOf(rows, 10, 100).map((t) => t.target)).toEqual([
      'generate <= 1 ms per interaction at N = 100',
      'generate flat in N (growth N=10 -> 100 <= 1.25x)',
      'peak memory of any specpact command at N = 100 < 300 MB',
    ])
    expect(formatFailures([results(10)])).toEqual([])
  })

  it('prints the first failed consumer test of an arm, on one line', () => {
    const results = sizeResults(6, {
      consumer: flatConsumer,
      verify: { bare: 40, specpact: 8, specpactSystemTrust: 35, bareOneCert: 9 },
    })
    const [window] = results.consumer.bare.samples[1]?.windows ?? []
    if (!window) throw new Error('no window')
    results.consumer.bare.samples[1] = {
      arm: 'bare',
      perInteractionMs: 10,
      windows: [{ ...window, failed: 1, firstFailure: 'post_x: expected\n\tbut not received' }],
    }
    expect(formatFailures([results])).toEqual([
      'first failed consumer test, bare, N=6: post_x: expected but not received',
    ])
  })
})
