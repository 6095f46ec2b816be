/**
 * Runs pact-js's `Verifier` (the library a provider team calls, not the `pact verifier`
 * binary) in a child process. In the test's own process the Pact core writes its report
 * straight to file descriptor 1, past vitest: a deliberate failure would print red FAILED
 * lines in a green run. In a child, the report is captured and the test asserts on it.
 *
 * State handlers are functions and cannot cross a process boundary: each state is given as
 * the JSON its handler returns.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { VerifierOptions } from '@pact-foundation/pact'
import { stripAnsi } from '../../src/provider/core-run'
import type { JsonObject } from '../../src/shared/json'

export interface PactJsRun {
  /** 0 when `verifyProvider()` resolved, 1 when it rejected. */
  code: number | null
  stdout: string
  stderr: string
  /** Both streams, for an assertion message: what the verifier said when it failed. */
  output: string
}

export type ChildVerifierOptions = Omit<VerifierOptions, 'stateHandlers' | 'requestFilter'> & {
  /** State name → what its handler returns. */
  states?: Record<string, JsonObject>
}

const CHILD = join(__dirname, 'pact-js-verifier-child.js')

export function verifyWithPactJs(
  options: ChildVerifierOptions,
  timeoutMs = 150_000,
): Promise<PactJsRun> {
  return new Promise((resolve, reject) => {
    // The options (a broker password among them) go through the environment, not argv.
    const child = spawn(process.execPath, [CHILD], {
      env: {
        ...process.env,
        PACT_DO_NOT_TRACK: 'true',
        NO_COLOR: '1',
        SPECPACT_TEST_VERIFIER_OPTIONS: JSON.stringify(options),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      // The core colours its report whatever NO_COLOR says.
      const stdout = stripAnsi(Buffer.concat(out).toString('utf8'))
      const stderr = stripAnsi(Buffer.concat(err).toString('utf8'))
      const output = `pact-js verifier (exit ${code ?? signal}):\n${stdout}\n${stderr}`
      if (signal) reject(new Error(`killed after ${timeoutMs} ms\n${output}`))
      else resolve({ code, stdout, stderr, output })
    })
  })
}
