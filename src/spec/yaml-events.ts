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
  type MappingEvent,
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

/** The value of `source` and its positions, or undefined to leave the block to `yaml`. */
export function readFast(source: string): FastYaml | undefined {
  let events: Event[]
  let docs: unknown[]
  try {
    // Deeper than a pact may nest is refused from `yaml`'s reading, which says so.
    events = parseEvents(source, { maxDepth: MAX_NESTING + 8 })
    if (!agrees(events, source)) return undefined
    docs = constructFromEvents(events, { source, schema: SCHEMA, maxAliases: MAX_ALIASES })
  } catch {
    return undefined
  }
  if (docs.length !== 1) return undefined
  let root: PosNode | undefined
  return {
    value: docs[0],
    root: () => {
      root ??= positionsOf(events, source)
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
 * Whether both parsers would construct the same value from `events`: no tags (resolving
 * those is left to `yaml`), and every mapping key a scalar that `yaml` does not read as
 * null. Walks the events once, keeping for each open collection whether it is a mapping
 * and, if so, whether its next node is a key.
 */
function agrees(events: Event[], source: string): boolean {
  const open: Array<{ mapping: boolean; atKey: boolean }> = []
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      open.pop()
      continue
    }
    if (event.type === EVENT_ID.DOCUMENT) continue
    if (event.type !== EVENT_ID.ALIAS && event.tagStart >= 0) return false
    const top = open[open.length - 1]
    if (top?.mapping) {
      if (top.atKey && (event.type !== EVENT_ID.SCALAR || isNullKey(event, source))) return false
      top.atKey = !top.atKey
    }
    if (event.type === EVENT_ID.MAPPING) open.push({ mapping: true, atKey: true })
    else if (event.type === EVENT_ID.SEQUENCE) open.push({ mapping: false, atKey: false })
  }
  return true
}

/** A plain key that `yaml` reads as null. */
function isNullKey(event: ScalarEvent, source: string): boolean {
  return event.style === SCALAR_STYLE.PLAIN && NULL_KEY.test(getScalarValue(source, event))
}

/** A key as text, as both parsers make it of a scalar `agrees` let through. */
function keyOf(event: ScalarEvent, source: string): string {
  const text = getScalarValue(source, event)
  if (event.style !== SCALAR_STYLE.PLAIN) return text
  const value = resolvedBy(SCALAR_TAGS, text)
  return value === NOT_RESOLVED ? text : String(value)
}

/**
 * Where a scalar starts as `yaml` places it: on its opening quote, or on the `|` or `>` of
 * a block scalar. An empty value has no place of its own.
 */
function scalarStart(event: ScalarEvent, source: string): number | undefined {
  if (event.valueStart < 0) return undefined
  switch (event.style) {
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return event.valueStart - 1
    case SCALAR_STYLE.LITERAL_BLOCK:
    case SCALAR_STYLE.FOLDED_BLOCK:
      return blockHeader(source, event.valueStart)
    default:
      return event.valueStart
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
function collectionStart(event: { start: number; anchorEnd: number }, source: string): number {
  if (event.anchorEnd < 0) return event.start
  let at = event.anchorEnd
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
 * walks down: a step's line needs its list and itself, not every value in the block. The
 * index of each collection's closing event is found first, so a lookup skips over a
 * sibling's contents without reading them.
 */
function positionsOf(events: Event[], source: string): PosNode {
  const first = events.findIndex((e) => e.type === EVENT_ID.DOCUMENT)
  const content = events[first + 1]
  if (first < 0 || content === undefined || content.type === EVENT_ID.POP)
    return { start: undefined }
  const ends = closingEvents(events)
  /** The index of the event after the node that starts at `at`. */
  const after = (at: number) => {
    const end = ends[at] ?? -1
    return (end >= 0 ? end : at) + 1
  }
  /** The indices of the nodes directly inside the collection that starts at `at`. */
  const children = (at: number): number[] => {
    const found: number[] = []
    let next = at + 1
    while (next < events.length && events[next]?.type !== EVENT_ID.POP) {
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
    const event = events[at]
    switch (event?.type) {
      case EVENT_ID.SCALAR:
        return { start: scalarStart(event, source) }
      case EVENT_ID.ALIAS:
        // `*name`: the anchor's range is the name, after the asterisk.
        return { start: event.anchorStart - 1 }
      case EVENT_ID.SEQUENCE: {
        let items: number[] | undefined
        return {
          start: collectionStart(event, source),
          item: (i) => {
            items ??= children(at)
            const index = items[i]
            return index === undefined ? undefined : node(index)
          },
        }
      }
      case EVENT_ID.MAPPING:
        return mappingNode(at, event)
      default:
        return { start: undefined }
    }
  }
  const mappingNode = (at: number, event: MappingEvent): PosNode => {
    // Keys and values alternate; the first pair of a key wins, as `yaml` finds it.
    const nodes = children(at)
    const pairs = new Map<string, { keyAt: number; valueAt: number }>()
    for (let k = 0; k + 1 < nodes.length; k += 2) {
      const [keyAt, valueAt] = [nodes[k], nodes[k + 1]]
      if (keyAt === undefined || valueAt === undefined) break
      const keyEvent = events[keyAt]
      const text = keyEvent?.type === EVENT_ID.SCALAR ? keyOf(keyEvent, source) : undefined
      if (text !== undefined && !pairs.has(text)) pairs.set(text, { keyAt, valueAt })
    }
    const firstKey = nodes[0] === undefined ? undefined : node(nodes[0]).start
    // `yaml` starts a block mapping where its first key starts, after the key's anchor.
    const block = event.style === COLLECTION_STYLE.BLOCK && event.anchorEnd < 0
    return {
      start: (block ? firstKey : undefined) ?? collectionStart(event, source),
      pair: (key) => {
        const pair = pairs.get(key)
        return pair && { keyStart: node(pair.keyAt).start, value: node(pair.valueAt) }
      },
    }
  }
  return node(first + 1)
}

/** For each collection's opening event, the index of the event that closes it. */
function closingEvents(events: Event[]): Int32Array {
  const ends = new Int32Array(events.length).fill(-1)
  const open: number[] = []
  events.forEach((event, i) => {
    if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) open.push(i)
    else if (event.type === EVENT_ID.POP) {
      const start = open.pop()
      if (start !== undefined) ends[start] = i
    }
  })
  return ends
}
