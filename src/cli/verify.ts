import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { configPath, loadConfig, tokensFromEnv } from '../config'
import { type InteractionResult, parseShard, type StateSource, verifyPacts } from '../provider'
import { formatVerification } from '../report/verification'
import { UsageError, UserError } from './errors'
import type { GlobalOptions } from './main'
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

/** Real tokens for verification, by token type (moved to config/, shared with `run`). */
export { tokensFromEnv } from '../config'

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

export async function runVerify(sources: string[], options: VerifyCliOptions): Promise<number> {
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
  const config = loadConfig({ file: options.config })
  const files = options.broker
    ? []
    : await pactFilesIn(sources.length > 0 ? sources : [configPath(config, config.pacts)])
  const shard = options.shard ? parseShardOrUsage(options.shard) : undefined
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
    }).catch((error: Error) => {
      throw error.name === 'VerifyError' ? new UserError(error.message) : error
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

function parseShardOrUsage(text: string) {
  try {
    return parseShard(text)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
