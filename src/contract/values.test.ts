import { describe, expect, it } from 'vitest'
import { RUNNER_BUILTINS } from '../spec'
import { stringMatcher, type ValueContext } from './values'

const ctx: ValueContext = {
  configured: { client_uid: 'cl5w8e2r4t6y8u0i' },
  injected: new Map([['matter_uid', 'mt000000000000000']]),
}

const full = (pattern: string) => new RegExp(pattern)

describe('stringMatcher: the templates specs write', () => {
  it.each([
    {
      text: '/contacts/{{config.params.client_uid}}/matters',
      matcher: {
        kind: 'injected',
        expression: '/contacts/${client_uid}/matters',
        example: '/contacts/cl5w8e2r4t6y8u0i/matters',
      },
    },
    {
      text: '/matters/{{resolved.matter_uid}}',
      matcher: {
        kind: 'injected',
        expression: '/matters/${matter_uid}',
        example: '/matters/mt000000000000000',
      },
    },
    {
      text: 'ext-{{timestamp | slice: -4}}',
      matcher: { kind: 'regex', pattern: '^ext-(?:\\d{4})$', example: 'ext-0000' },
    },
    {
      text: '{{now_datetime | slice: 0, 10}}',
      matcher: { kind: 'regex', pattern: '^(?:[0-9TZ:.-]{10})$', example: '2026-01-01' },
    },
    {
      text: '{{random_string | slice: 5}}',
      matcher: { kind: 'regex', pattern: '^(?:[a-z0-9_]{0,})$', example: 'k3j5h7g9' },
    },
  ])('$text', ({ text, matcher }) => {
    const m = stringMatcher(text, ctx)
    expect(m).toEqual(matcher)
    if (m.kind === 'regex') expect(m.example).toMatch(full(m.pattern))
  })

  it.each(Object.keys(RUNNER_BUILTINS))('%s: sliced examples match their regex', (name) => {
    for (const filter of ['slice: -4', 'slice: 0, 3', 'slice: 2']) {
      const m = stringMatcher(`{{${name} | ${filter}}}`, ctx)
      expect(m.kind).toBe('regex')
      if (m.kind === 'regex') expect(m.example).toMatch(full(m.pattern))
    }
  })
})
