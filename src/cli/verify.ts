import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { configPath, loadConfig } from '../config'
import { writeFileAtomic } from '../pact'
import {
  brokerSecrets,
  type InteractionKind,
  parseShard,
  redactor,
  type Selection,
  type StateSource,
  type VerifyResult,
  verifyPacts,
} from '../provider'
import { verificationJUnit } from '../report/junit'
import { formatVerification } from '../report/verification'
import { verificationJson } from '../report/verification-json'
import { UsageError, UserError } from './errors'
import type { GlobalOptions } from './main'
import { withRedactedOutput } from './redacted-output'
import type { BrokerVerifyCliOptions } from './verify-broker'

export interface VerifyCliOptions extends GlobalOptions, BrokerVerifyCliOptions {
  provider: string
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
}

/** Pact files among `sources` (files or directories); a directory contributes its *.json. */
export async function pactFilesIn(sources: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const source of sources) {
    const info = await stat(source).catch(() => undefined)
    if (!info) throw new UsageError(`no such pact file or directory: ${source}`)
    if (info.isFile()) files.push(source)
    else
      files.push(
        ...(await readdir(source))
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(source, f)),
      )
  }
  return files
}

/** Real tokens for verification, by token type, from the configured environment variables. */
export function tokensFromEnv(
  tokens: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
) {
  const out: Record<string, string> = {}
  for (const [type, variable] of Object.entries(tokens)) {
    const value = env[variable]
    if (value) out[type] = value
  }
  return out
}

async function loadHandlers(module: string): Promise<StateSource> {
  const loaded = (await import(join(process.cwd(), module))) as {
    stateHandlers?: unknown
    messageProducers?: unknown
    default?: unknown
  }
  const handlers = loaded.stateHandlers ?? loaded.default
  if (!handlers || typeof handlers !== 'object') {
    throw new UsageError(
      `${module} must export stateHandlers (an object: state name → async (params) => entity)`,
    )
  }
  // Optional: without it, the pacts' message interactions fail, each saying so.
  const messages = loaded.messageProducers
  if (messages !== undefined && (messages === null || typeof messages !== 'object')) {
    throw new UsageError(
      `${module} exports messageProducers, which must be an object: event name → async (params) => message`,
    )
  }
  return {
    kind: 'handlers',
    handlers: handlers as Record<string, never>,
    ...(messages ? { messages: messages as Record<string, never> } : {}),
  }
}

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
    throw new UsageError('give either --state-change-url or --state-handlers, not both')
  }
  const broker = await import('./verify-broker')
  broker.checkBrokerUsage(sources, options)
  if (options.caFile) {
    const caFile = resolve(options.caFile)
    if (!existsSync(caFile)) throw new UsageError(`--ca-file: no such file: ${options.caFile}`)
    // Read by every verifier run of this process, the broker's included (provider/trust.ts).
    process.env.SPECPACT_CA_FILE = caFile
  }
  if (options.messageUrl && !options.stateChangeUrl)
    throw new UsageError(
      '--message-url goes with --state-change-url (a provider in another language)',
    )
  const requestTimeoutMs = millis('--request-timeout', options.requestTimeout)
  const stateTimeoutMs = millis('--state-timeout', options.stateTimeout)
  const select = selectionOf(options)
  const files = options.broker
    ? []
    : await pactFilesIn(sources.length > 0 ? sources : [configPath(config, config.pacts)])
  const shard = options.shard ? parseShardOrUsage(options.shard) : undefined
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
    }
    close = () => reference.close()
  }
  if (!states)
    throw new UsageError(
      'a --provider-base-url needs --state-change-url or --state-handlers to set up provider states',
    )
  try {
    if (options.broker) {
      return await broker.verifyFromBroker(options, {
        provider: options.provider,
        providerBaseUrl,
        states,
        variables: config.variables,
        tokens,
      })
    }
    const result = await verifyPacts({
      pactFiles: files,
      provider: options.provider,
      providerBaseUrl,
      states,
      variables: config.variables,
      tokens,
      shard,
      ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
      ...(stateTimeoutMs ? { stateTimeoutMs } : {}),
      ...(select ? { select } : {}),
    }).catch((error: Error) => {
      throw error.name === 'VerifyError' ? new UserError(error.message) : error
    })
    await printResult(result, options, redact)
    return result.ok ? 0 : 1
  } finally {
    await close?.()
  }
}

async function printResult(
  result: VerifyResult,
  options: VerifyCliOptions,
  redact: (text: string) => string,
): Promise<void> {
  if (options.junit)
    await writeFileAtomic(
      resolve(options.junit),
      redact(verificationJUnit(options.provider, result.results)),
    )
  if (options.format === 'json') {
    const json = verificationJson(options.provider, result.ok, result.results, options.specStatuses)
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

function millis(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${flag} takes milliseconds, a whole number above 0; got "${text}"`)
  return value
}

const KINDS: Record<string, InteractionKind> = {
  http: 'http',
  message: 'message',
  messages: 'message',
}

/** `--description <regex>` and `--kind http|message`, as the Pact tools' filters. */
function selectionOf(options: VerifyCliOptions): Selection | undefined {
  let description: RegExp | undefined
  if (options.description !== undefined) {
    try {
      description = new RegExp(options.description)
    } catch (error) {
      throw new UsageError(`--description: not a regular expression: ${(error as Error).message}`)
    }
  }
  const kinds = options.kind
    ?.flatMap((k) => k.split(','))
    .map((k) => {
      const kind = KINDS[k.trim()]
      if (!kind) throw new UsageError(`--kind must be http or message, got "${k}"`)
      return kind
    })
  if (!description && !kinds) return undefined
  return { ...(description ? { description } : {}), ...(kinds ? { kinds } : {}) }
}

function parseShardOrUsage(text: string) {
  try {
    return parseShard(text)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
