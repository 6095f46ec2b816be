import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pactCliPath } from './binary'
import { canIDeploy, publish } from './commands'
import type { BrokerError } from './errors'
import { runBrokerCommand } from './run'

const TOKEN = 'tok-UNIT-0987654321'

/**
 * A stand-in for the pact binary: reports its argv and the PACT_BROKER_* variables it got as
 * JSON, prints the token itself (as the real CLI does at --log-level debug), then writes
 * FAKE_STDOUT and exits with FAKE_EXIT.
 */
const FAKE_CLI = `
const seen = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('PACT_BROKER_')))
process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), env: seen }) + '\\n')
process.stderr.write('debug: Authorization: Bearer ' + (process.env.PACT_BROKER_TOKEN || '') + '\\n')
process.stdout.write(process.env.FAKE_STDOUT || '')
process.stderr.write(process.env.FAKE_STDERR || '')
if (process.env.FAKE_HANG) setInterval(() => {}, 1000)
else process.exit(Number(process.env.FAKE_EXIT || 0))
`

let dir: string
let binary: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'specpact-broker-run-'))
  const script = join(dir, 'fake-cli.js')
  writeFileSync(script, FAKE_CLI)
  binary = join(dir, 'pact')
  writeFileSync(binary, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`)
  chmodSync(binary, 0o755)
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function baseEnv(extra: Record<string, string> = {}) {
  return {
    PATH: process.env.PATH ?? '',
    PACT_BROKER_BASE_URL: 'http://127.0.0.1:9',
    PACT_BROKER_TOKEN: TOKEN,
    ...extra,
  }
}

function seen(stdout: string): { argv: string[]; env: Record<string, string> } {
  return JSON.parse(stdout.split('\n')[0] ?? '{}')
}

describe('runBrokerCommand', () => {
  it('passes credentials in the environment, never in argv', async () => {
    const env = baseEnv({ PACT_BROKER_CAN_I_DEPLOY_DRY_RUN: 'true' })
    const result = await runBrokerCommand('list-environments', [], { env, binary })
    const child = seen(result.stdout)
    expect(child.argv).toEqual(['broker', 'list-environments'])
    expect(child.argv.join(' ')).not.toContain('tok-')
    // The token reached the child (it is redacted in what we captured), and nothing else did.
    expect(child.env).toEqual({
      PACT_BROKER_BASE_URL: 'http://127.0.0.1:9',
      PACT_BROKER_TOKEN: '***',
    })
  })

  it('redacts the token from stdout and stderr', async () => {
    const result = await runBrokerCommand('x', [], {
      env: baseEnv({ FAKE_STDOUT: `leaked ${TOKEN} twice ${TOKEN}` }),
      binary,
    })
    expect(result.stdout).toContain('leaked *** twice ***')
    expect(result.stderr).toBe('debug: Authorization: Bearer ***\n')
    expect(JSON.stringify(result)).not.toContain(TOKEN)
  })

  it('redacts a basic-auth password', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      PACT_BROKER_BASE_URL: 'http://127.0.0.1:9',
      PACT_BROKER_USERNAME: 'ci',
      PACT_BROKER_PASSWORD: 'pw-SECRET-42',
      FAKE_STDOUT: 'password=pw-SECRET-42',
    }
    const result = await runBrokerCommand('x', [], { env, binary })
    expect(result.stdout).toContain('password=***')
    expect(seen(result.stdout).env).toMatchObject({ PACT_BROKER_PASSWORD: '***' })
  })

  it.each([0, 1, 2, 3])('passes exit code %i through', async (code) => {
    const result = await runBrokerCommand('x', [], {
      env: baseEnv({ FAKE_EXIT: String(code) }),
      binary,
    })
    expect(result.exitCode).toBe(code)
    expect(result.ok).toBe(code === 0)
  })

  it('stops a CLI that outlives timeoutMs: exit code 1, naming the broker and the limit', async () => {
    const result = await runBrokerCommand('publish', [], {
      env: baseEnv({ FAKE_HANG: '1' }),
      binary,
      timeoutMs: 300,
    })
    expect(result).toMatchObject({
      ok: false,
      exitCode: 1,
      failure: { kind: 'timeout', timeoutMs: 300 },
    })
    expect(result.stderr.split('\n').at(-2)).toMatchInlineSnapshot(
      `"specpact: pact broker publish: no complete answer from the Pact Broker at http://127.0.0.1:9 within 0.3 s; stopped (SPECPACT_BROKER_TIMEOUT sets how long to wait)"`,
    )
  })

  it('the limit comes from SPECPACT_BROKER_TIMEOUT (seconds)', async () => {
    const result = await runBrokerCommand('x', [], {
      env: baseEnv({ FAKE_HANG: '1', SPECPACT_BROKER_TIMEOUT: '0.4' }),
      binary,
    })
    expect(result.failure).toEqual({ kind: 'timeout', timeoutMs: 400 })
  })

  it('a panic of the CLI (an answer it cannot read): exit code 1 and words instead of a backtrace', async () => {
    const panic = [
      "thread 'main' (18401) panicked at /home/runner/.cargo/registry/src/pact-broker-cli-0.8.8/src/cli/pact_broker/main/utils.rs:453:64:",
      'called `Option::unwrap()` on a `None` value',
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
      '',
    ].join('\n')
    const result = await runBrokerCommand('create-environment', [], {
      env: baseEnv({ FAKE_STDERR: panic, FAKE_EXIT: '101' }),
      binary,
    })
    expect(result).toMatchObject({ ok: false, exitCode: 1, failure: { kind: 'crashed' } })
    expect(result.stderr).toMatchInlineSnapshot(`
      "specpact: pact broker create-environment: the pact CLI could not read an answer of the Pact Broker at http://127.0.0.1:9 and stopped ("called \`Option::unwrap()\` on a \`None\` value"): the broker, or a proxy in front of it, answered without the fields or links the CLI follows
      "
    `)
  })

  it('an answer the CLI could not decode is named with the broker', async () => {
    const result = await runBrokerCommand('record-deployment', [], {
      env: baseEnv({
        FAKE_STDOUT: '❌ ❌ Failed to record deployment: missing field `_links`\n',
        FAKE_EXIT: '1',
      }),
      binary,
    })
    expect(result).toMatchObject({ exitCode: 1, failure: { kind: 'unreadable' } })
    expect(result.stderr.split('\n').at(-2)).toMatchInlineSnapshot(
      `"specpact: pact broker record-deployment: the Pact Broker at http://127.0.0.1:9 answered JSON the pact CLI could not read (missing field \`_links\`): the broker, or a proxy in front of it, answered without the fields the CLI needs"`,
    )
  })

  it('adds --log-level when asked', async () => {
    const result = await runBrokerCommand('x', ['--a'], {
      env: baseEnv(),
      binary,
      logLevel: 'debug',
    })
    expect(seen(result.stdout).argv).toEqual(['broker', 'x', '--log-level', 'debug', '--a'])
    expect(result.args).toEqual(['--log-level', 'debug', '--a'])
  })

  it('reports a binary that cannot start as PACT_CLI_FAILED_TO_START', async () => {
    await expect(
      runBrokerCommand('x', [], { env: baseEnv(), binary: join(dir, 'missing') }),
    ).rejects.toMatchObject({ code: 'PACT_CLI_FAILED_TO_START' } satisfies Partial<BrokerError>)
  })

  it('checks the configuration before starting anything', async () => {
    await expect(
      runBrokerCommand('x', [], { env: { PATH: '' }, binary: join(dir, 'missing') }),
    ).rejects.toMatchObject({ code: 'BROKER_URL_MISSING' } satisfies Partial<BrokerError>)
  })
})

describe('commands over the stand-in binary', () => {
  const git = (args: readonly string[]) =>
    ({ 'rev-parse HEAD': 'sha-from-git', 'rev-parse --abbrev-ref HEAD': 'feat/typing' })[
      args.join(' ')
    ]

  it('publish: version and branch from git, build URL from the CI', async () => {
    const env = baseEnv({ BUILD_URL: 'https://jenkins/job/7/' })
    const result = await publish({ pactDir: 'pacts', tags: ['rc'] }, { env, binary, git })
    expect(seen(result.stdout).argv).toEqual([
      'broker',
      'publish',
      '--consumer-app-version',
      'sha-from-git',
      '--branch',
      'feat/typing',
      '--tag=rc',
      '--build-url',
      'https://jenkins/job/7/',
      '--',
      'pacts',
    ])
    expect(result).toMatchObject({
      consumerVersion: 'sha-from-git',
      branch: 'feat/typing',
      buildUrl: 'https://jenkins/job/7/',
      ok: true,
    })
  })

  it('publish: no files is a configuration error, not a CLI run', async () => {
    await expect(publish({ files: [] }, { env: baseEnv(), binary, git })).rejects.toMatchObject({
      code: 'NO_PACT_FILES',
    } satisfies Partial<BrokerError>)
  })

  it.each([
    { stdout: '✅ Computer says yes \\o/', exit: '0', decision: 'deployable' },
    { stdout: '❌ Computer says no ¯\\_(ツ)_/¯', exit: '1', decision: 'not-deployable' },
    { stdout: '❌ Request to pact broker path failed: 401', exit: '1', decision: 'error' },
    {
      stdout:
        '❌ invalid type: string "not", expected struct Summary at line 1 column 6\n❌ Computer says no ¯\\_(ツ)_/¯',
      exit: '1',
      decision: 'error',
    },
  ])('can-i-deploy exit $exit → $decision', async ({ stdout, exit, decision }) => {
    const result = await canIDeploy(
      { pacticipant: 'communication-ui', toEnvironment: 'production' },
      { env: baseEnv({ FAKE_STDOUT: stdout, FAKE_EXIT: exit }), binary, git },
    )
    expect(result).toMatchObject({ decision, exitCode: Number(exit), version: 'sha-from-git' })
  })
})

describe('pactCliPath', () => {
  it('is the platform binary that @pact-foundation/pact-cli installed', () => {
    const path = pactCliPath()
    expect(existsSync(path)).toBe(true)
    expect(path).toMatch(
      /@pact-foundation[\\/]pact-cli-[a-z0-9]+-[a-z0-9]+[\\/]standalone[\\/]pact(\.exe)?$/,
    )
  })
})
