import { describe, expect, it } from 'vitest'
import type { InteractionResult } from '../provider'
import { formatVerification } from './verification'

const results: InteractionResult[] = [
  { kind: 'passed', description: 'post_channels', spec: 'specs/a.md', states: [] },
  {
    kind: 'failed',
    description: 'post_sessions',
    spec: 'specs/b.md',
    states: ['channel is pending', 'client exists'],
    reasons: ['expected 422 but was 201'],
  },
]

describe('formatVerification', () => {
  it('shows spec, states, the spec status and the result, then each failure with its spec file', () => {
    const statuses = new Map([
      ['post_channels', 'skip'],
      ['post_sessions', 'skip'],
    ])
    expect(formatVerification(results, { color: false, statuses })).toMatchInlineSnapshot(`
      "spec           states                             status  result
      -------------  ---------------------------------  ------  ------
      post_channels  —                                  skip    verified
      post_sessions  channel is pending, client exists  skip    FAILED

      ✗ post_sessions (specs/b.md)
        given channel is pending and client exists
        - expected 422 but was 201

      2 interactions: 1 verified, 1 failed"
    `)
  })

  it('leaves the status column out when statuses are not known', () => {
    const [header] = formatVerification(results, { color: false }).split('\n')
    expect(header?.split(/\s{2,}/)).toEqual(['spec', 'states', 'result'])
  })
})
