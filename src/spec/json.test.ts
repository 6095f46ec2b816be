import { describe, expect, it } from 'vitest'
import { jsonProblem } from './json'

describe('jsonProblem', () => {
  it.each([
    { name: 'an object', text: '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}' },
    { name: 'surrounding whitespace', text: ' \r\n {}\t\n' },
    { name: 'a bare scalar', text: '"text"' },
  ])('accepts $name, as JSON.parse does', ({ text }) => {
    expect(() => JSON.parse(text)).not.toThrow()
    expect(jsonProblem(text)).toBeUndefined()
  })

  it.each([
    { name: 'a trailing comma', text: '{"a": 1,}', offset: 8 },
    { name: 'a missing comma', text: '{"a": 1 "b": 2}', offset: 8 },
    { name: 'an unquoted key', text: '{a: 1}', offset: 1 },
    { name: 'single quotes', text: "{'a': 1}", offset: 1 },
    { name: 'a missing colon', text: '{"a" 1}', offset: 5 },
    { name: 'an unclosed object', text: '{"a": 1', offset: 7 },
    { name: 'an unclosed string', text: '["abc', offset: 5 },
    { name: 'a bad escape', text: '["\\x"]', offset: 3 },
    { name: 'a raw newline in a string', text: '["a\nb"]', offset: 3 },
    { name: 'a comment', text: '{"a": 1} // note', offset: 9 },
    { name: 'a leading zero', text: '[01]', offset: 2 },
    { name: 'an empty block', text: '', offset: 0 },
    { name: 'undefined', text: '{"a": undefined}', offset: 6 },
  ])('finds $name, as JSON.parse does', ({ text, offset }) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(jsonProblem(text)?.offset).toBe(offset)
  })

  it('says what it expected and what it found', () => {
    const problems = ['{"a": 1,}', '{"a" 1}', '{"a": 1', '[01]'].map((t) => jsonProblem(t))
    expect(problems.map((p) => p?.message)).toMatchInlineSnapshot(`
      [
        "expected another value after "," (JSON has no trailing commas), found "}"",
        "expected ":" after the property name, found "1"",
        "expected "," or "}", found the end of the block",
        "expected "," or "]", found "1"",
      ]
    `)
  })

  it('stops at the nesting a pact can hold, long before the stack would overflow', () => {
    const text = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    expect(jsonProblem(text)).toMatchObject({ code: 'too-deep', offset: 120 })
    expect(jsonProblem(`${'['.repeat(120)}${']'.repeat(120)}`)).toBeUndefined()
  })
})
