/**
 * One piece of a verification: specpact's gateway in front of the provider, the Pact core's
 * verifier in a child process against it, and the results read from both.
 */
import { tokenTypeOfDummy, withRealToken } from '../contract'
import { type CoreRunOptions, type CoreSource, failureSections, runCore } from './core-run'
import { describeFailure } from './failure'
import { failuresOf } from './failures'
import { startGateway } from './gateway'
import { isMessage, type messageProviders } from './messages'
import type { PactJson } from './pacts'
import { base, failed, type InteractionResult } from './results'
import { DEFAULT_STATE_TIMEOUT_MS, type StateRuntime } from './states'
import { DEFAULT_REQUEST_TIMEOUT_MS, VerifyError, type VerifyOptions } from './verify-options'

export interface RunContext {
  options: VerifyOptions
  runtime: StateRuntime
  messages: ReturnType<typeof messageProviders>
}

export interface RunOutcome {
  ok: boolean
  results: InteractionResult[]
  report: string
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
  const gateway = await startGateway({
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
      deadlineMs: 30_000 + perInteraction * interactions.length,
      dir,
    })
  } finally {
    await gateway.close()
  }
  const coreFailures = failuresOf(core.json)
  if (core.killed || (core.code !== 0 && coreFailures.size === 0 && core.json === '')) {
    const why = core.killed
      ? 'was stopped at its deadline'
      : `ended with exit code ${core.code} and no report`
    throw new VerifyError(
      `the Pact verifier ${why}: ${(core.stderr || core.report).trim().slice(-800)}`,
    )
  }
  const sections = failureSections(
    core.report,
    interactions.map((i) => i.description),
  )
  const http = interactions.filter((i) => !isMessage(i))
  const consumer = pact.consumer.name
  const results = interactions.map((i): InteractionResult => {
    const early = isMessage(i)
      ? messages.failures.get(i.description)
      : gateway.failures.get(http.indexOf(i))
    if (early) return failed(i, consumer, [early])
    const found = [...coreFailures.entries()].find(
      ([name]) => name === i.description || name.endsWith(` - ${i.description}`),
    )?.[1]
    return found
      ? failed(i, consumer, found, sections.get(i.description))
      : { kind: 'passed', ...base(i, consumer) }
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
  return { ok, results, report: core.report }
}
