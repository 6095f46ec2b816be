import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { configPath, loadConfig, tokensFromEnv } from '../config'
import { writeFileAtomic } from '../pact'
import {
  brokerSecrets,
  type Entity,
  type InteractionKind,
  type InteractionResult,
  type ProducedMessage,
  parseShard,
  redactor,
  type Selection,
  type StateSource,
  type VerifyResult,
  verifyPacts,
} from '../provider'
import { formatVerification } from '../report/verification'
import { verificationJson } from '../report/verification-json'
import { verificationJUnit } from '../report/verification-junit'
import { fsReason, isRecord, type JsonValue, messageOf, UsageError, UserError } from '../shared'
import type { GlobalOptions } from './main'
import { withRedactedOutput } from './redacted-output'
import { prepareTypeScript } from './typescript'
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
  /** Told the results of a local verification (`check --live` shows them beside the live run). */
  onResults?: (results: readonly InteractionResult[]) => void
}

/** Pact files among `sources` (files or directories); a directory contributes its *.json. */
export async function pactFilesIn(sources: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const source of sources) {
    const info = await stat(source).catch(() => undefined)
    if (!info) {
      throw new UsageError('path-not-found', `no such pact file or directory: ${source}`, {
        path: source,
      })
    }
    if (info.isFile()) {
      files.push(source)
      continue
    }
    if (!info.isDirectory()) {
      throw new UsageError('path-unreadable', `${source} is not a pact file or a directory`, {
        path: source,
      })
    }
    const names = await readdir(source).catch((error: unknown) => {
      throw new UserError('path-unreadable', `cannot read ${source}: ${fsReason(error)}`, {
        path: source,
        cause: error,
      })
    })
    for (const name of names.filter((f) => f.endsWith('.json')).sort()) {
      files.push(join(source, name))
    }
  }
  return files
}

/** Real tokens for verification, by token type (moved to config/, shared with `run`). */
export { tokensFromEnv } from '../config'

/** The module's functions by name, each called through a wrapper; undefined when one is not a function. */
function functionsOf<R>(value: Record<string, unknown>) {
  const out: Record<string, (params: Record<string, JsonValue>) => Promise<R>> = {}
  for (const [name, fn] of Object.entries(value)) {
    if (typeof fn !== 'function') return { bad: name }
    out[name] = async (params) => fn(params)
  }
  return { functions: out }
}

/** A `--state-handlers` module, relative to the working directory unless absolute. */
async function loadHandlers(module: string): Promise<StateSource> {
  const file = resolve(module)
  const subject = { path: module }
  const found = ['', '.ts', '.js', '.cjs', '.mjs'].map((ext) => file + ext).find(existsSync)
  if (!found) {
    throw new UsageError('module-not-found', `--state-handlers: no such module: ${module}`, subject)
  }
  prepareTypeScript(found)
  let loaded: unknown
  try {
    loaded = await import(file)
  } catch (error) {
    const reason = messageOf(error).split('\n')[0]
    throw new UserError(
      'module-invalid',
      `--state-handlers ${module} cannot be loaded: ${reason}`,
      {
        ...subject,
        cause: error,
      },
    )
  }
  const exports = isRecord(loaded) ? loaded : {}
  const handlers = exports.stateHandlers ?? exports.default
  const states = isRecord(handlers) ? functionsOf<Entity>(handlers) : undefined
  if (!states?.functions) {
    const which = states?.bad ? `; stateHandlers["${states.bad}"] is not a function` : ''
    throw new UsageError(
      'module-invalid',
      `${module} must export stateHandlers (an object: state name → async (params) => entity)${which}`,
      subject,
    )
  }
  // Optional: without it, the pacts' message interactions fail, each saying so.
  const messages = exports.messageProducers
  const producers = isRecord(messages) ? functionsOf<ProducedMessage>(messages) : undefined
  if (messages !== undefined && !producers?.functions) {
    throw new UsageError(
      'module-invalid',
      `${module} exports messageProducers, which must be an object: event name → async (params) => message`,
      subject,
    )
  }
  // Optional: called after each interaction to remove what its states set up.
  const teardown = exports.teardown
  if (teardown !== undefined && typeof teardown !== 'function') {
    throw new UsageError(
      'module-invalid',
      `${module} exports teardown, which must be a function: async () => void`,
      subject,
    )
  }
  return {
    kind: 'handlers',
    handlers: states.functions,
    ...(producers?.functions ? { messages: producers.functions } : {}),
    ...(typeof teardown === 'function' ? { teardown: async () => void (await teardown()) } : {}),
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
  if (!states)
    throw new UsageError(
      'option-invalid',
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
        ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
        ...(stateTimeoutMs ? { stateTimeoutMs } : {}),
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
    })
    options.onResults?.(result.results)
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
    throw new UsageError(
      'option-invalid',
      `${flag} takes milliseconds, a whole number above 0; got "${text}"`,
    )
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
      throw new UsageError(
        'option-invalid',
        `--description: not a regular expression: ${messageOf(error)}`,
      )
    }
  }
  const kinds = options.kind
    ?.flatMap((k) => k.split(','))
    .map((k) => {
      const kind = KINDS[k.trim()]
      if (!kind)
        throw new UsageError('option-invalid', `--kind must be http or message, got "${k}"`)
      return kind
    })
  if (!description && !kinds) return undefined
  return { ...(description ? { description } : {}), ...(kinds ? { kinds } : {}) }
}
