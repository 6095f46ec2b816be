/**
 * YAML parsing that remembers where every value came from, so diagnostics can point at a
 * line and column of the spec file rather than of the YAML block.
 */
import { type Document, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml'
import { MAX_NESTING } from './limits'
import { quoteLine } from './source'
import { MAX_ALIASES, type PosNode, readFast } from './yaml-events'
import { PARSE_OPTIONS } from './yaml-options'

export interface YamlError {
  /** Absolute offset in the spec file. */
  offset: number
  message: string
  /** The line it is on, as the user sees it. */
  line: string
  /** Set when the YAML is well formed as far as read, but nests deeper than a pact can hold. */
  code?: 'too-deep'
}

export interface YamlBlock {
  value: unknown
  errors: YamlError[]
  /** Absolute offset of a value (or of its key, with `at: 'key'`) in the spec file. */
  offsetOf(path: ReadonlyArray<string | number>, at?: 'key' | 'value'): number
  /**
   * The value at `path`, to be walked further down one key or index at a time. Every
   * value of a spec gets a location: looking each one up from the root again (`offsetOf`)
   * cost time in the square of the depth.
   */
  cursor(path: ReadonlyArray<string | number>): YamlCursor
}

/** A place in a YAML block reached from the root, as `offsetOf` would find it. */
export interface YamlCursor {
  /** Absolute offset in the spec file: `offsetOf` of the same path. */
  readonly offset: number
  child(part: string | number): YamlCursor
}

/**
 * Parses `source`, which starts at `baseOffset` of the spec file. Never throws. Blocks
 * both parsers read alike, which is nearly all of them, are read by `readFast`; the rest,
 * and every block with an error, by `yaml`.
 */
export function parseYamlBlock(source: string, baseOffset: number): YamlBlock {
  // A flow collection nested past what a pact can hold is refused before parsing: the YAML
  // library takes seconds and gigabytes to build, then refuse, a few hundred kB of "[".
  const deep = tooDeepAt(source)
  if (deep !== undefined) {
    return failed(
      baseOffset + deep,
      `the YAML nests more than ${MAX_NESTING} levels deep; the Pact core cannot read such a pact`,
      'too-deep',
    )
  }
  const fast = readFast(source)
  if (fast) return located(baseOffset, fast.value, [], fast.root)
  return parseWithLibrary(source, baseOffset)
}

/** `parseYamlBlock` by the `yaml` library alone: what `readFast` is held to. */
export function parseWithLibrary(source: string, baseOffset: number): YamlBlock {
  let doc: Document.Parsed
  try {
    doc = parseDocument(source, PARSE_OPTIONS)
  } catch (error) {
    return failed(baseOffset, `YAML parser failed: ${messageOf(error)}`)
  }
  const errors: YamlError[] = doc.errors.map((e) => {
    const at = opening(source, e.pos?.[0] ?? 0, e.message)
    return { offset: baseOffset + at, message: firstLine(e.message), line: quoteLine(source, at) }
  })
  let value: unknown
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES })
    } catch (error) {
      const message = firstLine(messageOf(error))
      errors.push({ offset: baseOffset, message, line: quoteLine(source, 0) })
    }
  }
  return located(baseOffset, value, errors, () => fromYaml(doc.contents))
}

function located(
  baseOffset: number,
  value: unknown,
  errors: YamlError[],
  root: () => PosNode,
): YamlBlock {
  return {
    value,
    errors,
    offsetOf: (path, at = 'value') => baseOffset + locate(root(), path, at),
    cursor: (path) => {
      let place = rootPlace(root())
      for (const part of path) place = down(place, part)
      return new Cursor(baseOffset, place)
    },
  }
}

/**
 * Where the flow collections (`[`, `{`) of `source` first nest deeper than `MAX_NESTING`, or
 * undefined. Quoted text is skipped roughly (a bracket in a string seldom matters here).
 */
function tooDeepAt(source: string): number | undefined {
  let depth = 0
  let quote = ''
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i)
    if (quote) {
      if (source[i] === quote) quote = ''
      else if (c === 10) quote = ''
      continue
    }
    if (c === 34 || c === 39) quote = source.charAt(i)
    else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return i
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1)
  }
  return undefined
}

function failed(baseOffset: number, message: string, code?: 'too-deep'): YamlBlock {
  const nowhere = new Cursor(baseOffset, { node: undefined, best: 0, done: true })
  return {
    value: undefined,
    errors: [{ offset: baseOffset, message, line: '', ...(code ? { code } : {}) }],
    offsetOf: () => baseOffset,
    cursor: () => nowhere,
  }
}

/**
 * The parser notices an unclosed `[` or `{` where the next line starts; the user needs to
 * see the bracket that was never closed.
 */
function opening(source: string, pos: number, message: string): number {
  const kind = /^Flow (sequence|mapping)/.exec(message)?.[1]
  if (!kind) return pos
  const [open, close] = kind === 'sequence' ? ['[', ']'] : ['{', '}']
  let depth = 0
  for (let i = Math.min(pos, source.length) - 1; i >= 0; i--) {
    const c = source[i]
    if (c === close) depth++
    else if (c === open && depth-- === 0) return i
  }
  return pos
}

function firstLine(message: string): string {
  if (message.includes('call stack')) return 'the YAML is nested too deeply to read'
  return message.split('\n')[0]?.trim() ?? message
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

function start(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined
}

/**
 * `yaml`'s node as a `PosNode`, one level at a time: only what a lookup walks through is
 * adapted, and a deeply nested document costs no recursion. A key is found by its text
 * only when it is a scalar.
 */
function fromYaml(node: unknown): PosNode {
  const at = start(node)
  if (isMap(node)) {
    return {
      start: at,
      pair: (key) => {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
        return pair && { keyStart: start(pair.key), value: fromYaml(pair.value) }
      },
    }
  }
  if (isSeq(node)) {
    return {
      start: at,
      item: (index) => (node.items[index] === undefined ? undefined : fromYaml(node.items[index])),
    }
  }
  return { start: at }
}

/**
 * How far a walk down a path has got: the node reached, and the best offset so far. A path
 * that leaves the document (a missing key, an index past the end, a scalar) stops the walk
 * at the last offset found: `done`.
 */
interface Place {
  node: PosNode | undefined
  best: number
  done: boolean
}

const rootPlace = (root: PosNode): Place => ({ node: root, best: root.start ?? 0, done: false })

/** One step of a walk: into the value under a key, or into an item of a list. */
function down(place: Place, part: string | number): Place {
  if (place.done) return place
  const node = place.node
  if (node?.pair) {
    const pair = node.pair(String(part))
    if (!pair) return { ...place, done: true }
    return {
      node: pair.value,
      best: pair.value.start ?? pair.keyStart ?? place.best,
      done: false,
    }
  }
  if (node?.item && typeof part === 'number') {
    const item = node.item(part)
    if (item === undefined) return { ...place, done: true }
    return { node: item, best: item.start ?? place.best, done: false }
  }
  return { ...place, done: true }
}

class Cursor implements YamlCursor {
  constructor(
    private readonly baseOffset: number,
    private readonly place: Place,
  ) {}

  get offset(): number {
    return this.baseOffset + this.place.best
  }

  child(part: string | number): YamlCursor {
    return this.place.done ? this : new Cursor(this.baseOffset, down(this.place, part))
  }
}

function locate(root: PosNode, path: ReadonlyArray<string | number>, at: 'key' | 'value'): number {
  let place = rootPlace(root)
  for (const [i, part] of path.entries()) {
    if (i === path.length - 1 && at === 'key' && place.node?.pair) {
      const keyStart = place.node.pair(String(part))?.keyStart
      if (keyStart !== undefined) return keyStart
    }
    place = down(place, part)
    if (place.done) return place.best
  }
  return place.best
}
