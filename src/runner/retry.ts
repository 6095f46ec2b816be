/**
 * Bounded retries for a live environment that is busy: `429 Too Many Requests` and `5xx`
 * answers, and requests that time out, are sent again after a growing pause (the semantics
 * of vCita's runner options `retryOn429`, `maxRetries`, `backoffMultiplier` and
 * `retryOnTimeout`). A `Retry-After` header in seconds is honoured, capped so a run stays
 * bounded. Only idempotent methods are retried on a `5xx` or a timeout: a POST that failed
 * on the server may still have created something, and sending it again would create it
 * twice. A `429` was refused before any work, so it is retried for every method.
 */
import type { AxiosInstance } from 'axios'
import type { HttpMethod } from '../spec'
import { type Exchange, type Sent, send } from './http'

export interface RetryPolicy {
  /** Attempts after the first one. 0 turns retries off. */
  retries: number
  /** Pause before the first retry, in ms; each later pause is `multiplier` times longer. */
  backoffMs: number
  multiplier: number
  /** The longest pause a `Retry-After` header may ask for, in ms. */
  maxDelayMs: number
}

export const NO_RETRIES: RetryPolicy = { retries: 0, backoffMs: 0, multiplier: 1, maxDelayMs: 0 }

/** Spaces requests out (a shared budget of requests per second); see `limiter.ts`. */
export interface RequestLimiter {
  acquire(): Promise<void>
}

export interface SendPolicy {
  http: AxiosInstance
  timeoutMs: number
  retry: RetryPolicy
  limiter: RequestLimiter | undefined
  sleep: (ms: number) => Promise<void>
}

export interface SentWithRetries {
  sent: Sent
  /** How many times the request went out (1 without retries). */
  attempts: number
}

const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

/** Why `sent` deserves another attempt, or undefined when it is final. */
export function retryable(method: HttpMethod, sent: Sent): 'rate-limited' | 'server' | undefined {
  if (sent.kind === 'response') {
    if (sent.response.status === 429) return 'rate-limited'
    if (sent.response.status >= 500 && IDEMPOTENT.has(method)) return 'server'
    return undefined
  }
  return sent.problem.kind === 'timeout' && IDEMPOTENT.has(method) ? 'server' : undefined
}

/** `Retry-After` as ms (seconds or an HTTP date), undefined when absent or unreadable. */
export function retryAfterMs(sent: Sent, now: number = Date.now()): number | undefined {
  if (sent.kind !== 'response') return undefined
  const header = sent.response.headers['retry-after']
  if (header === undefined) return undefined
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export function pauseBefore(retry: number, policy: RetryPolicy, sent: Sent): number {
  const backoff = policy.backoffMs * policy.multiplier ** (retry - 1)
  const asked = retryAfterMs(sent)
  return Math.min(policy.maxDelayMs, Math.max(backoff, asked ?? 0))
}

export async function sendWithRetries(
  exchange: Exchange,
  policy: SendPolicy,
): Promise<SentWithRetries> {
  let attempts = 0
  for (;;) {
    await policy.limiter?.acquire()
    attempts++
    const sent = await send(policy.http, exchange, policy.timeoutMs)
    const retry = attempts - 1 < policy.retry.retries ? retryable(exchange.method, sent) : undefined
    if (retry === undefined) return { sent, attempts }
    await policy.sleep(pauseBefore(attempts, policy.retry, sent))
  }
}
