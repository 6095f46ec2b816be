/**
 * Runs `pact broker <subcommand> …` — the real CLI, no shell — with the credentials in its
 * environment, and returns what it did as data, with every credential redacted.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { pactCliPath } from './binary'
import { brokerChildEnv, brokerSecrets, type Env, readBrokerConfig } from './config'
import { BrokerError } from './errors'
import { redact } from './redact'
import type { GitRunner } from './versioning'

export type CliLogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/** Where a command runs: the environment, git, the binary. Every field has a default. */
export interface BrokerRuntime {
  /** Read for PACT_BROKER_* and CI variables and passed on to the CLI; default `process.env`. */
  env?: Env
  /** For version and branch defaults; default runs `git` in `cwd`. */
  git?: GitRunner
  /** Working directory of git and the CLI (relative pact paths resolve against it). */
  cwd?: string
  /** Path of the `pact` binary; default the one installed with @pact-foundation/pact-cli. */
  binary?: string
  /** The CLI's `--log-level`; debug and trace print request details (redacted as well). */
  logLevel?: CliLogLevel
  /**
   * Kill the CLI after this long (exit code 143). Unset: no limit — the CLI retries an
   * unreachable broker with back-off for about two minutes, and can-i-deploy may poll longer.
   */
  timeoutMs?: number
}

export interface BrokerCommandResult {
  /** True exactly when the CLI exited with code 0. */
  ok: boolean
  /** The CLI's exit code, passed through (128 + signal number if it was killed or timed out). */
  exitCode: number
  stdout: string
  stderr: string
  /** e.g. `can-i-deploy`. */
  subcommand: string
  /** The arguments after `pact broker <subcommand>`; credentials are never among them. */
  args: readonly string[]
  durationMs: number
}

export async function runBrokerCommand(
  subcommand: string,
  args: readonly string[],
  runtime: BrokerRuntime = {},
): Promise<BrokerCommandResult> {
  const env = runtime.env ?? process.env
  const config = readBrokerConfig(env)
  const secrets = brokerSecrets(config)
  const binary = runtime.binary ?? pactCliPath()
  // Options first: publish ends its options with `--`, after which everything is a path.
  const fullArgs = [...(runtime.logLevel ? ['--log-level', runtime.logLevel] : []), ...args]
  const started = Date.now()

  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['broker', subcommand, ...fullArgs], {
      cwd: runtime.cwd,
      env: brokerChildEnv(config, env),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
      ...(runtime.timeoutMs !== undefined ? { timeout: runtime.timeoutMs } : {}),
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => {
      reject(
        new BrokerError(
          'PACT_CLI_FAILED_TO_START',
          redact(`${binary}: ${error.message}`, secrets),
          {
            cause: error,
          },
        ),
      )
    })
    child.on('close', (code, signal) => {
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)
      resolve({
        ok: exitCode === 0,
        exitCode,
        stdout: redact(Buffer.concat(stdout).toString('utf8'), secrets),
        stderr: redact(Buffer.concat(stderr).toString('utf8'), secrets),
        subcommand,
        args: fullArgs,
        durationMs: Date.now() - started,
      })
    })
  })
}
