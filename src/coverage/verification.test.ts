import { describe, expect, it } from 'vitest'
import { parseVerification } from './verification'

describe('parseVerification', () => {
  it.each([
    {
      name: 'verify --format json (specpact-verification/1)',
      value: {
        format: 'specpact-verification/1',
        ok: false,
        provider: 'p',
        summary: { total: 1, verified: 0, failed: 1 },
        interactions: [
          {
            description: 'a',
            consumer: 'ui',
            interaction: 'http',
            spec: 'specs/a.md',
            states: [],
            liveStatus: null,
            result: 'failed',
            failures: [{ kind: 'status', expected: '201', actual: '500', text: 'x' }],
            reasons: ['expected 201 but was 500'],
          },
        ],
      },
    },
    {
      name: 'verification results as the verifier returns them',
      value: { ok: false, results: [{ kind: 'failed', description: 'a', reasons: ['x'] }] },
    },
    { name: 'a bare list', value: [{ status: 'failed', description: 'a' }] },
    {
      name: 'per pact, with the provider',
      value: { pacts: [{ provider: 'p', results: [{ kind: 'failed', description: 'a' }] }] },
    },
  ])('reads $name', ({ value }) => {
    const parsed = parseVerification(value, 'v.json')
    expect(parsed.ok && parsed.results.stateOf('p', 'a')).toBe('failed')
    expect(parsed.ok && parsed.results.stateOf('p', 'b')).toBe('not-run')
  })

  it('keeps a failure when the same description also passed elsewhere', () => {
    const parsed = parseVerification(
      [
        { description: 'a', kind: 'failed' },
        { description: 'a', kind: 'passed' },
      ],
      'v.json',
    )
    expect(parsed.ok && parsed.results.stateOf('p', 'a')).toBe('failed')
  })

  it.each([
    { name: 'not JSON of a verification', value: { hello: 1 } },
    { name: 'a result without description', value: { results: [{ kind: 'passed' }] } },
    { name: 'an unknown outcome', value: [{ description: 'a', kind: 'great' }] },
    { name: 'no outcome at all', value: [{ description: 'a' }] },
  ])('refuses $name, naming the file', ({ value }) => {
    const parsed = parseVerification(value, 'v.json')
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.message).toMatch(/^v\.json: /)
  })
})
