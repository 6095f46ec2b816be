/**
 * `specpact verify` against the faults real providers and state-change URLs have (fakes in
 * test/faults/). Each run is the real command in its own process: it must end (the bound is a
 * hang detector, far above the run's timeouts, not a speed target), exit 1, name the
 * interaction or the URL and the cause, and never print or write a token — over repeated
 * runs, for a provider that echoes the request's headers back.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ReferenceServer, startReference } from '../src/reference'
import * as fakes from './faults/fakes'
import { type StateUrl, startStateUrl } from './faults/state-url'

const ROOT = resolve(__dirname, '..')
const PACT = join(ROOT, 'pacts', 'communication-ui-communication-gw.json')
const TIMEOUT_MS = 2000
const SECRETS = {
  SPECPACT_TOKEN_STAFF: 'staff-secret-4f9a2c81',
  SPECPACT_TOKEN_APP: 'app-secret-0b3e55d2',
  SPECPACT_TOKEN_DIRECTORY: 'directory-secret-9c1d',
  PACT_BROKER_TOKEN: 'broker-secret-77d1e0',
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
  junit: string
  ms: number
}

let dir: string
let reference: ReferenceServer
let working: StateUrl
const opened: fakes.Fake[] = []

/**
 * How long the command takes to start and stop on this machine right now (a usage error,
 * after loading what a verification loads): the runs' bounds are on top of it, so a loaded
 * machine makes every run slower without making the bounds meaningless.
 */
let startupMs: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'specpact-faults-'))
  reference = await startReference()
  working = await startStateUrl(reference.stateHandlers, reference.messageProducers, () =>
    reference.reset(),
  )
  const baseline = await verify([
    '--message-url',
    'http://127.0.0.1:9',
    '--junit',
    join(dir, 'none.xml'),
  ])
  expect(baseline.code).toBe(2)
  startupMs = baseline.ms
}, 200_000)

afterAll(async () => {
  await Promise.all([...opened.map((f) => f.close()), working.close(), reference.close()])
  rmSync(dir, { recursive: true, force: true })
})

const fake = async (made: Promise<fakes.Fake>) => {
  const f = await made
  opened.push(f)
  return f.url
}

let runs = 0
/** The real command, in its own process; killed (and the test failed) if it hangs. */
function verify(args: string[], limitMs = 200_000): Promise<Run> {
  const junitFile = join(dir, `junit-${runs++}.xml`)
  const env: NodeJS.ProcessEnv = { ...process.env, ...SECRETS, PACT_DO_NOT_TRACK: 'true' }
  delete env.PACT_BROKER_BASE_URL
  const started = Date.now()
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        'bin/specpact.js',
        'verify',
        PACT,
        ...(args.includes('--junit') ? [] : ['--junit', junitFile]),
        ...args,
      ],
      { cwd: ROOT, env },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8')
    })
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8')
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`verify still running after ${limitMs} ms:\n${stdout}\n${stderr}`))
    }, limitMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      let junit = ''
      try {
        junit = readFileSync(junitFile, 'utf8')
      } catch {}
      done({ code, stdout, stderr, junit, ms: Date.now() - started })
    })
  })
}

const timeouts = ['--request-timeout', String(TIMEOUT_MS), '--state-timeout', String(TIMEOUT_MS)]

interface Target {
  provider: string
  states: string
}

/** `verify` of the provider and state URL of `target`, with the short timeouts. */
const verifyAgainst = ({ provider, states }: Target, ...more: string[]) =>
  verify(['--provider-base-url', provider, '--state-change-url', states, ...more, ...timeouts])

/** A faulty provider with the working state URL. */
const faultyProvider = async (made: Promise<fakes.Fake>): Promise<Target> => ({
  provider: await fake(made),
  states: working.stateUrl,
})

/** The reference provider with a faulty state URL. */
const faultyStates = async (made: Promise<fakes.Fake>): Promise<Target> => ({
  provider: reference.url,
  states: `${await fake(made)}/states`,
})

function expectNoSecret(run: Run) {
  for (const secret of Object.values(SECRETS)) {
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
    expect(run.junit).not.toContain(secret)
  }
}

interface JsonOut {
  interactions: Array<{
    description: string
    interaction: string
    result: string
    failures: Array<Record<string, string>>
  }>
}

const jsonOf = (run: Run) => JSON.parse(run.stdout) as JsonOut
const http = (out: JsonOut) => out.interactions.filter((i) => i.interaction === 'http')
/** The first interaction of the pact given a state the state URL is asked to set up. */
const firstWithState = (out: JsonOut) =>
  out.interactions.find((i) => i.description === 'put_business_communication_channels_uid')

describe('a provider or state URL that cannot be reached fails the run before verifying', () => {
  it.each([
    {
      name: 'provider down',
      setup: () => faultyProvider(fakes.down()),
      said: /cannot reach the provider at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    },
    {
      name: 'provider never answers',
      setup: () => faultyProvider(fakes.neverAnswers()),
      said: /cannot reach the provider at http:\/\/127\.0\.0\.1:\d+: connected, but no HTTP answer within 2000 ms/,
    },
    {
      name: 'state URL down',
      setup: () => faultyStates(fakes.down()),
      said: /cannot reach the state-change URL at http:\/\/127\.0\.0\.1:\d+\/states: .*ECONNREFUSED/,
    },
  ])(
    '$name',
    async ({ setup, said }) => {
      const run = await verifyAgainst(await setup())
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(said)
      expect(run.stdout).toBe('')
      // The probe's wait (at most the timeout) on top of starting the command.
      expect(run.ms - startupMs).toBeLessThan(TIMEOUT_MS + 30_000)
      expectNoSecret(run)
    },
    240_000,
  )
})

describe('faults during verification fail their interactions, and the run still ends', () => {
  it.each([
    {
      name: 'provider closes connections',
      setup: () => faultyProvider(fakes.closesConnections()),
      check: (out: JsonOut) => {
        for (const i of http(out))
          expect(i.failures[0], i.description).toMatchObject({
            kind: 'transport',
            url: expect.stringMatching(
              /^[A-Z]+ http:\/\/127\.0\.0\.1:\d+\/business\/communication\//,
            ),
            cause: expect.stringMatching(/ECONNRESET|socket hang up/),
          })
      },
    },
    {
      name: 'slow provider',
      setup: () => faultyProvider(fakes.slow(reference.url, 4 * TIMEOUT_MS)),
      check: (out: JsonOut) => {
        const causes = http(out).map((i) => i.failures[0]?.cause)
        expect(causes.slice(0, 2)).toEqual([
          `no answer within ${TIMEOUT_MS} ms`,
          `no answer within ${TIMEOUT_MS} ms`,
        ])
        for (const cause of causes.slice(2)) expect(cause).toMatch(/^not sent: the provider left/)
      },
    },
    {
      name: 'state URL never answers',
      setup: () => faultyStates(fakes.stateNeverAnswers()),
      check: (out: JsonOut) => {
        const withStates = out.interactions.filter((i) => i.failures.length > 0)
        expect(withStates.length).toBeGreaterThanOrEqual(12)
        expect(withStates[0]?.failures[0]).toMatchObject({
          kind: 'state',
          state: expect.any(String),
          cause: expect.stringMatching(
            new RegExp(
              `^POST http://127\\.0\\.0\\.1:\\d+/states: no answer within ${TIMEOUT_MS} ms$`,
            ),
          ),
        })
      },
    },
    {
      name: 'state URL answers 500',
      setup: () => faultyStates(fakes.stateAnswers(500, 'database is down', 'text/plain')),
      check: (out: JsonOut) => {
        const first = firstWithState(out)
        expect(first?.failures).toEqual([
          {
            kind: 'state',
            state: 'channel is pending',
            cause: expect.stringMatching(
              /^POST http:\/\/127\.0\.0\.1:\d+\/states answered 500: database is down$/,
            ),
          },
        ])
      },
    },
    {
      name: 'state URL answers invalid JSON',
      setup: () => faultyStates(fakes.stateAnswers(200, '{"uid": ')),
      check: (out: JsonOut) => {
        const first = firstWithState(out)
        expect(first?.failures[0]?.cause).toMatch(
          /answered 200 with a body that is not JSON: \{"uid": $/,
        )
      },
    },
  ])(
    '$name',
    async ({ setup, check }) => {
      const run = await verifyAgainst(
        await setup(),
        '--message-url',
        working.messageUrl,
        '--format',
        'json',
      )
      expect(run.code).toBe(1)
      const out = jsonOf(run)
      expect(out.interactions.length).toBeGreaterThanOrEqual(14)
      check(out)
      // Every failure names its interaction in the JUnit report too.
      for (const i of out.interactions.filter((x) => x.result === 'failed'))
        expect(run.junit).toContain(`name="${i.description}"`)
      // At most two timeouts are waited for before the rest fails at once, plus the run itself.
      expect(run.ms - startupMs).toBeLessThan(4 * TIMEOUT_MS + 30_000)
      expectNoSecret(run)
    },
    240_000,
  )
})

describe('a provider that echoes the request headers', () => {
  it.each([1, 2, 3])(
    'never shows the token, run %i',
    async (n) => {
      const format = n === 2 ? ['--format', 'json'] : []
      const run = await verifyAgainst(
        await faultyProvider(fakes.echoesHeaders()),
        ...format,
        ...(n === 3 ? ['--verbose'] : []),
      )
      expect(run.code).toBe(1)
      // The token reached the provider and came back — in the body and a header — as ***.
      expect(run.stdout).toContain('Bearer ***')
      if (n !== 2) expect(run.stdout).toMatch(/wrong status: expected 20[01] but was 500/)
      expectNoSecret(run)
    },
    240_000,
  )
})
