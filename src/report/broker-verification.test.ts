import { describe, expect, it } from 'vitest'
import type { RemoteVerifyResult } from '../provider/remote'
import { formatBrokerVerification, type PublishingNote } from './broker-verification'

const RESULT: RemoteVerifyResult = {
  ok: true,
  stateFailures: [],
  pacts: [
    {
      url: 'http://broker/pacts/1',
      consumer: 'communication-ui',
      pending: false,
      wip: false,
      reason: 'latest from main branch',
      ok: true,
      publishLog: [],
      results: [
        {
          kind: 'passed',
          description: 'get_channel',
          spec: undefined,
          states: [],
          interaction: 'http',
          consumer: 'communication-ui',
        },
      ],
    },
  ],
}

const note = (over: Partial<PublishingNote>): PublishingNote => ({
  publish: true,
  providerVersion: 'p1',
  providerBranch: 'main',
  missing: 0,
  ...over,
})

describe('formatBrokerVerification: the last line says what the broker holds', () => {
  it.each([
    {
      name: 'not asked to publish',
      publishing: note({ publish: false }),
      line: 'Verification results were not published (they are published in CI, where CI is set, or with --publish).',
    },
    {
      name: 'published, and read back',
      publishing: note({}),
      line: 'Verification results sent to the broker for provider version p1 on branch main.',
    },
    {
      name: 'published, but the broker lacks a result',
      publishing: note({ missing: 1 }),
      line: 'Verification results were not all published: the broker holds no result for provider version p1 on branch main for 1 of 1 pact(s) (named below).',
    },
  ])('$name', ({ publishing, line }) => {
    expect(formatBrokerVerification(RESULT, publishing, false).split('\n').at(-1)).toBe(line)
  })
})
