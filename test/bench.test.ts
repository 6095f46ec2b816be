/**
 * The benchmark's own helpers (scripts/bench): the synthetic specs it measures must be specs
 * specpact accepts and translates like the real ones, and its statistics must be right. No
 * timings are asserted here.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { summarize } from '../scripts/bench/stats'
import { readTemplates, repoInputs, synthesize, writeProject } from '../scripts/bench/synth'
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
    const interactions = build.contracts.flatMap((c) => c.interactions)
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
