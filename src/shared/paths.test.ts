import { describe, expect, it } from 'vitest'
import { pathSegments, withoutQuery } from './paths'

describe('withoutQuery', () => {
  it.each([
    ['/a/b', '/a/b'],
    ['/a/b?x=1', '/a/b'],
    ['/a/b?x=1?y=2', '/a/b'],
    ['?x=1', ''],
    ['', ''],
  ])('%s → %s', (path, expected) => expect(withoutQuery(path)).toBe(expected))
})

describe('pathSegments', () => {
  it.each([
    ['/a/b', ['', 'a', 'b']],
    ['/a/b/', ['', 'a', 'b']],
    ['/a/b//?x=1', ['', 'a', 'b']],
    ['/a/{{uid}}/c', ['', 'a', '{{uid}}', 'c']],
    ['a/b', ['a', 'b']],
    ['/', ['']],
  ])('%s → %j', (path, expected) => expect(pathSegments(path)).toEqual(expected))
})
