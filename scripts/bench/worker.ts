/**
 * A measuring child process: runs the generate, lint or verify task in `BENCH_TASK` and
 * writes the samples and its own peak memory to the task's `out` file. One process per task,
 * each loading only what its command loads, so a peak memory figure belongs to one command.
 */
import { writeFile } from 'node:fs/promises'
import type { Result } from './results'
import { readTask, type Task } from './task'

async function repeat<T>(task: Task, once: () => Promise<T>): Promise<T[]> {
  await once()
  const samples: T[] = []
  for (let rep = 0; rep < task.reps; rep++) samples.push(await once())
  return samples
}

async function measure(task: Task): Promise<Result> {
  const baseRssMb = process.memoryUsage().rss / 2 ** 20
  const memory = () => ({ baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 })
  switch (task.kind) {
    case 'generate': {
      const { generateOnce } = await import('./generate')
      const samples = await repeat(task, () => generateOnce(task.cwd))
      return { kind: 'generate', samples, ...memory() }
    }
    case 'lint': {
      const { lintOnce } = await import('./lint')
      const samples = await repeat(task, () => lintOnce(task.cwd))
      return { kind: 'lint', samples, ...memory() }
    }
    case 'verify': {
      const { verifyRepeatedly } = await import('./verify')
      return { kind: 'verify', samples: await verifyRepeatedly(task), ...memory() }
    }
    case 'consumer':
      throw new Error('consumer tests are measured inside vitest: see consumer.harness.ts')
  }
}

const task = readTask(process.env.BENCH_TASK)
measure(task)
  .then((result) => writeFile(task.out, JSON.stringify(result)))
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`)
    process.exitCode = 1
  })
