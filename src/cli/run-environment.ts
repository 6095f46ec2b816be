/**
 * Where a live run goes and how webhooks come back: a base URL given by the user, or the
 * embedded reference started for the run (with real webhooks after an activation delay);
 * the listener, when one runs; and the listener's registration with the environment.
 */
import { randomBytes } from 'node:crypto'
import { type Config, tokensFromEnv } from '../config'
import { parseListen, startListener, type WebhookListener } from '../runner/live'
import { messageOf } from '../shared'
import { UsageError, UserError } from './errors'

export interface EnvironmentOptions {
  baseUrl?: string
  against?: string
  /** `host:port`, or false for `--no-webhook-listen`. */
  webhookListen?: string | boolean
  webhookPublicUrl?: string
  webhookRegister?: string
  activationDelay?: string
  requestTimeoutMs: number
}

export interface Environment {
  baseURL: string
  tokens: Record<string, string>
  listener: WebhookListener | undefined
  /** The URL the environment sends webhooks to (the public one when given). */
  webhookURL: string | undefined
  /** A line for stderr saying what was started. */
  notes: string[]
  close(): Promise<void>
}

/**
 * Long enough that a spec about a still-pending channel (three requests) is done before
 * the channel activates, even on a busy machine; short enough that waits stay cheap.
 */
const DEFAULT_ACTIVATION_DELAY_MS = 1000

export async function openEnvironment(
  config: Config,
  options: EnvironmentOptions,
): Promise<Environment> {
  if (options.baseUrl && options.against)
    throw new UsageError('option-invalid', 'give either --base-url or --against, not both')
  if (!options.baseUrl && !options.against)
    throw new UsageError('option-invalid', 'give --base-url <url> or --against reference')
  if (options.against && options.against !== 'reference') {
    throw new UsageError(
      'option-invalid',
      `--against: the only embedded environment is "reference", got "${options.against}"`,
    )
  }
  if (options.baseUrl) checkHttpUrl('--base-url', options.baseUrl)
  if (options.webhookPublicUrl) checkHttpUrl('--webhook-public-url', options.webhookPublicUrl)
  if (options.webhookRegister) checkHttpUrl('--webhook-register', options.webhookRegister)

  const closers: Array<() => Promise<void>> = []
  const close = async () => {
    for (const closer of closers.reverse()) await closer()
  }
  try {
    const notes: string[] = []
    // The reference always gets a listener unless told not to; a real environment only when asked.
    const listen =
      options.webhookListen === false
        ? undefined
        : typeof options.webhookListen === 'string'
          ? options.webhookListen
          : options.against
            ? '127.0.0.1:0'
            : undefined
    let listener: WebhookListener | undefined
    if (listen !== undefined) {
      listener = await startListener(parseListenOrUsage(listen)).catch((error: Error) => {
        throw new UserError(
          'listen-failed',
          `--webhook-listen ${listen}: cannot listen: ${error.message}`,
        )
      })
      closers.push(() => listener!.close())
      notes.push(`listening for webhooks at ${listener.url}`)
    }
    const webhookURL = options.webhookPublicUrl ?? listener?.url

    let baseURL = options.baseUrl?.replace(/\/+$/, '') ?? ''
    let tokens = tokensFromEnv(config.tokens)
    if (options.against) {
      const delay =
        options.activationDelay === undefined
          ? DEFAULT_ACTIVATION_DELAY_MS
          : Number(options.activationDelay)
      if (!Number.isInteger(delay) || delay < 0) {
        throw new UsageError(
          'option-invalid',
          `--activation-delay must be a whole number of milliseconds, got "${options.activationDelay}"`,
        )
      }
      // A fresh secret per token type: the run proves no token leaks into what it prints.
      tokens = Object.fromEntries(
        Object.keys(config.tokens).map((type) => [
          type,
          tokens[type] ?? `ref-${type}-${randomBytes(12).toString('hex')}`,
        ]),
      )
      const { startReference } = await import('../reference')
      const reference = await startReference({
        activationDelayMs: delay,
        sessionActivationDelayMs: delay,
        tokens: Object.values(tokens),
      })
      closers.push(() => reference.close())
      baseURL = reference.url
      notes.push(
        `running against the embedded reference communication-gw at ${reference.url} (channels and sessions activate ${delay} ms after creation)`,
      )
      if (webhookURL)
        await register(`${reference.url}/_gateway/webhooks`, webhookURL, options.requestTimeoutMs)
    }
    if (options.webhookRegister) {
      if (!webhookURL)
        throw new UsageError(
          'option-invalid',
          '--webhook-register needs a listener (--webhook-listen) or --webhook-public-url',
        )
      await register(options.webhookRegister, webhookURL, options.requestTimeoutMs)
      notes.push(`registered ${webhookURL} at ${options.webhookRegister}`)
    }
    return { baseURL, tokens, listener, webhookURL, notes, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** POST {"url": webhookURL} to `at`: how the reference (and environments like it) learn where to send. */
async function register(at: string, webhookURL: string, timeoutMs: number): Promise<void> {
  let response: Response
  try {
    response = await fetch(at, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: webhookURL }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const cause = error instanceof Error ? (error.cause ?? error) : error
    throw new UserError(
      'environment-failed',
      `cannot register the webhook listener at ${at}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { url: at },
    )
  }
  await response.arrayBuffer().catch(() => undefined)
  if (!response.ok)
    throw new UserError(
      'environment-failed',
      `cannot register the webhook listener at ${at}: it answered ${response.status}`,
      { url: at },
    )
}

function checkHttpUrl(option: string, text: string): void {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError('option-invalid', `${option}: not a URL: "${text}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('option-invalid', `${option}: expected an http(s) URL, got "${text}"`)
  }
}

function parseListenOrUsage(text: string) {
  try {
    return parseListen(text)
  } catch (error) {
    throw new UsageError('option-invalid', `--webhook-listen: ${messageOf(error)}`)
  }
}
