import { describe, expect, it } from 'vitest'
import { failureSections, stripAnsi } from './core-run'

const report = `
Verifying a pact between ui and gw

  post_channels (1ms loading, 5ms verification)
    returns a response which
      has status code 201 (FAILED)

Failures:

1) Verifying a pact between ui and gw - post_channels
    1.1) has status code 201
           expected 201 but was 500

2) Verifying a pact between ui and gw Given channel is active - put_channels
    2.1) has a matching body
           $ -> Actual map is missing the following keys: data

There were 2 pact failures
`

describe('failureSections', () => {
  it("cuts the core's report into each failing interaction's part", () => {
    const sections = failureSections(report, ['post_channels', 'put_channels', 'other'])
    expect(Object.fromEntries(sections)).toEqual({
      post_channels: '    1.1) has status code 201\n           expected 201 but was 500',
      put_channels:
        '    2.1) has a matching body\n           $ -> Actual map is missing the following keys: data',
    })
  })

  it('finds nothing in a report without failures', () => {
    expect(failureSections('Verifying a pact between ui and gw\n', ['x']).size).toBe(0)
  })

  it('removes ANSI codes', () => {
    expect(stripAnsi('\u001b[31m-{\u001b[0m \u001b[1mOK\u001b[22m')).toBe('-{ OK')
  })
})
