/**
 * Where a JSON text goes wrong. `JSON.parse` says so in words that differ between Node
 * versions and often without a position; a diagnostic needs a stable message and the exact
 * offset, so the first error is located by a small scanner of its own.
 */

export interface JsonProblem {
  /** Offset of the offending character in the text (its length at the end of input). */
  offset: number
  message: string
  /** What was there instead: a short quote of the text, or "the end of the block". */
  found: string
  /** Set when the JSON is well formed but too deep for a pact. */
  code?: 'too-deep'
}

class Stop extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.message)
  }
}

import { MAX_NESTING } from './limits'

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const LITERALS = ['true', 'false', 'null'] as const
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y

/** The first problem of `text` as JSON, or undefined when `JSON.parse` accepts it. */
export function jsonProblem(text: string): JsonProblem | undefined {
  let i = 0
  const found = (): string => {
    if (i >= text.length) return 'the end of the block'
    const rest = /^[^\s,:[\]{}]{1,20}/.exec(text.slice(i))?.[0] ?? text.charAt(i)
    return JSON.stringify(rest)
  }
  const fail = (expected: string): never => {
    throw new Stop({ offset: i, message: `expected ${expected}, found ${found()}`, found: found() })
  }
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++
  }
  const string = () => {
    i++ // the opening quote
    for (;;) {
      if (i >= text.length) fail('a closing "')
      const c = text.charAt(i)
      if (c === '"') {
        i++
        return
      }
      if (c === '\\') {
        ESCAPE.lastIndex = i + 1
        const m = ESCAPE.exec(text)
        if (!m) {
          i++
          fail('an escape such as \\n, \\" or \\u00e9')
        }
        i += 1 + (m?.[0].length ?? 0)
      } else if (c.charCodeAt(0) < 0x20) {
        fail('no raw control character inside a string (write \\n or \\t)')
      } else i++
    }
  }
  const value = (): void => {
    skip()
    const c = text.charAt(i)
    if (c === '{' || c === '[' || c === '"') {
      if (c === '"') string()
      else members(c === '{' ? '}' : ']', c === '{')
      return
    }
    for (const literal of LITERALS) {
      if (text.startsWith(literal, i)) {
        i += literal.length
        return
      }
    }
    NUMBER.lastIndex = i
    const m = NUMBER.exec(text)
    if (m) {
      i += m[0].length
      return
    }
    fail('a value (object, array, string, number, true, false or null)')
  }
  let depth = 0
  const members = (close: '}' | ']', object: boolean) => {
    if (++depth > MAX_NESTING) {
      throw new Stop({
        offset: i,
        message: `the JSON nests more than ${MAX_NESTING} levels deep; the Pact core cannot read such a pact`,
        found: `more than ${MAX_NESTING} levels`,
        code: 'too-deep',
      })
    }
    i++ // the opening bracket
    skip()
    if (text.charAt(i) === close) {
      i++
      depth--
      return
    }
    for (;;) {
      if (object) {
        skip()
        if (text.charAt(i) !== '"') fail('a "quoted" property name')
        string()
        skip()
        if (text.charAt(i) !== ':') fail('":" after the property name')
        i++
      }
      value()
      skip()
      const c = text.charAt(i)
      if (c === close) {
        i++
        depth--
        return
      }
      if (c !== ',') fail(`"," or "${close}"`)
      i++
      skip()
      if (text.charAt(i) === close) fail('another value after "," (JSON has no trailing commas)')
    }
  }
  try {
    value()
    skip()
    if (i < text.length) fail('the end of the JSON document')
    return undefined
  } catch (error) {
    if (error instanceof Stop) return error.problem
    // Only a stack overflow gets here: nesting deeper than any response body would be.
    return { offset: i, message: 'the JSON is nested too deeply to read', found: found() }
  }
}
