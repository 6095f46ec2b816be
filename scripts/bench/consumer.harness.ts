/**
 * The consumer-test measurement, run by vitest (see consumer.ts for why) in one worker:
 * `BENCH_TASK` names the project, repetitions and the file the result goes to.
 */
import { writeFile } from 'node:fs/promises'
import { it } from 'vitest'
import { consumerProject } from '../../src/consumer'
import type { HttpInteraction } from '../../src/contract'
import { bareRun, type ConsumerArm, specpactRun, subjectsOf } from './consumer'
import type { ArmRun, ConsumerSample, Result } from './results'
import { since } from './stats'
import { readTask } from './task'
import { suiteMean, windowsOf } from './windows'

it('measures consumer tests', { timeout: 0 }, async () => {
  const task = readTask(process.env.BENCH_TASK)
  const baseRssMb = process.memoryUsage().rss / 2 ** 20
  const t0 = performance.now()
  const { contracts } = await consumerProject({ cwd: task.cwd })
  const loadMs = since(t0)
  const contract = contracts.find((c) => c.provider === 'communication-gw')
  if (!contract) throw new Error(`no communication-gw contract in ${task.cwd}`)
  const http = contract.interactions.filter((i): i is HttpInteraction => i.kind === 'http')
  if (http.length !== contract.interactions.length)
    throw new Error('the benchmark project must hold HTTP interactions only')
  const subjects = subjectsOf(http)
  const windows = windowsOf(subjects.length, task.window)
  const arms: Record<ConsumerArm, (start: number, end: number) => Promise<ArmRun>> = {
    specpact: (start, end) => specpactRun(task.cwd, subjects.slice(start, end)),
    bare: (start, end) => bareRun(contract, start, subjects.slice(start, end)),
  }
  for (const arm of task.arms) await arms[arm](0, task.warmup)
  const samples: ConsumerSample[] = []
  // With both arms in one process, they alternate, and so does which goes first.
  for (let rep = 0; rep < task.reps; rep++) {
    const order = rep % 2 === 0 ? task.arms : [...task.arms].reverse()
    for (const arm of order) {
      const runs: ArmRun[] = []
      for (const w of windows) runs.push(await arms[arm](w.start, w.end))
      samples.push({ arm, perInteractionMs: suiteMean(runs.map((r) => r.testMs)), windows: runs })
    }
  }
  const result: Result = {
    kind: 'consumer',
    interactions: subjects.length,
    windows,
    loadMs,
    samples,
    baseRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }
  await writeFile(task.out, JSON.stringify(result))
})
