import { describe, expect, it } from 'vitest'
import type { InteractionResult } from '../provider'
import { useColor } from './diagnostics'
import { formatVerification } from './verification'
import { verificationJson } from './verification-json'
import { verificationJUnit } from './verification-junit'

const base = { consumer: 'communication-ui', interaction: 'http' as const }
const results: InteractionResult[] = [
  { kind: 'passed', description: 'post_channels', spec: 'specs/a.md', states: [], ...base },
  {
    kind: 'failed',
    description: 'post_sessions',
    spec: 'specs/b.md',
    states: ['channel is pending', 'client exists'],
    ...base,
    failures: [
      { kind: 'status', expected: '422', actual: '201', text: 'expected 422 but was 201' },
      { kind: 'mismatch', area: 'body', path: '$.errors', text: 'Expected an array' },
    ],
    reasons: ['expected 422 but was 201', '$.errors: Expected an array'],
    detail: '    1.1) has a matching body\n           $ -> Expected an array',
  },
  {
    kind: 'failed',
    description: 'put_channels',
    spec: 'specs/c.md',
    states: ['channel is pending'],
    ...base,
    failures: [
      { kind: 'state', state: 'channel is pending', cause: 'POST http://x/s answered 500: boom' },
    ],
    reasons: ['provider state "channel is pending" failed: POST http://x/s answered 500: boom'],
    detail: '    1.1) has status code 200\n           expected 200 but was 599',
  },
]

describe('formatVerification', () => {
  it('shows the table with the live status, then each failure starting with its root cause', () => {
    const statuses = new Map([
      ['post_channels', 'skip'],
      ['post_sessions', 'verified'],
    ])
    expect(formatVerification(results, { color: false, statuses })).toMatchInlineSnapshot(`
      "spec           states                             live status  verification
      -------------  ---------------------------------  -----------  ------------
      post_channels  —                                  skip         verified
      post_sessions  channel is pending, client exists  verified     FAILED
      put_channels   channel is pending                 —            FAILED

      ✗ post_sessions (specs/b.md)
        given channel is pending and client exists
        wrong status: expected 422 but was 201
        - $.errors: Expected an array
        │ 1.1) has a matching body
        │        $ -> Expected an array

      ✗ put_channels (specs/c.md)
        given channel is pending
        state failed: provider state "channel is pending" failed: POST http://x/s answered 500: boom

      3 interactions: 1 verified, 2 failed"
    `)
  })

  it('leaves the live status column out when statuses are not known', () => {
    const [header] = formatVerification(results, { color: false }).split('\n')
    expect(header?.split(/\s{2,}/)).toEqual(['spec', 'states', 'verification'])
  })
})

describe('colours of the verification report (useColor)', () => {
  it.each([
    { name: 'a terminal', tty: true, env: {}, color: true },
    { name: 'a pipe', tty: false, env: {}, color: false },
    { name: 'a pipe in CI', tty: false, env: { CI: 'true' }, color: false },
    { name: 'a terminal with NO_COLOR', tty: true, env: { NO_COLOR: '1' }, color: false },
    { name: 'a pipe with FORCE_COLOR', tty: false, env: { FORCE_COLOR: '1' }, color: true },
  ])('$name → $color', ({ tty, env, color }) => {
    expect(useColor({ isTTY: tty }, env)).toBe(color)
  })
})

describe('machine-readable output', () => {
  it('JSON keeps every failure as data, with the live status', () => {
    const json = verificationJson(
      'communication-gw',
      false,
      results,
      new Map([['post_channels', 'skip']]),
    )
    expect(json.summary).toEqual({ total: 3, verified: 1, failed: 2 })
    expect(json.interactions[0]).toMatchObject({
      result: 'passed',
      liveStatus: 'skip',
      failures: [],
    })
    expect(json.interactions[2]?.failures).toEqual([
      { kind: 'state', state: 'channel is pending', cause: 'POST http://x/s answered 500: boom' },
    ])
  })

  it('JUnit has a test case per interaction and the root cause as the failure message', () => {
    const xml = verificationJUnit('communication-gw', results)
    expect(xml).toContain('<testsuites name="specpact verify" tests="3" failures="2">')
    expect(xml).toContain(
      '<testcase classname="communication-gw.http" name="post_channels" file="specs/a.md"/>',
    )
    expect(xml).toContain('<failure message="expected 422 but was 201">')
    expect(xml).toContain('provider state &quot;channel is pending&quot; failed')
  })
})
