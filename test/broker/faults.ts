/**
 * The fault cases of test/broker/faults-*.test.ts (two files, so that they run side by side):
 * every broker command of specpact against every fault a broker, or what stands in front of
 * it, can show: an error status, no answer, a stalled answer, an answer that is not JSON, cut
 * JSON, JSON of the wrong shape, HAL without the links the client follows. The fault proxy
 * (test/broker-fake) spoils one route; the real Pact Broker answers everything else.
 *
 * Each case must end (the broker timeout is 8 s here), exit 1 with a message naming the
 * broker's URL and the cause, show no credential, and leave nothing half-written on the
 * broker. The pact CLI's and the core's retries of a 5xx are set to 0
 * (PACT_BROKER_HTTP_RETRIES), so that a 503 is one request, not a minute of back-off.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Fault, type FaultKind, type FaultRule, startBrokerFake } from '../broker-fake'
import { type ProviderUnderTest, ROOT, specpact, startProvider } from './cli'
import { CONSUMER, isolateBrokerEnv, makeTempDir, PROVIDER } from './fixtures'
import { type RealBroker, realBroker } from './real'
import {
  currentlyDeployed,
  environments,
  publishPact,
  resetBroker,
  verificationsOf,
  versionOf,
} from './real/queries'

// A hung result publication lasts until the verifier core's deadline (about 50 s here).

const STAFF_TOKEN = 'staff-SECRET-e81f44'
const TIMEOUT_S = 8

/** One HTTP interaction of the generated pact: enough to verify, quick to verify. */
const PACT = (() => {
  const pact = JSON.parse(
    readFileSync(join(ROOT, 'pacts', `${CONSUMER}-${PROVIDER}.json`), 'utf8'),
  ) as {
    consumer: { name: string }
    provider: { name: string }
    interactions: { type?: string; description: string }[]
  }
  const http = pact.interactions.filter(
    (i) => (i.type ?? 'Synchronous/HTTP') === 'Synchronous/HTTP',
  )
  return { ...pact, interactions: http.slice(0, 1) }
})()

let restoreEnv: () => void
let provider: ProviderUnderTest
let broker: RealBroker
let tmp: ReturnType<typeof makeTempDir>

function registerHooks(): void {
  beforeAll(async () => {
    restoreEnv = isolateBrokerEnv()
    const [p, b] = await Promise.all([startProvider({ tokens: [STAFF_TOKEN] }), realBroker()])
    provider = p
    broker = b
  })
  afterAll(async () => {
    await provider?.close()
    await broker?.close()
    restoreEnv()
  })
  beforeEach(() => {
    tmp = makeTempDir()
  })
  afterEach(async () => {
    await resetBroker(broker)
    tmp.remove()
  })
}

function env(url: string): Record<string, string> {
  return {
    HOME: tmp.path,
    PACT_BROKER_BASE_URL: url,
    PACT_BROKER_USERNAME: broker.user.username,
    PACT_BROKER_PASSWORD: broker.user.password,
    PACT_BROKER_HTTP_RETRIES: '0',
    SPECPACT_BROKER_TIMEOUT: String(TIMEOUT_S),
    SPECPACT_TOKEN_STAFF: STAFF_TOKEN,
  }
}

const seedPact = () => publishPact(broker, { consumerVersion: 'c1', branch: 'main', pact: PACT })
const seedEnvironment = async () => {
  const r = await specpact(['create-environment', '--name', 'production'], env(broker.url))
  expect(r.code).toBe(0)
}

/** What a broker command needs on the broker, how it is run, and what it must not leave. */
interface Command {
  seed(): Promise<void>
  args(): string[]
  /** The broker's state the command would change: unchanged after a fault. */
  written(): Promise<unknown>
}

const verifyArgs = () => [
  'verify',
  '--broker',
  '--provider-base-url',
  provider.reference.url,
  '--state-change-url',
  provider.stateChangeUrl,
  '--provider-version',
  'p1',
  '--provider-branch',
  'main',
  '--publish',
  // The verifier core's deadline follows these; the broker's share is SPECPACT_BROKER_TIMEOUT.
  '--request-timeout',
  '2000',
  '--state-timeout',
  '2000',
]

const COMMANDS = {
  publish: {
    seed: async () => {},
    args: () => {
      const dir = join(tmp.path, 'pacts')
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, `${CONSUMER}-${PROVIDER}.json`), JSON.stringify(PACT))
      return ['publish', dir, '--consumer-version', 'c1', '--branch', 'main']
    },
    written: () => versionOf(broker, CONSUMER, 'c1'),
  },
  'create-environment': {
    seed: async () => {},
    args: () => ['create-environment', '--name', 'production'],
    written: () => environments(broker),
  },
  'can-i-deploy': {
    seed: async () => {
      await seedPact()
      await seedEnvironment()
    },
    args: () => [
      'can-i-deploy',
      '--pacticipant',
      CONSUMER,
      '--version',
      'c1',
      '--to-environment',
      'production',
    ],
    written: () => currentlyDeployed(broker, 'production'),
  },
  'record-deployment': {
    seed: async () => {
      await seedPact()
      await seedEnvironment()
    },
    args: () => [
      'record-deployment',
      '--pacticipant',
      CONSUMER,
      '--version',
      'c1',
      '--environment',
      'production',
    ],
    written: () => currentlyDeployed(broker, 'production'),
  },
  'verify (selection)': {
    seed: seedPact,
    args: verifyArgs,
    written: () => verificationsOf(broker, CONSUMER, 'c1'),
  },
  'verify (results)': {
    seed: seedPact,
    args: verifyArgs,
    written: () => verificationsOf(broker, CONSUMER, 'c1'),
  },
} satisfies Record<string, Command>

export type CommandName = keyof typeof COMMANDS

const FAULTS: Record<FaultKind, Fault> = {
  status: { kind: 'status', status: 503 },
  hang: { kind: 'hang' },
  stall: { kind: 'stall' },
  'not-json': { kind: 'not-json' },
  truncated: { kind: 'truncated' },
  'wrong-shape': { kind: 'wrong-shape' },
  'no-links': { kind: 'no-links' },
}

const INDEX = { method: 'GET', path: /^\/$/ } as const
const PUBLISH = { method: 'POST', path: /^\/contracts\/publish$/ } as const
const ENVIRONMENTS = { method: 'POST', path: /^\/environments$/ } as const
const MATRIX = { method: 'GET', path: /^\/matrix$/ } as const
const VERSION = { method: 'GET', path: /^\/pacticipants\/[^/]+\/versions\/[^/]+$/ } as const
const DEPLOY = { method: 'POST', path: /\/deployed-versions\/environment\/[^/]+$/ } as const
const SELECTION = { method: 'POST', path: /\/for-verification$/ } as const
const RESULTS = { method: 'POST', path: /\/verification-results$/ } as const

/** `{url}` stands for the fake's base URL (the broker as specpact knows it). */
const TIMED_OUT = `no complete answer from the Pact Broker at {url} within ${TIMEOUT_S} s; stopped`
const CLI_503 = `failed: 503 Service Unavailable. URL: '{url}'`
const CLI_HTML = `content type is 'text/html'. URL: '{url}'`
const CLI_CUT = `error decoding response body for url ({url}`
const CLI_CRASHED = `the pact CLI could not read an answer of the Pact Broker at {url} and stopped`
const CLI_UNREADABLE = 'answered JSON the pact CLI could not read'
const HTTP_TIMED_OUT = `no complete answer within ${TIMEOUT_S} s`
const CORE_STOPPED = `the Pact Broker at {url} did not answer it in time`
const NO_RESULT =
  'publishing failed: the broker holds no result from communication-gw p1 for 1 of 1 pact(s):'
/** The verifier's own words for the refused publication, which it only logs. */
const CORE_503 =
  'the verifier: Publishing of verification results failed with an error: IO Error - Request to pact broker path '

/**
 * Each command × fault: the route spoiled (faults that need no answer spoil the request that
 * writes; malformed answers spoil the answer the command reads), the exit code, and the words
 * that name the cause. `held`: the broker acted on the request before its answer was spoiled,
 * so it holds the whole write (the result of a verification is then published: exit 0).
 */
interface Case {
  command: CommandName
  fault: FaultKind
  route: Omit<FaultRule, 'fault'>
  code: 0 | 1
  cause: string
  held?: true
}

const CASES: Case[] = [
  { command: 'publish', fault: 'status', route: PUBLISH, code: 1, cause: CLI_503 },
  { command: 'publish', fault: 'hang', route: PUBLISH, code: 1, cause: TIMED_OUT },
  { command: 'publish', fault: 'stall', route: PUBLISH, code: 1, cause: TIMED_OUT },
  { command: 'publish', fault: 'not-json', route: INDEX, code: 1, cause: CLI_HTML },
  { command: 'publish', fault: 'truncated', route: INDEX, code: 1, cause: CLI_CUT },
  { command: 'publish', fault: 'wrong-shape', route: INDEX, code: 1, cause: CLI_CRASHED },
  { command: 'publish', fault: 'no-links', route: INDEX, code: 1, cause: CLI_CRASHED },

  { command: 'create-environment', fault: 'status', route: ENVIRONMENTS, code: 1, cause: CLI_503 },
  { command: 'create-environment', fault: 'hang', route: ENVIRONMENTS, code: 1, cause: TIMED_OUT },
  { command: 'create-environment', fault: 'stall', route: ENVIRONMENTS, code: 1, cause: TIMED_OUT },
  { command: 'create-environment', fault: 'not-json', route: INDEX, code: 1, cause: CLI_HTML },
  { command: 'create-environment', fault: 'truncated', route: INDEX, code: 1, cause: CLI_CUT },
  {
    command: 'create-environment',
    fault: 'wrong-shape',
    route: INDEX,
    code: 1,
    cause: CLI_CRASHED,
  },
  { command: 'create-environment', fault: 'no-links', route: INDEX, code: 1, cause: CLI_CRASHED },

  { command: 'can-i-deploy', fault: 'status', route: MATRIX, code: 1, cause: CLI_503 },
  { command: 'can-i-deploy', fault: 'hang', route: MATRIX, code: 1, cause: TIMED_OUT },
  { command: 'can-i-deploy', fault: 'stall', route: MATRIX, code: 1, cause: TIMED_OUT },
  { command: 'can-i-deploy', fault: 'not-json', route: MATRIX, code: 1, cause: CLI_HTML },
  { command: 'can-i-deploy', fault: 'truncated', route: MATRIX, code: 1, cause: CLI_CUT },
  // The CLI says "Computer says no" after this too: specpact names it as no answer.
  { command: 'can-i-deploy', fault: 'wrong-shape', route: MATRIX, code: 1, cause: CLI_UNREADABLE },

  { command: 'record-deployment', fault: 'status', route: DEPLOY, code: 1, cause: CLI_503 },
  { command: 'record-deployment', fault: 'hang', route: DEPLOY, code: 1, cause: TIMED_OUT },
  { command: 'record-deployment', fault: 'stall', route: DEPLOY, code: 1, cause: TIMED_OUT },
  { command: 'record-deployment', fault: 'not-json', route: VERSION, code: 1, cause: CLI_HTML },
  { command: 'record-deployment', fault: 'truncated', route: VERSION, code: 1, cause: CLI_CUT },
  {
    command: 'record-deployment',
    fault: 'wrong-shape',
    route: VERSION,
    code: 1,
    cause: CLI_UNREADABLE,
  },
  {
    command: 'record-deployment',
    fault: 'no-links',
    route: VERSION,
    code: 1,
    cause: CLI_UNREADABLE,
  },

  ...(
    [
      [
        'status',
        SELECTION,
        'POST {url}/pacts/provider/communication-gw/for-verification answered 503',
      ],
      ['hang', SELECTION, HTTP_TIMED_OUT],
      ['stall', SELECTION, HTTP_TIMED_OUT],
      ['not-json', SELECTION, 'answered 200 with text/html that is not JSON'],
      [
        'truncated',
        SELECTION,
        'answered 200 with application/hal+json;charset=utf-8 that is not JSON',
      ],
      ['wrong-shape', SELECTION, 'the pacts-for-verification answer has no _embedded.pacts'],
      ['no-links', INDEX, 'GET {url}/: the index has no _links'],
    ] as const
  ).map(
    ([fault, route, cause]): Case => ({
      command: 'verify (selection)',
      fault,
      route,
      code: 1,
      cause,
    }),
  ),

  ...(
    [
      ['status', CORE_503],
      ['hang', CORE_STOPPED],
      ['stall', CORE_STOPPED],
      ['not-json', NO_RESULT],
      ['wrong-shape', NO_RESULT],
    ] as const
  ).map(
    ([fault, cause]): Case => ({
      command: 'verify (results)',
      fault,
      route: RESULTS,
      code: 1,
      cause,
    }),
  ),
  // The broker stored the result before its answer was spoiled; the core does not read it.
  ...(['truncated', 'no-links'] as const).map(
    (fault): Case => ({
      command: 'verify (results)',
      fault,
      route: RESULTS,
      code: 0,
      cause: 'Verification results sent to the broker for provider version p1 on branch main.',
      held: true,
    }),
  ),
]

/** Registers the cases of the commands named, with a real broker and provider of their own. */
export function faultCases(commands: readonly CommandName[]): void {
  registerHooks()
  const cases = CASES.filter((c) => commands.includes(c.command))
  describe('a broker command against a faulty broker: it ends, says why, shows no secret', () => {
    it.each(cases.map((c) => ({ ...c, name: `${c.command} × ${c.fault}` })))('$name', runCase)
  })
}

async function runCase(c: Case): Promise<void> {
  {
    const command: Command = COMMANDS[c.command]
    await command.seed()
    const before = await command.written()
    const fake = await startBrokerFake({
      upstream: { url: broker.url, ...broker.user },
      faults: [{ ...c.route, fault: FAULTS[c.fault] }],
    })
    let run: Awaited<ReturnType<typeof specpact>>
    try {
      run = await specpact(command.args(), env(fake.url))
    } finally {
      await fake.close()
    }
    const shown = `${run.stdout}\n${run.stderr}`
    expect(fake.requests.filter((r) => r.fault === c.fault).length).toBeGreaterThan(0)
    expect({ code: run.code, shown }).toMatchObject({
      code: c.code,
      shown: expect.stringContaining(c.cause.replaceAll('{url}', fake.url)),
    })
    // The broker is named: by its URL, or (a result publication) by the pact's URL on it.
    expect(shown).toContain(fake.url)
    for (const secret of [
      broker.user.password,
      Buffer.from(`${broker.user.username}:${broker.user.password}`).toString('base64'),
      STAFF_TOKEN,
    ]) {
      expect(shown).not.toContain(secret)
    }
    const after = await command.written()
    if (c.held) expect(after).not.toEqual(before)
    else expect(after).toEqual(before)
  }
}
