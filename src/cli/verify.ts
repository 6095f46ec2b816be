import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { configPath, loadConfig, tokensFromEnv } from '../config'
import {
  type Entity,
  type InteractionResult,
  type ProducedMessage,
  parseShard,
  type StateSource,
  verifyPacts,
} from '../provider'
import { formatVerification } from '../report/verification'
import { fsReason, isRecord, type JsonValue, messageOf, UsageError, UserError } from '../shared'
import type { GlobalOptions } from './main'
import { prepareTypeScript } from './typescript'
import type { BrokerVerifyCliOptions } from './verify-broker'

export interface VerifyCliOptions extends GlobalOptions, BrokerVerifyCliOptions {
  provider: string
  providerBaseUrl?: string
  stateChangeUrl?: string
  stateHandlers?: string
  shard?: string
  caFile?: string
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

export async function runVerify(sources: string[], options: VerifyCliOptions): Promise<number> {
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
  const config = loadConfig({ file: options.config })
  const files = options.broker
    ? []
    : await pactFilesIn(sources.length > 0 ? sources : [configPath(config, config.pacts)])
  const shard = options.shard ? parseShard(options.shard) : undefined
  let providerBaseUrl = options.providerBaseUrl
  let states: StateSource | undefined
  if (options.stateChangeUrl) states = { kind: 'url', url: options.stateChangeUrl }
  else if (options.stateHandlers) states = await loadHandlers(options.stateHandlers)
  let close: (() => Promise<void>) | undefined
  if (!providerBaseUrl) {
    const { startReference } = await import('../reference')
    const reference = await startReference()
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
        tokens: tokensFromEnv(config.tokens),
      })
    }
    const result = await verifyPacts({
      pactFiles: files,
      provider: options.provider,
      providerBaseUrl,
      states,
      variables: config.variables,
      tokens: tokensFromEnv(config.tokens),
      shard,
    })
    options.onResults?.(result.results)
    process.stdout.write(
      `${formatVerification(result.results, { statuses: options.specStatuses })}\n`,
    )
    return result.ok ? 0 : 1
  } finally {
    await close?.()
  }
}
