/**
 * Runs the official `pact verifier` binary (@pact-foundation/pact-cli, the one `npx pact`
 * runs) asynchronously: the provider and the state-change server it calls live in the test's
 * own process, so a synchronous spawn would deadlock.
 */
import { execFile } from 'node:child_process'
import { pactCliPath } from '../../src/broker'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** The environment without PACT_* settings that would make the verifier fetch from a broker. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PACT_')) env[key] = value
  }
  return { ...env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' }
}

/** Resolves with the exit code and output; rejects only when the binary cannot run or hangs. */
export function runPactVerifier(args: readonly string[], timeoutMs = 20_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      pactCliPath(),
      ['verifier', ...args],
      { env: isolatedEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) resolve({ code: 0, stdout, stderr })
        else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr })
        else if (error.killed)
          reject(
            new Error(`pact verifier still running after ${timeoutMs} ms:\n${stdout.slice(-2000)}`),
          )
        else reject(error)
      },
    )
  })
}
