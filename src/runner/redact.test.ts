import { describe, expect, it } from 'vitest'
import { redactHeaders, scrubSecrets } from './redact'

describe('redactHeaders', () => {
  it.each<{ name: string; headers: Record<string, string>; shown: string }>([
    { name: 'a bearer token', headers: { Authorization: 'Bearer abc.def' }, shown: 'Bearer ***' },
    { name: 'any case', headers: { authorization: 'bearer abc' }, shown: 'bearer ***' },
    {
      name: 'basic credentials',
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
      shown: 'Basic ***',
    },
    { name: 'a bare credential', headers: { Authorization: 'abc' }, shown: '***' },
  ])('$name', ({ headers, shown }) => {
    expect(Object.values(redactHeaders(headers))).toEqual([shown])
  })

  it('leaves other headers alone', () => {
    expect(redactHeaders({ Accept: 'application/json', 'X-Id': '1' })).toEqual({
      Accept: 'application/json',
      'X-Id': '1',
    })
  })
})

describe('scrubSecrets', () => {
  it('removes every occurrence in strings, keys and nested values', () => {
    const value = { a: 'x tok123 y tok123', tok123: [1, { b: 'tok123' }], n: 5, z: null }
    expect(scrubSecrets(value, ['tok123'])).toEqual({
      a: 'x *** y ***',
      '***': [1, { b: '***' }],
      n: 5,
      z: null,
    })
  })

  it('removes the longer of two overlapping secrets whole', () => {
    expect(scrubSecrets('abcdef', ['abc', 'abcdef'])).toBe('***')
  })

  it('ignores empty secrets instead of mangling every string', () => {
    expect(scrubSecrets({ a: 'text' }, ['', 'zz'])).toEqual({ a: 'text' })
  })

  it('does not change its input', () => {
    const value = { a: 'tok' }
    scrubSecrets(value, ['tok'])
    expect(value).toEqual({ a: 'tok' })
  })
})
