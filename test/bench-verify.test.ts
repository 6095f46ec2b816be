/**
 * The benchmark's verification arms verify honestly: on synthetic specs with several copies
 * of GET /sessions (each bounded to the sessions its own states make), every arm — specpact's
 * `verifyPacts` and the bare pact-js Verifier — resets the reference between interactions as
 * `specpact verify` does, so no copy finds the sessions earlier ones left and every
 * interaction passes. Without the reset, those copies fail. No timings are asserted here.
 * Each arm runs as the benchmark runs it, in a child process whose output (the Pact core
 * prints every verification) is shown only when the child fails.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTask } from '../scripts/bench/child'
import { ResultSchema } from '../scripts/bench/results'
import { readTemplates, repoInputs, synthesize, writeProject } from '../scripts/bench/synth'
import { writePacts } from '../src/pact'
import { compile, loadProject } from '../src/project'
import { readPact } from '../src/provider'

const ROOT = resolve(__dirname, '..')
let dir: string
let pact: string
let projectDir: string
let lists: number

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-bench-verify-'))
  const templates = await readTemplates(join(ROOT, 'specs', 'communication-gw'))
  const project = await writeProject(
    dir,
    synthesize(templates, 3 * templates.length),
    repoInputs(ROOT),
  )
  const build = compile(await loadProject({ cwd: project.dir }))
  const gateway = build.contracts.filter((c) => c.provider === 'communication-gw')
  const [file] = await writePacts(project.pactsDir, gateway)
  if (!file) throw new Error('no communication-gw pact')
  pact = file
  projectDir = project.dir
  const read = await readPact(pact)
  lists = read.interactions.filter((i) =>
    /^get_business_communication_sessions/.test(i.description),
  ).length
}, 120_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the benchmark verification arms', () => {
  it('verify a pact with several bounded GET /sessions copies', () => {
    expect(lists).toBeGreaterThanOrEqual(3)
  })

  it.each(['specpact', 'bare'] as const)(
    '%s: every interaction passes',
    async (arm) => {
      const out = join(dir, `verify-${arm}.json`)
      const task = { kind: 'verify', cwd: projectDir, reps: 1, warmup: 1, window: 0, out } as const
      const result = ResultSchema.parse(await runTask({ ...task, arms: [arm], pact }))
      if (result.kind !== 'verify') throw new Error(`asked for verify, got ${result.kind}`)
      expect(result.samples.map((s) => s.failed)).toEqual([0])
    },
    120_000,
  )
})
