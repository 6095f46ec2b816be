import { describe, expect, it } from 'vitest'
import type { StepResult } from '../runner'
import type { LiveReport, SpecRun } from '../runner/live'
import type { Step } from '../spec'
import { formatSideBySide, sideBySide } from './contract-and-live'
import { liveJUnit, xml } from './junit'
import { formatLive } from './live'

const create: Step = {
  id: 'create_channel',
  description: 'Create a channel',
  method: 'POST',
  path: '/channels',
  body: { type: 'transactional' },
  extract: { channel_uid: '$.data.channel.uid' },
  expect: { status: [200, 201] },
  waitFor: {
    event: 'channel.activated',
    match: { '$.data.channel.uid': '{{channel_uid}}' },
    timeout: 500,
  },
}

const failedStep: StepResult = {
  kind: 'failed',
  stepId: 'create_channel',
  description: 'Create a channel',
  request: {
    method: 'POST',
    url: 'http://env/channels',
    headers: { Authorization: 'Bearer ***' },
    body: { kind: 'json', value: { type: 'transactional' } },
  },
  response: {
    status: 201,
    headers: { 'content-type': 'application/json' },
    body: { data: { channel: { uid: 'c1' } } },
  },
  extracted: { channel_uid: 'c1' },
  durationMs: 512,
  attempts: 1,
  problems: [
    {
      kind: 'webhook-timeout',
      event: 'channel.activated',
      match: { '$.data.channel.uid': 'c1' },
      timeoutMs: 500,
      others: 0,
    },
  ],
  reason:
    'webhook channel.activated ($.data.channel.uid = "c1") did not arrive within 500 ms; no channel.activated webhook arrived',
  onFail: 'abort',
}

const run = (spec: string, outcome: SpecRun['outcome'], steps: StepResult[] = []): SpecRun => ({
  spec,
  file: `specs/gw/${spec}.md`,
  outcome,
  reason: outcome === 'failed' ? `create_channel: ${failedStep.kind}` : undefined,
  waits: [{ stepId: 'create_channel', event: 'channel.activated', state: 'channel is active' }],
  result:
    outcome === 'not-live'
      ? undefined
      : { ok: outcome === 'passed', outcome, steps, values: {}, generated: {} },
  durationMs: 512,
})

const report: LiveReport = {
  baseURL: 'http://env',
  webhookURL: 'http://127.0.0.1:1/webhooks',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1500,
  specs: [run('typing', 'failed', [failedStep]), run('webhook_x', 'not-live')],
  ok: false,
}

describe('live reports', () => {
  it('shows a failure with the request, the response and what the step expected', () => {
    expect(
      formatLive(report, { color: false, steps: new Map([['typing', [create]]]) }),
    ).toMatchInlineSnapshot(`
        "spec       steps  waits              result
        ---------  -----  -----------------  ------
        typing     0/1    channel.activated  FAILED  512 ms
        webhook_x  —      channel.activated  not live

        ✗ typing (specs/gw/typing.md)
          step create_channel (Create a channel): webhook channel.activated ($.data.channel.uid = "c1") did not arrive within 500 ms; no channel.activated webhook arrived
            request:  POST http://env/channels
                      Authorization: Bearer ***
                      {"type":"transactional"}
            response: 201 application/json
                      {"data":{"channel":{"uid":"c1"}}}
            expected: status 200 or 201; $.data.channel.uid present (as channel_uid); then webhook channel.activated with $.data.channel.uid = {{channel_uid}} within 500 ms

        2 specs against http://env: 0 passed, 1 failed, 1 not run live (webhook specs) in 1.5 s"
      `)
  })

  it('writes JUnit XML with a failure per failed spec and skips for the others', () => {
    const text = liveJUnit(report)
    expect(text).toContain(
      '<testsuites name="specpact run" tests="2" failures="1" skipped="1" time="1.500">',
    )
    expect(text).toContain(
      '<testcase name="typing" classname="specs/gw" file="specs/gw/typing.md" time="0.512">',
    )
    expect(text).toContain(
      '<failure message="create_channel: failed">step create_channel (Create a channel): webhook channel.activated ($.data.channel.uid = &quot;c1&quot;)',
    )
    expect(text).toContain('<skipped message="not-live"/>')
  })

  it.each([
    ['a < b & "c"', 'a &lt; b &amp; &quot;c&quot;'],
    ['bell\u0007', 'bell\uFFFD'],
  ])('escapes %j for XML', (text, escaped) => {
    expect(xml(text)).toBe(escaped)
  })

  it('puts the contract result beside the live one and names where they disagree', () => {
    const rows = sideBySide(
      [
        { kind: 'passed', description: 'typing', spec: undefined, states: [] },
        { kind: 'passed', description: 'webhook_x', spec: undefined, states: [] },
      ],
      report,
      new Map([['typing', 'skip']]),
    )
    expect(formatSideBySide(rows, { color: false })).toMatchInlineSnapshot(`
      "spec       status  contract  live
      ---------  ------  --------  ----
      typing     skip    verified  FAILED
      webhook_x  —       verified  not live

      2 specs: 0 verified and passed live, 1 where the contract and the live run disagree
        typing: contract verified, live failed"
    `)
  })
})
