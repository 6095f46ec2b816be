/**
 * The fast way through a YAML block: js-yaml's event parser and its constructor give the
 * value at a fifth of what `yaml` spends building a syntax tree fit for round-tripping; the
 * events keep every node's offset, so positions cost nothing until a diagnostic asks for one.
 *
 * The `yaml` library stays the reference: wherever js-yaml fails, or where the two could
 * read a valid document differently (a tag, a key that `yaml` reads as null, a collection
 * as a key), this declines and the caller uses `yaml`, which also owns every error message.
 * Scalars are resolved by `yaml`'s own definitions. `yaml-events.test.ts` holds the two
 * together on the corpus and on generated documents.
 */
import {
  COLLECTION_STYLE,
  CORE_SCHEMA,
  constructFromEvents,
  defineScalarTag,
  EVENT_ID,
  type Event,
  getScalarValue,
  NOT_RESOLVED,
  parseEvents,
  SCALAR_STYLE,
  type ScalarEvent,
} from 'js-yaml'
import { Document, isScalar, type ScalarTag } from 'yaml'
import { MAX_NESTING } from './limits'
import { PARSE_OPTIONS } from './yaml-options'

/**
 * A YAML node as positions are looked up in it: where it starts, the value under a key of
 * a mapping and where that key starts, or an item of a list. `start` is undefined where
 * the node has no place of its own (an empty value): a lookup then stops at its key.
 */
export interface PosNode {
  start: number | undefined
  /** On mappings: the pair whose key, as text, is `key`; the first one if several. */
  pair?(key: string): { keyStart: number | undefined; value: PosNode } | undefined
  /** On lists. */
  item?(index: number): PosNode | undefined
}

export interface FastYaml {
  value: unknown
  /** The positions of the block's nodes, built from its events on the first call. */
  root(): PosNode
}

/**
 * Aliases a document may use, as `yaml`'s `maxAliasCount`: a few anchors are fine, a
 * billion laughs is not.
 */
export const MAX_ALIASES = 100

// Plain keys that `yaml` reads as null and turns into "" (js-yaml: "null").
const NULL_KEY = /^(?:~|null|Null|NULL|)$/
// The first characters of `yaml`'s core booleans, numbers, .inf and .nan.
const MAY_RESOLVE = /^[-+.0-9tTfF]/

/** The value of `source` and its positions, or undefined to leave the block to `yaml`. */
export function readFast(source: string): FastYaml | undefined {
  let nodes: Compact | undefined
  let docs: unknown[]
  try {
    // Deeper than a pact may nest is refused from `yaml`'s reading, which says so.
    const events = parseEvents(source, { maxDepth: MAX_NESTING + 8 })
    nodes = compactIfAgreed(events, source)
    if (!nodes) return undefined
    docs = constructFromEvents(events, { source, schema: SCHEMA, maxAliases: MAX_ALIASES })
  } catch {
    return undefined
  }
  if (docs.length !== 1) return undefined
  const kept = nodes
  let root: PosNode | undefined
  return {
    value: docs[0],
    root: () => {
      root ??= positionsOf(kept, source)
      return root
    },
  }
}

// The schema `yaml` resolves plain scalars with, so `200`, `True`, `~`, `0x1F` and `1e400`
// become what they become there, in values and as keys.
const REFERENCE = new Document(null, PARSE_OPTIONS)
const SCALAR_TAGS = REFERENCE.schema.tags.filter(
  (t): t is ScalarTag => !('collection' in t && t.collection) && t.test !== undefined,
)
const noError = () => undefined

/**
 * The first of `tags` that matches `text`, resolved as `yaml` resolves it (its booleans
 * come wrapped in a `Scalar`, which keeps their spelling).
 */
function resolvedBy(tags: readonly ScalarTag[], text: string): unknown {
  const tag = tags.find((t) => t.test?.test(text))
  if (!tag) return NOT_RESOLVED
  const value = tag.resolve(text, noError, {})
  return isScalar(value) ? value.value : value
}

/**
 * js-yaml's core schema with its null, bool, int and float tags resolved by `yaml`'s
 * definitions: js-yaml alone reads `1e400` as text where `yaml` reads Infinity.
 */
const SCHEMA = CORE_SCHEMA.withTags(
  [...new Set(SCALAR_TAGS.map((t) => t.tag))].map((name) => {
    const variants = SCALAR_TAGS.filter((t) => t.tag === name)
    return defineScalarTag(name, {
      implicit: true,
      resolve: (text) => resolvedBy(variants, text),
      identify: () => false,
    })
  }),
)

/**
 * What positions need of the events, kept for as long as the spec: a few numbers per node
 * in typed arrays rather than js-yaml's event objects, which are five times the size.
 */
interface Compact {
  type: Uint8Array
  /** A scalar's or a collection's style. */
  style: Uint8Array
  /** Scalar: where its text starts; alias: its anchor name; collection: where it starts. */
  start: Int32Array
  /** Scalar: where its text ends; collection: where its anchor ends (-1: none). */
  end: Int32Array
  /** Collection: the index of the event that closes it; -1 otherwise. */
  close: Int32Array
  /** The text of every mapping key, by index. */
  keys: Map<number, string>
}

/**
 * `events` compacted, or undefined where the two parsers could construct different values:
 * a tag (resolving those is left to `yaml`), or a mapping key that is not a scalar or that
 * `yaml` reads as null. Keeps for each open collection whether it is a mapping and, if so,
 * whether its next node is a key.
 */
function compactIfAgreed(events: Event[], source: string): Compact | undefined {
  const n = events.length
  const nodes: Compact = {
    type: new Uint8Array(n),
    style: new Uint8Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    close: new Int32Array(n).fill(-1),
    keys: new Map(),
  }
  const open: Array<{ at: number; mapping: boolean; atKey: boolean }> = []
  for (const [i, event] of events.entries()) {
    nodes.type[i] = event.type
    if (event.type === EVENT_ID.POP) {
      const closed = open.pop()
      if (closed) nodes.close[closed.at] = i
      continue
    }
    if (event.type === EVENT_ID.DOCUMENT) continue
    if (event.type === EVENT_ID.ALIAS) nodes.start[i] = event.anchorStart
    else if (event.tagStart >= 0) return undefined
    const top = open[open.length - 1]
    if (top?.mapping) {
      if (top.atKey) {
        if (event.type !== EVENT_ID.SCALAR) return undefined
        const key = keyOf(event, source)
        if (key === undefined) return undefined
        nodes.keys.set(i, key)
      }
      top.atKey = !top.atKey
    }
    if (event.type === EVENT_ID.SCALAR) {
      nodes.style[i] = event.style
      nodes.start[i] = event.valueStart
      nodes.end[i] = event.valueEnd
    } else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      nodes.style[i] = event.style
      nodes.start[i] = event.start
      nodes.end[i] = event.anchorEnd
      open.push({ at: i, mapping: event.type === EVENT_ID.MAPPING, atKey: true })
    }
  }
  return nodes
}

/**
 * A key as text, as both parsers make it of a scalar: `yaml`'s resolution of a plain one
 * (`True` is "true", `0x1F` "31"); undefined for one that `yaml` reads as null.
 */
function keyOf(event: ScalarEvent, source: string): string | undefined {
  const text = getScalarValue(source, event)
  if (event.style !== SCALAR_STYLE.PLAIN) return text
  if (NULL_KEY.test(text)) return undefined
  // Only what starts like a boolean, a number or .inf/.nan is resolved to another text.
  if (!MAY_RESOLVE.test(text)) return text
  const value = resolvedBy(SCALAR_TAGS, text)
  return value === NOT_RESOLVED ? text : String(value)
}

/**
 * Where a scalar starts as `yaml` places it: on its opening quote, or on the `|` or `>` of
 * a block scalar. An empty value has no place of its own.
 */
function scalarStart(nodes: Compact, at: number, source: string): number | undefined {
  const valueStart = nodes.start[at] ?? -1
  if (valueStart < 0) return undefined
  switch (nodes.style[at]) {
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return valueStart - 1
    case SCALAR_STYLE.LITERAL_BLOCK:
    case SCALAR_STYLE.FOLDED_BLOCK:
      return blockHeader(source, valueStart)
    default:
      return valueStart
  }
}

// The end of a block scalar's header line: `|` or `>`, its indicators, maybe a comment.
const BLOCK_HEADER = /[|>][1-9+-]*[ \t]*(?:#.*)?$/

/** The `|` or `>` of the block scalar whose text starts at `contentStart`. */
function blockHeader(source: string, contentStart: number): number | undefined {
  let end = contentStart
  while (end >= 0) {
    const start = source.lastIndexOf('\n', end - 1) + 1
    const line = source.slice(start, end)
    const match = BLOCK_HEADER.exec(line)
    if (match) return start + match.index
    if (line.trim() !== '') return undefined
    end = start - 1
  }
  return undefined
}

/**
 * Where a collection starts as `yaml` places it: past its anchor and the comments and line
 * breaks after it, on its first entry or its bracket.
 */
function collectionStart(nodes: Compact, index: number, source: string): number {
  const anchorEnd = nodes.end[index] ?? -1
  if (anchorEnd < 0) return nodes.start[index] ?? 0
  let at = anchorEnd
  while (at < source.length) {
    const c = source[at]
    if (c === '#') {
      const end = source.indexOf('\n', at)
      at = end < 0 ? source.length : end
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') at++
    else break
  }
  return at
}

/**
 * The nodes of the first document as `PosNode`s, built one level at a time as a lookup
 * walks down: a step's line needs its list and itself, not every value in the block. Each
 * collection's closing event is known, so a lookup skips a sibling's contents unread.
 */
function positionsOf(nodes: Compact, source: string): PosNode {
  const count = nodes.type.length
  const first = nodes.type.indexOf(EVENT_ID.DOCUMENT)
  if (first < 0 || first + 1 >= count || nodes.type[first + 1] === EVENT_ID.POP)
    return { start: undefined }
  /** The index of the event after the node that starts at `at`. */
  const after = (at: number) => {
    const close = nodes.close[at] ?? -1
    return (close >= 0 ? close : at) + 1
  }
  /** The indices of the nodes directly inside the collection that starts at `at`. */
  const children = (at: number): number[] => {
    const found: number[] = []
    let next = at + 1
    while (next < count && nodes.type[next] !== EVENT_ID.POP) {
      found.push(next)
      next = after(next)
    }
    return found
  }
  const built = new Map<number, PosNode>()
  const node = (at: number): PosNode => {
    let found = built.get(at)
    if (!found) {
      found = nodeAt(at)
      built.set(at, found)
    }
    return found
  }
  const nodeAt = (at: number): PosNode => {
    switch (nodes.type[at]) {
      case EVENT_ID.SCALAR:
        return { start: scalarStart(nodes, at, source) }
      case EVENT_ID.ALIAS:
        // `*name`: the anchor's range is the name, after the asterisk.
        return { start: (nodes.start[at] ?? 1) - 1 }
      case EVENT_ID.SEQUENCE: {
        let items: number[] | undefined
        return {
          start: collectionStart(nodes, at, source),
          item: (i) => {
            items ??= children(at)
            const index = items[i]
            return index === undefined ? undefined : node(index)
          },
        }
      }
      case EVENT_ID.MAPPING:
        return mappingNode(at)
      default:
        return { start: undefined }
    }
  }
  const mappingNode = (at: number): PosNode => {
    // Keys and values alternate; the first pair of a key wins, as `yaml` finds it.
    const inside = children(at)
    const pairs = new Map<string, { keyAt: number; valueAt: number }>()
    for (let k = 0; k + 1 < inside.length; k += 2) {
      const [keyAt, valueAt] = [inside[k], inside[k + 1]]
      if (keyAt === undefined || valueAt === undefined) break
      const text = nodes.keys.get(keyAt)
      if (text !== undefined && !pairs.has(text)) pairs.set(text, { keyAt, valueAt })
    }
    const firstKey = inside[0] === undefined ? undefined : node(inside[0]).start
    // `yaml` starts a block mapping where its first key starts, after the key's anchor.
    const block = nodes.style[at] === COLLECTION_STYLE.BLOCK && (nodes.end[at] ?? -1) < 0
    return {
      start: (block ? firstKey : undefined) ?? collectionStart(nodes, at, source),
      pair: (key) => {
        const pair = pairs.get(key)
        return pair && { keyStart: node(pair.keyAt).start, value: node(pair.valueAt) }
      },
    }
  }
  return node(first + 1)
}
