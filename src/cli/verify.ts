/**
 * `specpact verify`: the pacts named, the state source and options read, the verification run
 * with every output redacted, and its result printed and written as asked.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { configPath, loadConfig, tokensFromEnv } from '../config'
import { writeFileAtomic } from '../pact'
import {
  brokerSecrets,
  type InteractionResult,
  parseShard,
  REFERENCE_PROVIDER,
  readPact,
  redactor,
  type StateSource,
  type VerifyResult,
  verifyPacts,
} from '../provider'
import { formatVerification } from '../report/verification'
import { verificationJson } from '../report/verification-json'
import { verificationJUnit } from '../report/verification-junit'
import { UsageError } from '../shared'
import type { GlobalOptions } from './main'
import { pactFilesIn } from './pact-files'
import { withRedactedOutput } from './redacted-output'
import { loadHandlers } from './state-handlers'
import type { BrokerVerifyCliOptions } from './verify-broker'
import { millis, selectionOf } from './verify-selection'

export { pactFilesIn }

export interface VerifyCliOptions extends GlobalOptions, BrokerVerifyCliOptions {
  /** Default: the one the pacts name (`providerOfPacts`); with --broker, communication-gw. */
  provider?: string
  providerBaseUrl?: string
  stateChangeUrl?: string
  stateHandlers?: string
  shard?: string
  caFile?: string
  /** The provider's message-producer URL (with --state-change-url). */
  messageUrl?: string
  /** Milliseconds, as given on the command line. */
  requestTimeout?: string
  stateTimeout?: string
  /** Only interactions whose description matches this regex. */
  description?: string
  /** Only interactions of these kinds. */
  kind?: string[]
  verbose?: boolean
  format?: 'human' | 'json'
  junit?: string
  /** Spec name → its front-matter `status`, shown in the summary (`check` knows them). */
  specStatuses?: ReadonlyMap<string, string>
  /** Told the results of a local verification (`check --live` shows them beside the live run). */
  onResults?: (results: readonly InteractionResult[]) => void
}

/** Real tokens for verification, by token type (moved to config/, shared with `run`). */
export { tokensFromEnv } from '../config'

/**
 * `specpact verify`. Everything it prints, on stdout and stderr, passes through the redactor
 * of the configured tokens and broker credentials.
 */
export async function runVerify(sources: string[], options: VerifyCliOptions): Promise<number> {
  const config = loadConfig({ file: options.config })
  const tokens = tokensFromEnv(config.tokens)
  const broker = brokerSecrets()
  const redact = redactor([...Object.values(tokens), ...broker.secrets], broker.pairs)
  try {
    return await withRedactedOutput(redact, () => verify(sources, options, config, tokens, redact))
  } catch (error) {
    // Printed by the CLI's edge, after the output guard: the message is redacted here.
    if (error instanceof Error) error.message = redact(error.message)
    throw error
  }
}

/**
 * Once a verification's results are printed the process ends, even if something (a
 * provider's keep-alive socket, a handler module's timer) would keep it alive.
 */
export function exitWhenDone(graceMs = 1_000): void {
  setTimeout(() => process.exit(), graceMs).unref()
}

async function verify(
  sources: string[],
  options: VerifyCliOptions,
  config: ReturnType<typeof loadConfig>,
  tokens: Record<string, string>,
  redact: (text: string) => string,
): Promise<number> {
  if (options.stateChangeUrl && options.stateHandlers) {
    throw new UsageError(
      'option-invalid',
      'give either --state-change-url or --state-handlers, not both',
    )
  }
  const broker = await import('./verify-broker')
  broker.checkBrokerUsage(sources, options)
  if (options.caFile) {
    const caFile = resolve(options.caFile)
    if (!existsSync(caFile)) {
      throw new UsageError('path-not-found', `--ca-file: no such file: ${options.caFile}`, {
        path: options.caFile,
      })
    }
    // Read by every verifier run of this process, the broker's included (provider/trust.ts).
    process.env.SPECPACT_CA_FILE = caFile
  }
  if (options.messageUrl && !options.stateChangeUrl)
    throw new UsageError(
      'option-invalid',
      '--message-url goes with --state-change-url (a provider in another language)',
    )
  const requestTimeoutMs = millis('--request-timeout', options.requestTimeout)
  const stateTimeoutMs = millis('--state-timeout', options.stateTimeout)
  const select = selectionOf(options)
  const files = options.broker
    ? []
    : await pactFilesIn(sources.length > 0 ? sources : [configPath(config, config.pacts)])
  const shard = options.shard ? parseShard(options.shard) : undefined
  let providerBaseUrl = options.providerBaseUrl
  let states: StateSource | undefined
  if (options.stateChangeUrl)
    states = {
      kind: 'url',
      url: options.stateChangeUrl,
      ...(options.messageUrl ? { messageUrl: options.messageUrl } : {}),
    }
  else if (options.stateHandlers) states = await loadHandlers(options.stateHandlers)
  let close: (() => Promise<void>) | undefined
  if (!providerBaseUrl) {
    const { startReference } = await import('../reference')
    const reference = await startReference()
    if (options.verbose)
      process.stderr.write(
        `verifying against the embedded reference communication-gw at ${reference.url}\n`,
      )
    providerBaseUrl = reference.url
    states ??= {
      kind: 'handlers',
      handlers: reference.stateHandlers,
      messages: reference.messageProducers,
      teardown: async () => reference.reset(),
    }
    close = () => reference.close()
  }
  if (!states) {
    // Pacts without a provider state or a message need nothing set up: verifying them needs
    // only the provider (a broker's pacts are not known before they are fetched).
    if (options.broker || (await needStates(files)))
      throw new UsageError(
        'option-invalid',
        'a --provider-base-url needs --state-change-url or --state-handlers to set up provider states',
      )
    states = { kind: 'handlers', handlers: {} }
  }
  try {
    if (options.broker) {
      return await broker.verifyFromBroker(options, {
        // The broker's pacts are fetched for a provider, so one is always named.
        provider: options.provider ?? REFERENCE_PROVIDER,
        providerBaseUrl,
        states,
        variables: config.variables,
        tokens,
        ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
        ...(stateTimeoutMs ? { stateTimeoutMs } : {}),
      })
    }
    const result = await verifyPacts({
      pactFiles: files,
      ...(options.provider ? { provider: options.provider } : {}),
      providerBaseUrl,
      states,
      variables: config.variables,
      tokens,
      shard,
      ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
      ...(stateTimeoutMs ? { stateTimeoutMs } : {}),
      ...(select ? { select } : {}),
    })
    options.onResults?.(result.results)
    await printResult(result, options, redact)
    return result.ok ? 0 : 1
  } finally {
    await close?.()
  }
}

/** Whether any interaction of these pact files has a provider state or is a message. */
async function needStates(files: readonly string[]): Promise<boolean> {
  for (const file of files) {
    const pact = await readPact(file)
    const needs = pact.interactions.some(
      (i) => (i.providerStates ?? []).length > 0 || i.type === 'Asynchronous/Messages',
    )
    if (needs) return true
  }
  return false
}

async function printResult(
  result: VerifyResult,
  options: VerifyCliOptions,
  redact: (text: string) => string,
): Promise<void> {
  if (options.junit)
    await writeFileAtomic(
      resolve(options.junit),
      redact(verificationJUnit(result.provider, result.results)),
    )
  if (options.format === 'json') {
    const json = verificationJson(result.provider, result.ok, result.results, options.specStatuses)
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
    return
  }
  // The Pact core's whole report only on request; a failure's own part is in its block.
  if (options.verbose && result.report.trim() !== '')
    process.stdout.write(`${result.report.trimEnd()}\n\n`)
  process.stdout.write(
    `${formatVerification(result.results, { statuses: options.specStatuses, details: !options.verbose })}\n`,
  )
}
