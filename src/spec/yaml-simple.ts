/**
 * A reader for the plain YAML that spec blocks are written in: block mappings and lists,
 * one-line scalars, one-line flow lists, comments. It gives the same values and positions
 * as the `yaml` library, which spends ≈0.4 ms per spec building a syntax tree fit for
 * round-tripping that the reader never uses. Anything outside that plain subset, and
 * anything it cannot be sure of, it declines (undefined): the caller then uses `yaml`, which
 * also owns every error message. `yaml-simple.test.ts` holds it to `yaml` on the corpus and
 * on generated documents.
 */
import { Document, isScalar, type ScalarTag } from 'yaml'

/**
 * A YAML node as positions are looked up in it: where it starts, the value under a key of
 * a mapping and where that key starts, or an item of a list. `start` is undefined where
 * `yaml` gives the node no range (a missing value). `yaml.ts` adapts `yaml`'s own nodes to
 * this; the reader below builds it directly.
 */
export interface PosNode {
  start: number | undefined
  /** On mappings: the pair whose key, as text, is `key`; the first one if several. */
  pair?(key: string): { keyStart: number | undefined; value: PosNode } | undefined
  /** On lists. */
  item?(index: number): PosNode | undefined
}

const leaf = (start: number): PosNode => ({ start })

function mapNode(start: number, pairs: Map<string, { keyStart: number; value: PosNode }>) {
  return { start, pair: (key: string) => pairs.get(key) }
}

function seqNode(start: number, items: PosNode[]): PosNode {
  return { start, item: (index: number) => items[index] }
}

export interface SimpleYaml {
  value: unknown
  root: PosNode
}

/**
 * The options spec YAML is parsed with, by `yaml` and so by this reader too. logLevel
 * 'error': the parser would print its warnings to stderr; the spec reader reports.
 */
export const PARSE_OPTIONS = {
  uniqueKeys: true,
  prettyErrors: false,
  keepSourceTokens: false,
  logLevel: 'error',
} as const

// The schema and options `yaml` resolves plain scalars with, so `200`, `true`, `~` and
// `0x1F` become what they become there.
const REFERENCE = new Document(null, PARSE_OPTIONS)
const SCALAR_TAGS = REFERENCE.schema.tags.filter(
  (t): t is ScalarTag => !('collection' in t && t.collection) && t.test !== undefined,
)

/** Thrown inside the reader when the text leaves the subset; never escapes it. */
const DECLINE = Symbol('decline')

interface Line {
  /** Offset of the line in the block. */
  start: number
  indent: number
  /** The line after its indentation. */
  text: string
}

/** Same value and positions as `yaml`'s parseDocument + toJS, or undefined. */
export function readSimpleYaml(source: string): SimpleYaml | undefined {
  if (REFERENCE.schema.compat) return undefined
  const lines = contentLines(source)
  if (!lines || lines.length === 0 || (lines[0] as Line).indent !== 0) return undefined
  const reader = new Reader(lines)
  try {
    const result = reader.block(0)
    return reader.done() ? result : undefined
  } catch (error) {
    // Nesting deep enough to overflow the stack is left to `yaml`, which reports it.
    if (error === DECLINE || error instanceof RangeError) return undefined
    throw error
  }
}

/** Outside comments the reader takes printable ASCII only: the rest is `yaml`'s to judge. */
const OUTSIDE_COMMENTS = /[^\n\x20-\x7e]/

/** Control characters, byte-order marks, lone surrogates: `yaml` has rules for them. */
function hasOddCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) continue
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true
    if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfeff || c === 0xfffe || c === 0xffff) return true
  }
  return false
}

/** The lines holding content: blank and comment lines are skipped. */
function contentLines(source: string): Line[] | undefined {
  if (hasOddCharacter(source)) return undefined
  const lines: Line[] = []
  let start = 0
  while (start <= source.length) {
    let end = source.indexOf('\n', start)
    if (end < 0) end = source.length
    const raw = source.slice(start, end)
    // Directives and document markers start or end a document: `yaml`'s business.
    if (raw.startsWith('---') || raw.startsWith('...') || raw.startsWith('%')) return undefined
    let indent = 0
    while (raw.charCodeAt(indent) === 32) indent++
    const text = raw.slice(indent)
    if (text !== '' && text[0] !== '#') {
      if (OUTSIDE_COMMENTS.test(withoutComment(text))) return undefined
      lines.push({ start, indent, text })
    }
    start = end + 1
  }
  return lines
}

/** The text before a ` #` comment; quotes are checked again where values are read. */
function withoutComment(text: string): string {
  const hash = text.indexOf(' #')
  return hash < 0 ? text : text.slice(0, hash)
}

/**
 * `key:` at the start of a line, followed by a space or the end of the line: a plain key
 * (group 1) or a quoted one without escapes (group 2 or 3), such as "filter[uid]".
 */
const KEY = /^(?:([A-Za-z_][A-Za-z0-9_-]{0,99})|"([^"\\]{0,100})"|'([^']{0,100})'):(?: +|$)/

/** Characters a plain scalar may not start with: they open something else. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'])

/** The rest of a line after a value: spaces, and a comment after at least one of them. */
const TAIL = /^(?: *| +#.*)$/

class Reader {
  private i = 0

  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.i === this.lines.length
  }

  private line(): Line | undefined {
    return this.lines[this.i]
  }

  /** The mapping or list whose first line is the current one, at `indent`. */
  block(indent: number): SimpleYaml {
    const line = this.line()
    if (!line || line.indent !== indent) throw DECLINE
    if (isDash(line.text)) return this.seq(indent)
    this.i++
    return this.map(indent, line.text, line.start + indent)
  }

  /**
   * A block mapping at `indent` whose first pair is `text` (at offset `at`); its other
   * pairs are the following lines at the same indentation.
   */
  private map(indent: number, text: string, at: number): SimpleYaml {
    const value: Record<string, unknown> = {}
    const pairs = new Map<string, { keyStart: number; value: PosNode }>()
    let keyText = text
    let keyAt = at
    for (;;) {
      const match = KEY.exec(keyText)
      if (!match) throw DECLINE
      const plainKey = match[1]
      const key = plainKey ?? match[2] ?? (match[3] as string)
      if (key === '__proto__' || Object.hasOwn(value, key) || OUTSIDE_COMMENTS.test(key))
        throw DECLINE
      if (plainKey !== undefined && resolvePlain(plainKey, true) !== key) throw DECLINE
      const rest = keyText.slice(match[0].length)
      let item: SimpleYaml
      if (rest === '') {
        const next = this.line()
        // A key without a value below it is null; a list at the key's own indentation is
        // legal YAML, but rare enough to leave to `yaml`.
        if (!next || next.indent <= indent) throw DECLINE
        item = this.block(next.indent)
      } else {
        item = inline(rest, keyAt + match[0].length)
        this.endOfValue(indent)
      }
      value[key] = item.value
      pairs.set(key, { keyStart: keyAt, value: item.root })
      const next = this.line()
      if (!next || next.indent < indent) break
      if (next.indent > indent || isDash(next.text)) throw DECLINE
      this.i++
      keyText = next.text
      keyAt = next.start + indent
    }
    return { value, root: mapNode(at, pairs) }
  }

  /** A block list at `indent`: its items are the following lines starting with `- `. */
  private seq(indent: number): SimpleYaml {
    const value: unknown[] = []
    const items: PosNode[] = []
    const start = (this.line() as Line).start + indent
    for (;;) {
      const line = this.line()
      if (!line || line.indent < indent) break
      if (line.indent > indent || !isDash(line.text)) throw DECLINE
      this.i++
      let spaces = 1
      while (line.text.charCodeAt(spaces) === 32) spaces++
      const text = line.text.slice(spaces)
      const column = indent + spaces
      const at = line.start + column
      if (text === '' || text[0] === '#') throw DECLINE
      let item: SimpleYaml
      if (KEY.test(text)) item = this.map(column, text, at)
      else {
        item = inline(text, at)
        this.endOfValue(indent)
      }
      value.push(item.value)
      items.push(item.root)
    }
    return { value, root: seqNode(start, items) }
  }

  /** A one-line value may not continue on more indented lines (a multi-line scalar). */
  private endOfValue(indent: number) {
    const next = this.line()
    if (next && next.indent > indent) throw DECLINE
  }
}

const isDash = (text: string) => text === '-' || text.startsWith('- ')

/** A value written on the rest of a line: a quoted or plain scalar, `[...]` or `{}`. */
function inline(text: string, at: number): SimpleYaml {
  const first = text[0] as string
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, 1)
    if (close < 0) throw DECLINE
    const content = text.slice(1, close)
    // Escapes (double quotes) and '' (single quotes) are `yaml`'s to read.
    if (first === '"' && content.includes('\\')) throw DECLINE
    if (OUTSIDE_COMMENTS.test(content)) throw DECLINE
    tail(text.slice(close + 1))
    return { value: content, root: leaf(at) }
  }
  if (first === '[') return flowList(text, at)
  if (first === '{') {
    if (!text.startsWith('{}')) throw DECLINE
    tail(text.slice(2))
    return { value: {}, root: mapNode(at, new Map()) }
  }
  if (INDICATORS.has(first)) throw DECLINE
  const plain = withoutComment(text).trimEnd()
  if (plain.includes(': ') || plain.endsWith(':')) throw DECLINE
  return { value: resolvePlain(plain, false), root: leaf(at) }
}

function tail(rest: string) {
  if (!TAIL.test(rest)) throw DECLINE
}

/** `[a, "b", 3]` on one line, of scalars only. */
function flowList(text: string, at: number): SimpleYaml {
  const value: unknown[] = []
  const items: PosNode[] = []
  let p = skipSpaces(text, 1)
  if (text[p] !== ']') {
    for (;;) {
      const first = text[p]
      let end: number
      if (first === '"' || first === "'") {
        const close = text.indexOf(first, p + 1)
        if (close < 0) throw DECLINE
        const content = text.slice(p + 1, close)
        if (/[\\']/.test(content) || OUTSIDE_COMMENTS.test(content)) throw DECLINE
        value.push(content)
        end = close + 1
      } else {
        end = p
        while (end < text.length && text[end] !== ',' && text[end] !== ']') end++
        const plain = text.slice(p, end).trimEnd()
        const bad = /[[\]{}#:"']/.test(plain) || OUTSIDE_COMMENTS.test(plain)
        if (plain === '' || INDICATORS.has(plain[0] as string) || bad) throw DECLINE
        value.push(resolvePlain(plain, false))
      }
      items.push(leaf(at + p))
      p = skipSpaces(text, end)
      if (text[p] === ']') break
      if (text[p] !== ',') throw DECLINE
      p = skipSpaces(text, p + 1)
      if (text[p] === ']' || text[p] === ',' || p >= text.length) throw DECLINE
    }
  }
  tail(text.slice(p + 1))
  return { value, root: seqNode(at, items) }
}

function skipSpaces(text: string, from: number): number {
  let p = from
  while (text.charCodeAt(p) === 32) p++
  return p
}

/** What `yaml` makes of a plain scalar: the first default tag whose test matches it. */
function resolvePlain(text: string, atKey: boolean): string | number | boolean | null {
  const tag = SCALAR_TAGS.find(
    (t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(text),
  )
  if (!tag) return text
  let failed = false
  const resolved: unknown = tag.resolve(
    text,
    () => {
      failed = true
    },
    REFERENCE.options,
  )
  // A tag may answer with a node (booleans do, to keep how they were written).
  const value = isScalar(resolved) ? resolved.value : resolved
  const plain =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  if (failed || !plain) throw DECLINE
  return value
}
