/** Runs one measuring task in a child process and reads its result. */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Task } from './task'

const REPO = join(__dirname, '..', '..')

function command(task: Task): string[] {
  if (task.kind === 'consumer') {
    const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
    const config = join(__dirname, 'vitest.config.ts')
    return [vitest, 'run', '--config', config, '--reporter', 'dot']
  }
  return ['-r', 'ts-node/register/transpile-only', join(__dirname, 'worker.ts')]
}

/**
 * Runs `task` with `env` added to the environment. The child's own output (pact-js prints
 * every verification) is kept only to explain a failure.
 */
export function runTask(task: Task, env: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command(task), {
      cwd: REPO,
      env: {
        ...process.env,
        ...env,
        BENCH_TASK: JSON.stringify(task),
        PACT_DO_NOT_TRACK: 'true',
        VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`the ${task.kind} measurement exited with ${code}:\n${output}`))
        return
      }
      readFile(task.out, 'utf8').then((text) => resolve(JSON.parse(text)), reject)
    })
  })
}
