import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLimiter } from './limiter'
import type { RetryPolicy } from './retry'
import { retryAfterMs } from './retry'
import { runSteps } from './run'
import { startServer, step, type TestServer } from './test-support/server'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const retry: RetryPolicy = { retries: 2, backoffMs: 100, multiplier: 2, maxDelayMs: 5000 }

/** Answers `statuses` in turn, then the last one forever. */
function sequence(key: string, statuses: number[], headers: Record<string, string> = {}) {
  let i = 0
  server.route(key, () => {
    const status = statuses[Math.min(i++, statuses.length - 1)] as number
    return { status, body: { status }, headers }
  })
}

function recordingSleep() {
  const pauses: number[] = []
  return { pauses, sleep: async (ms: number) => void pauses.push(ms) }
}

describe('retries', () => {
  it.each([
    ['GET', 429, 'passed', 2],
    ['POST', 429, 'passed', 2],
    ['GET', 503, 'passed', 2],
    ['DELETE', 500, 'passed', 2],
    ['POST', 503, 'failed', 1],
  ] as const)(
    '%s answered %i once: %s after %i attempt(s)',
    async (method, status, kind, attempts) => {
      sequence(`${method} /x`, [status, 200])
      const { sleep } = recordingSleep()
      const result = await runSteps([step({ method, path: '/x' })], {
        baseURL: server.url,
        retry,
        sleep,
      })
      expect(result.steps[0]).toMatchObject({ kind, attempts })
      expect(server.received).toHaveLength(attempts)
    },
  )

  it('gives up after the retries, naming the last status', async () => {
    sequence('GET /x', [503])
    const { pauses, sleep } = recordingSleep()
    const result = await runSteps([step({ path: '/x' })], { baseURL: server.url, retry, sleep })
    expect(result.steps[0]).toMatchObject({
      kind: 'failed',
      attempts: 3,
      reason: 'expected status 200, got 503: {"status":503}',
    })
    expect(pauses).toEqual([100, 200])
  })

  it('honours Retry-After, capped by maxDelayMs', async () => {
    sequence('GET /x', [429, 429, 200], { 'Retry-After': '2' })
    const { pauses, sleep } = recordingSleep()
    await runSteps([step({ path: '/x' })], {
      baseURL: server.url,
      retry: { ...retry, maxDelayMs: 1500 },
      sleep,
    })
    expect(pauses).toEqual([1500, 1500])
  })

  it('retries a GET that timed out, and reports the timeout after the last attempt', async () => {
    server.route('GET /hang', { hang: true })
    const { sleep } = recordingSleep()
    const result = await runSteps([step({ path: '/hang' })], {
      baseURL: server.url,
      timeoutMs: 100,
      retry: { ...retry, retries: 1 },
      sleep,
    })
    expect(result.steps[0]).toMatchObject({
      kind: 'error',
      attempts: 2,
      reason: 'no response within 100 ms',
    })
  })

  it('sends once without a policy', async () => {
    sequence('GET /x', [503, 200])
    const result = await runSteps([step({ path: '/x' })], { baseURL: server.url })
    expect(result.steps[0]).toMatchObject({ kind: 'failed', attempts: 1 })
  })

  it.each([
    ['5', 5000],
    ['0', 0],
    ['soon', undefined],
  ])('reads Retry-After %s as %s ms', (header, ms) => {
    const sent = {
      kind: 'response' as const,
      response: { status: 429, headers: { 'retry-after': header }, body: undefined },
    }
    expect(retryAfterMs(sent)).toBe(ms)
  })
})

describe('the request budget', () => {
  it('spaces requests evenly, shared by every caller', async () => {
    // Three callers at t = 0: the first goes at once, the others wait for their slots.
    const pauses: number[] = []
    const limiter = createLimiter(4, { now: () => 0, sleep: async (ms) => void pauses.push(ms) })
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()])
    expect(pauses).toEqual([250, 500])
  })

  it('refuses a budget of nothing', () => {
    expect(() => createLimiter(0)).toThrow('requests per second must be more than 0, got 0')
  })
})
