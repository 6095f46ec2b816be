import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Step } from '../spec'
import { runSteps } from './run'
import { startServer, step, type TestServer } from './test-support/server'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.reset()
  server.route('GET /ok', { body: { data: { uid: 'u1' } } })
  server.route('GET /broken', { status: 500, body: { success: false } })
})

const first = (fields: Partial<Step>) => step({ id: 'first', path: '/broken', ...fields })
const second = step({ id: 'second', path: '/ok' })

describe('onFail', () => {
  it.each([
    {
      name: 'abort stops the run and fails it',
      onFail: 'abort' as const,
      kinds: ['failed', 'not-run'],
      outcome: 'failed',
      requests: 1,
    },
    {
      name: 'no onFail behaves as abort',
      onFail: undefined,
      kinds: ['failed', 'not-run'],
      outcome: 'failed',
      requests: 1,
    },
    {
      name: 'continue records the failure and runs the rest',
      onFail: 'continue' as const,
      kinds: ['failed', 'passed'],
      outcome: 'failed',
      requests: 2,
    },
    {
      name: 'skip marks the step skipped and stops without failing',
      onFail: 'skip' as const,
      kinds: ['skipped', 'not-run'],
      outcome: 'skipped',
      requests: 1,
    },
  ])('$name', async ({ onFail, kinds, outcome, requests }) => {
    const result = await runSteps([first({ onFail }), second], { baseURL: server.url })
    expect(result.steps.map((s) => s.kind)).toEqual(kinds)
    expect(result.outcome).toBe(outcome)
    expect(result.ok).toBe(false)
    expect(server.received).toHaveLength(requests)
  })

  it('gives the skip reason and what went wrong', async () => {
    const result = await runSteps(
      [first({ onFail: 'skip', skipReason: 'No client in the test business' }), second],
      { baseURL: server.url },
    )
    expect(result.steps).toMatchObject([
      {
        kind: 'skipped',
        stepId: 'first',
        skipReason: 'No client in the test business',
        reason: 'expected status 200, got 500: {"success":false}',
        response: { status: 500 },
      },
      {
        kind: 'not-run',
        stepId: 'second',
        reason: 'step "first" was skipped: No client in the test business',
      },
    ])
  })

  it('says why a step without skipReason was skipped', async () => {
    const result = await runSteps([first({ onFail: 'skip' })], { baseURL: server.url })
    expect(result.steps[0]).toMatchObject({
      kind: 'skipped',
      skipReason: 'step "first" failed and says onFail: skip',
    })
  })

  it('names the aborting step in every step that did not run', async () => {
    const result = await runSteps([first({ onFail: 'abort' }), second, step({ id: 'third' })], {
      baseURL: server.url,
    })
    expect(result.steps.slice(1)).toEqual([
      expect.objectContaining({
        kind: 'not-run',
        stepId: 'second',
        reason: 'step "first" failed and stopped the run (onFail: abort)',
      }),
      expect.objectContaining({
        kind: 'not-run',
        stepId: 'third',
        reason: 'step "first" failed and stopped the run (onFail: abort)',
      }),
    ])
  })

  it('does not skip a broken spec: an unknown variable aborts even with onFail: skip', async () => {
    const result = await runSteps([first({ path: '/x/{{nope}}', onFail: 'skip' }), second], {
      baseURL: server.url,
    })
    expect(result.steps.map((s) => s.kind)).toEqual(['error', 'not-run'])
    expect(result.outcome).toBe('failed')
    expect(server.received).toHaveLength(0)
  })

  it('calls a run with both a failure and a skip failed', async () => {
    const result = await runSteps(
      [first({ onFail: 'continue' }), step({ id: 'then', path: '/broken', onFail: 'skip' })],
      { baseURL: server.url },
    )
    expect(result.steps.map((s) => s.kind)).toEqual(['failed', 'skipped'])
    expect(result.outcome).toBe('failed')
  })

  it('tells that a variable is missing because the step meant to extract it failed', async () => {
    const result = await runSteps(
      [
        first({ onFail: 'continue', extract: { channel_uid: '$.data.uid' } }),
        step({ id: 'use', path: '/channels/{{channel_uid}}' }),
      ],
      { baseURL: server.url },
    )
    expect(result.steps[1]).toMatchObject({
      kind: 'error',
      request: undefined,
      problems: [
        {
          kind: 'unknown-variable',
          stepId: 'use',
          variables: [{ name: 'channel_uid', where: 'path', expectedFrom: 'first' }],
        },
      ],
    })
  })
})

describe('sleep', () => {
  it('waits the step’s milliseconds after it, through the injected sleep', async () => {
    const sleep = vi.fn(async (_ms: number) => {})
    const started = Date.now()
    const result = await runSteps(
      [
        step({ id: 'a', path: '/ok', sleep: 5000 }),
        step({ id: 'b', path: '/ok' }),
        step({ id: 'c', path: '/ok', sleep: 250 }),
      ],
      { baseURL: server.url, sleep },
    )
    expect(result.ok).toBe(true)
    expect(sleep.mock.calls).toEqual([[5000], [250]])
    expect(Date.now() - started).toBeLessThan(4000)
  })

  it('waits before the next request is sent', async () => {
    const order: string[] = []
    server.route('GET /ok', () => {
      order.push('request')
      return {}
    })
    await runSteps([step({ path: '/ok', sleep: 10 }), step({ path: '/ok' })], {
      baseURL: server.url,
      sleep: async (ms) => {
        order.push(`sleep ${ms}`)
      },
    })
    expect(order).toEqual(['request', 'sleep 10', 'request'])
  })

  it('still waits after a failed step that continues', async () => {
    const sleep = vi.fn(async (_ms: number) => {})
    await runSteps([first({ onFail: 'continue', sleep: 100 }), second], {
      baseURL: server.url,
      sleep,
    })
    expect(sleep.mock.calls).toEqual([[100]])
  })

  it.each(['abort', 'skip'] as const)(
    'does not wait after a step that stops the run (%s)',
    async (onFail) => {
      const sleep = vi.fn(async (_ms: number) => {})
      await runSteps([first({ onFail, sleep: 100 }), second], { baseURL: server.url, sleep })
      expect(sleep).not.toHaveBeenCalled()
    },
  )
})
