import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EventExpectation, EventSource, EventWait } from './events'
import { eventMatches } from './index'
import { runSteps } from './run'
import { startServer, step, type TestServer } from './test-support/server'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.reset()
  server.route('POST /channels', { status: 201, body: { data: { channel: { uid: 'ch1' } } } })
})

/** An event source that answers every wait with `answer`, and records what was asked. */
function source(answer: EventWait) {
  const asked: Array<{ expectation: EventExpectation; timeoutMs: number }> = []
  const events: EventSource = {
    waitFor: async (expectation, timeoutMs) => {
      asked.push({ expectation, timeoutMs })
      return answer
    },
  }
  return { asked, events }
}

const create = step({
  id: 'create_channel',
  method: 'POST',
  path: '/channels',
  expect: { status: 201 },
  extract: { channel_uid: '$.data.channel.uid' },
  waitFor: {
    event: 'channel.activated',
    match: { '$.data.channel.uid': '{{channel_uid}}' },
    timeout: 500,
  },
})

const received = {
  event: 'channel.activated',
  body: { data: { channel: { uid: 'ch1' } } },
  receivedAt: '2026-01-01T00:00:00.000Z',
}

describe('waitFor', () => {
  it("waits with the step's own extracted values and keeps the webhook", async () => {
    const { asked, events } = source({ kind: 'received', event: received })
    const result = await runSteps([create, step({ path: '/next' })], {
      baseURL: server.url,
      events,
    })
    expect(asked).toEqual([
      {
        expectation: { event: 'channel.activated', match: { '$.data.channel.uid': 'ch1' } },
        timeoutMs: 500,
      },
    ])
    expect(result.steps[0]).toMatchObject({ kind: 'passed', webhook: received })
  })

  it('fails the step when the webhook does not come, naming the event and what it matched', async () => {
    const { events } = source({ kind: 'timed-out', others: 2 })
    const result = await runSteps([create, step({ path: '/next' })], {
      baseURL: server.url,
      events,
    })
    expect(result.steps.map((s) => s.kind)).toEqual(['failed', 'not-run'])
    expect(result.steps[0]).toMatchObject({
      reason:
        'webhook channel.activated ($.data.channel.uid = "ch1") did not arrive within 500 ms; 2 other channel.activated webhooks arrived that did not match',
    })
  })

  it('fails at once without a listener, and onFail: skip does not hide it', async () => {
    const result = await runSteps([{ ...create, onFail: 'skip' }], { baseURL: server.url })
    expect(result.outcome).toBe('failed')
    expect(result.steps[0]).toMatchObject({
      kind: 'failed',
      problems: [{ kind: 'no-listener', event: 'channel.activated' }],
      reason:
        'the step waits for webhook channel.activated ($.data.channel.uid = "ch1") but no webhook listener runs (start one with --webhook-listen host:port)',
    })
  })

  it('names a variable of the match that has no value', async () => {
    const { asked, events } = source({ kind: 'received', event: received })
    const result = await runSteps(
      [{ ...create, waitFor: { event: 'channel.activated', match: { '$.x': '{{nope}}' } } }],
      { baseURL: server.url, events },
    )
    expect(asked).toEqual([])
    expect(result.steps[0]).toMatchObject({
      kind: 'failed',
      problems: [
        { kind: 'unknown-variable', variables: [{ name: 'nope', where: 'waitFor.match.$.x' }] },
      ],
    })
  })

  it('does not wait when the request itself failed', async () => {
    server.route('POST /channels', { status: 500, body: {} })
    const { asked, events } = source({ kind: 'received', event: received })
    await runSteps([create], { baseURL: server.url, events })
    expect(asked).toEqual([])
  })

  it.each([
    [{ '$.data.channel.uid': 'ch1' }, true],
    [{ '$.data.channel.uid': 'ch2' }, false],
    [{ '$.data.missing': 'ch1' }, false],
    [{ '$.data.count': '3' }, true],
    [{}, true],
    [{ 'not a path': 'x' }, false],
  ])('matches %j: %s', (match, expected) => {
    expect(eventMatches({ data: { channel: { uid: 'ch1' }, count: 3 } }, match)).toBe(expected)
  })
})
