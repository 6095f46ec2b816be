import { describe, expect, it } from 'vitest'
import { isJsonObject, type JsonValue, parseJsonText } from './json'

describe('isJsonObject', () => {
  it.each<[string, JsonValue | undefined, boolean]>([
    ['an object', { a: 1 }, true],
    ['an empty object', {}, true],
    ['an array', [1], false],
    ['null', null, false],
    ['a string', 'x', false],
    ['nothing', undefined, false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isJsonObject(value)).toBe(expected)
  })

  it('narrows parsed JSON so its members are JSON values', () => {
    const parsed = parseJsonText('{"state": "channel is active", "params": {"uid": "ch-1"}}')
    if (!isJsonObject(parsed) || !isJsonObject(parsed.params)) throw new Error('not an object')
    expect(parsed.params.uid).toBe('ch-1')
  })
})
