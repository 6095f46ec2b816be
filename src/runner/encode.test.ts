import { describe, expect, it } from 'vitest'
import { buildURL, encodeForm } from './encode'

describe('encodeForm', () => {
  it.each([
    { name: 'scalars', fields: { a: 'x y', n: 1, b: false }, encoded: 'a=x+y&n=1&b=false' },
    { name: 'null and empty', fields: { a: null, b: '' }, encoded: 'a=&b=' },
    {
      name: 'reserved characters',
      fields: { q: 'a&b=c/d?é' },
      encoded: 'q=a%26b%3Dc%2Fd%3F%C3%A9',
    },
    { name: 'a nested object', fields: { user: { name: 'Ann' } }, encoded: 'user%5Bname%5D=Ann' },
    { name: 'an array', fields: { tags: ['a', 'b'] }, encoded: 'tags%5B%5D=a&tags%5B%5D=b' },
    {
      name: 'an array of objects',
      fields: { fields: [{ name: 'x', type: 'text' }] },
      encoded: 'fields%5B%5D%5Bname%5D=x&fields%5B%5D%5Btype%5D=text',
    },
    { name: 'nothing', fields: {}, encoded: '' },
  ])('$name', ({ fields, encoded }) => {
    expect(encodeForm(fields)).toBe(encoded)
  })
})

describe('buildURL', () => {
  it.each([
    { base: 'http://h', path: '/a', params: {}, url: 'http://h/a' },
    { base: 'http://h/', path: '/a', params: {}, url: 'http://h/a' },
    { base: 'http://h/api2', path: '/a/b', params: {}, url: 'http://h/api2/a/b' },
    {
      base: 'http://h',
      path: '/a',
      params: { per_page: '1', q: 'x y' },
      url: 'http://h/a?per_page=1&q=x+y',
    },
    { base: 'http://h', path: '/a?x=1', params: { y: 2 }, url: 'http://h/a?x=1&y=2' },
  ])('$base + $path → $url', ({ base, path, params, url }) => {
    expect(buildURL(base, path, params)).toBe(url)
  })
})
