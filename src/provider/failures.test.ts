import { describe, expect, it } from 'vitest'
import { describeFailure } from './failure'
import { failuresOf } from './failures'

const report = (errors: unknown[]) => JSON.stringify({ result: false, errors })

describe('failuresOf', () => {
  it('reads status and mismatches as data, saying where in the body or which header', () => {
    const failures = failuresOf(
      report([
        {
          interaction: 'Verifying a pact between ui and gw - post_channels',
          mismatch: {
            type: 'mismatches',
            mismatches: [
              {
                type: 'StatusMismatch',
                expected: 201,
                actual: 200,
                mismatch: 'expected 201 but was 200',
              },
              {
                type: 'BodyMismatch',
                path: '$.data.channel',
                mismatch: 'Actual map is missing the following keys: uid',
              },
              {
                type: 'HeaderMismatch',
                key: 'Content-Type',
                mismatch: "Expected header 'Content-Type' to have value 'application/json'",
              },
            ],
          },
        },
        { interaction: 'post_channels', mismatch: { type: 'error', error: 'connection refused' } },
      ]),
    )
    expect(Object.fromEntries(failures)).toEqual({
      'Verifying a pact between ui and gw - post_channels': [
        {
          kind: 'status',
          expected: '201',
          actual: '200',
          text: 'expected 201 but was 200',
        },
        {
          kind: 'mismatch',
          area: 'body',
          path: '$.data.channel',
          text: 'Actual map is missing the following keys: uid',
        },
        {
          kind: 'mismatch',
          area: 'header',
          path: 'Content-Type',
          text: "Expected header 'Content-Type' to have value 'application/json'",
        },
      ],
      post_channels: [{ kind: 'other', text: 'connection refused' }],
    })
    const described = failures
      .get('Verifying a pact between ui and gw - post_channels')
      ?.map(describeFailure)
    expect(described).toEqual([
      'expected 201 but was 200',
      '$.data.channel: Actual map is missing the following keys: uid',
      "header Content-Type: Expected header 'Content-Type' to have value 'application/json'",
    ])
  })

  it('reads nothing from output that is not the JSON report', () => {
    expect(failuresOf('Verifying a pact between …').size).toBe(0)
  })
})
