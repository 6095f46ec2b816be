/**
 * One verifier run: specpact's gateway in front of the provider, the Pact core's verifier in
 * a child process against it, and each interaction's result from both.
 */
import { tokenTypeOfDummy, withRealToken } from '../contract'
import { publishLines } from './broker-source'
import { type CoreRunOptions, type CoreSource, failureSections, runCore } from './core-run'
import { describeFailure, rootCauseFirst, type VerificationFailure } from './failure'
import { failuresOf } from './failures'
import { checkFilterItems, filterItemsOf } from './filter-items'
import { startGateway } from './gateway'
import { isMessage, type messageProviders } from './messages'
import { originOf, type PactInteraction, type PactJson } from './pacts'
import { DEFAULT_STATE_TIMEOUT_MS, type StateRuntime } from './states'
import { kindOf } from './verify-selection'
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  type InteractionResult,
  type NamedVerifyOptions,
  VerifyError,
} from './verify-types'

export interface RunContext {
  options: NamedVerifyOptions
  runtime: StateRuntime
  messages: ReturnType<typeof messageProviders>
}

export interface RunOutcome {
  ok: boolean
  results: InteractionResult[]
  report: string
  publishLog: string[]
}

function base(i: PactInteraction, consumer: string) {
  return {
    description: i.description,
    spec: originOf(i),
    states: (i.providerStates ?? []).map((s) => s.name),
    interaction: kindOf(i),
    consumer,
  }
}

/** An answer's body as JSON, or undefined when it is not JSON (nothing to check then). */
function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

function failed(
  i: PactInteraction,
  consumer: string,
  failures: VerificationFailure[],
  detail?: string,
): InteractionResult {
  const ordered = rootCauseFirst(failures)
  return {
    kind: 'failed',
    ...base(i, consumer),
    failures: ordered,
    reasons: ordered.map(describeFailure),
    ...(detail ? { detail } : {}),
  }
}

/**
 * One piece of a local verification: specpact's gateway in front of the provider and the
 * Pact core's verifier in a child process (core-run.ts) against it.
 */
export async function runLocal(
  { options, runtime, messages }: RunContext,
  source: CoreSource,
  dir: string,
  pact: PactJson,
  publish?: CoreRunOptions['publish'],
): Promise<RunOutcome> {
  const interactions = pact.interactions
  const tokens = options.tokens ?? {}
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const stateTimeoutMs = options.stateTimeoutMs ?? DEFAULT_STATE_TIMEOUT_MS
  const http = interactions.filter((i) => !isMessage(i))
  // What Pact cannot check of a filter contract's list: its items carry the filter values.
  const itemChecks = new Map(
    http.flatMap((i, k) => {
      const check = filterItemsOf(i)
      return check ? [[k, check] as const] : []
    }),
  )
  const itemFailures = new Map<number, VerificationFailure[]>()
  const gateway = await startGateway({
    inspect: (index, status, body) => {
      const check = itemChecks.get(index)
      if (!check || status >= 300) return
      const found = checkFilterItems(check, parseBody(body), (expression) => {
        const { params, missing } = runtime.resolve({ value: expression })
        return missing.length > 0 ? undefined : params.value
      })
      if (found.length > 0) itemFailures.set(index, found)
    },
    providerBaseUrl: options.providerBaseUrl,
    runtime,
    messages,
    messageDescriptions: new Set(interactions.filter(isMessage).map((i) => i.description)),
    requestTimeoutMs,
    // The real token goes where the dummy was, so the scheme (Bearer, Admin, Token) stays.
    authorize: (header) => {
      const type = tokenTypeOfDummy(header)
      const real = type ? tokens[type] : undefined
      return real && header ? withRealToken(header, real) : header
    },
  })
  // The gateway answers every call within its own timeouts; the core waits a little longer,
  // and the whole run is bounded by what its interactions may take.
  const perInteraction =
    requestTimeoutMs +
    stateTimeoutMs * (1 + Math.max(1, ...interactions.map((i) => (i.providerStates ?? []).length)))
  // Start-up, and for a broker pact fetching it and publishing the result: the core waits for
  // ever on a silent broker, so the broker's timeout (twice) bounds that part when known.
  const baseMs =
    source.kind === 'broker-pact' && source.brokerTimeoutMs
      ? 10_000 + 2 * source.brokerTimeoutMs
      : 30_000
  const deadlineMs = baseMs + perInteraction * interactions.length
  let core: Awaited<ReturnType<typeof runCore>>
  try {
    core = await runCore({
      source,
      ...(publish ? { publish } : {}),
      provider: options.provider,
      gatewayPort: gateway.port,
      requestTimeoutMs: Math.max(requestTimeoutMs, stateTimeoutMs) + 5_000,
      ...(options.caFile ? { caFile: options.caFile } : {}),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
      deadlineMs,
      dir,
    })
  } finally {
    await gateway.close()
  }
  const coreFailures = failuresOf(core.json)
  if (core.killed || (core.code !== 0 && coreFailures.size === 0 && core.json === '')) {
    const deadline = Math.round(deadlineMs / 1000)
    const why = !core.killed
      ? `ended with exit code ${core.code} and no report`
      : source.kind === 'broker-pact'
        ? `was stopped at its deadline (${deadline} s): the Pact Broker at ${source.brokerUrl} did not answer it in time (it fetches the pact there and publishes the result; SPECPACT_BROKER_TIMEOUT sets how long each may take)`
        : `was stopped at its deadline (${deadline} s)`
    throw new VerifyError(
      `the Pact verifier ${why}: ${(core.stderr || core.report).trim().slice(-800)}`,
    )
  }
  const sections = failureSections(
    core.report,
    interactions.map((i) => i.description),
  )
  const consumer = pact.consumer.name
  const results = interactions.map((i): InteractionResult => {
    const early = isMessage(i)
      ? messages.failures.get(i.description)
      : gateway.failures.get(http.indexOf(i))
    if (early) return failed(i, consumer, [early])
    const found = [...coreFailures.entries()].find(
      ([name]) => name === i.description || name.endsWith(` - ${i.description}`),
    )?.[1]
    const items = isMessage(i) ? undefined : itemFailures.get(http.indexOf(i))
    if (found || items)
      return failed(i, consumer, [...(found ?? []), ...(items ?? [])], sections.get(i.description))
    return { kind: 'passed', ...base(i, consumer) }
  })
  const ok = core.code === 0
  if (!ok && results.every((r) => r.kind === 'passed')) {
    const what = [...coreFailures].map(
      ([name, f]) => `${name}: ${f.map(describeFailure).join('; ')}`,
    )
    throw new VerifyError(
      `the Pact verifier failed: ${what.join('\n') || core.report.slice(-500)}`.slice(0, 1000),
    )
  }
  return {
    ok,
    results,
    report: core.report,
    publishLog: publish ? publishLines(`${core.report}\n${core.stderr}`) : [],
  }
}
