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
   * Stop the CLI after this long: exit code 1, with a message naming the broker. Default
   * SPECPACT_BROKER_TIMEOUT (120 s): the CLI itself waits for ever on a broker that accepts
   * the connection and never answers.
   */
  timeoutMs?: number
}

export interface BrokerCommandResult {
  /** True exactly when the CLI exited with code 0. */
  ok: boolean
  /**
   * The CLI's exit code, passed through (128 + signal number if it was killed), except where
   * `failure` says why specpact made it 1.
   */
  exitCode: number
  /** A failure specpact saw and the CLI did not report in words (its message is in stderr). */
  failure: BrokerCommandFailure | undefined
  stdout: string
  stderr: string
  /** e.g. `can-i-deploy`. */
  subcommand: string
  /** The arguments after `pact broker <subcommand>`; credentials are never among them. */
  args: readonly string[]
  durationMs: number
}

export type BrokerCommandFailure =
  /** Stopped after `timeoutMs`: the broker did not answer in time. */
  | { kind: 'timeout'; timeoutMs: number }
  /** The CLI panicked, as it does on a broker answer without the fields it expects. */
  | { kind: 'crashed'; panic: string }
  /** The CLI could not decode an answer and said so without naming the broker. */
  | { kind: 'unreadable'; error: string }

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

  const timeoutMs = runtime.timeoutMs ?? config.timeoutMs
  const command = `pact broker ${subcommand}`

  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['broker', subcommand, ...fullArgs], {
      cwd: runtime.cwd,
      env: brokerChildEnv(config, env),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
    }, timeoutMs)
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
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
      clearTimeout(timer)
      const out = redact(Buffer.concat(stdout).toString('utf8'), secrets)
      const err = redact(Buffer.concat(stderr).toString('utf8'), secrets)
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)
      const seen = judge({ timedOut, timeoutMs, exitCode, stdout: out, stderr: err })
      const said = seen ? `specpact: ${command}: ${describe(seen, config.baseUrl)}\n` : ''
      resolve({
        ok: !seen && exitCode === 0,
        exitCode: seen ? 1 : exitCode,
        failure: seen,
        stdout: out,
        // A panic's backtrace says nothing to a user; its message is kept in ours.
        stderr: seen?.kind === 'crashed' ? said : `${err}${said}`,
        subcommand,
        args: fullArgs,
        durationMs: Date.now() - started,
      })
    })
  })
}

/** Rust's panic report: `thread 'main' (123) panicked at src/…:453:64:` and the message below. */
const PANIC = /thread '[^']*'(?: \(\d+\))? panicked at [^\n]*\n([^\n]*)/

/**
 * serde's words for JSON of the wrong shape (`invalid type: string "x", expected struct
 * Summary`, ``missing field `_links` ``): the CLI prints them without the URL, and
 * can-i-deploy then even says "Computer says no" although the broker said nothing.
 */
const DECODING = /(?:invalid type: .*?, expected [^\n]*|missing field `[^`]+`[^\n]*)/

function judge(run: {
  timedOut: boolean
  timeoutMs: number
  exitCode: number
  stdout: string
  stderr: string
}): BrokerCommandFailure | undefined {
  if (run.timedOut) return { kind: 'timeout', timeoutMs: run.timeoutMs }
  if (run.exitCode === 0) return undefined
  const panic = PANIC.exec(run.stderr)
  if (panic) return { kind: 'crashed', panic: panic[1]?.trim() || 'no message' }
  const decoding = DECODING.exec(`${run.stdout}\n${run.stderr}`)
  if (decoding) return { kind: 'unreadable', error: decoding[0].trim() }
  return undefined
}

function describe(failure: BrokerCommandFailure, baseUrl: string): string {
  switch (failure.kind) {
    case 'timeout':
      return `no complete answer from the Pact Broker at ${baseUrl} within ${failure.timeoutMs / 1000} s; stopped (SPECPACT_BROKER_TIMEOUT sets how long to wait)`
    case 'crashed':
      return `the pact CLI could not read an answer of the Pact Broker at ${baseUrl} and stopped ("${failure.panic}"): the broker, or a proxy in front of it, answered without the fields or links the CLI follows`
    case 'unreadable':
      return `the Pact Broker at ${baseUrl} answered JSON the pact CLI could not read (${failure.error}): the broker, or a proxy in front of it, answered without the fields the CLI needs`
  }
}
