import { describe, expect, it } from 'vitest'
import { redact } from './redact'

describe('redact', () => {
  it.each([
    { name: 'every occurrence', text: 'a tok b tok', secrets: ['tok'], out: 'a *** b ***' },
    {
      name: 'several secrets',
      text: 'user pw and tk',
      secrets: ['pw', 'tk'],
      out: 'user *** and ***',
    },
    {
      name: 'a longer secret containing a shorter one is replaced whole',
      text: 'Bearer abc123 / abc',
      secrets: ['abc', 'abc123'],
      out: 'Bearer *** / ***',
    },
    { name: 'empty secrets are ignored', text: 'nothing', secrets: [''], out: 'nothing' },
    {
      name: 'regex metacharacters are literal',
      text: 'x a.b+c x aXbbc',
      secrets: ['a.b+c'],
      out: 'x *** x aXbbc',
    },
    {
      name: 'across lines',
      text: 'Args: raw_vals: [["tok-SECRET"]]\nAuthorization: Bearer tok-SECRET',
      secrets: ['tok-SECRET'],
      out: 'Args: raw_vals: [["***"]]\nAuthorization: Bearer ***',
    },
  ])('$name', ({ text, secrets, out }) => {
    expect(redact(text, secrets)).toBe(out)
  })
})
