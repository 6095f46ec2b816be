/**
 * The fast way through a YAML block: js-yaml's event parser gives the nodes at a fraction
 * of what `yaml` spends building a syntax tree fit for round-tripping, and the value is
 * built from its events in one pass; the events keep every node's offset, so positions cost
 * nothing until a diagnostic asks for one.
 *
 * The `yaml` library stays the reference: wherever js-yaml fails, or where the two could
 * read a valid document differently (a tag, a duplicate key, a key that `yaml` reads as
 * null, a collection as a key), this declines and the caller uses `yaml`, which also owns
 * every error message. Scalars are resolved by `yaml`'s own definitions.
 * `yaml-events.test.ts` holds the two together on the corpus and on generated documents.
 */
import {
  EVENT_ID,
  type Event,
  getScalarValue,
  type MappingEvent,
  NOT_RESOLVED,
  parseEvents,
  SCALAR_STYLE,
  type ScalarEvent,
  type SequenceEvent,
} from 'js-yaml'
import { Document, isScalar, type ScalarTag } from 'yaml'
import { MAX_NESTING } from './limits'
import { PARSE_OPTIONS } from './yaml-options'
import { Compact, type PosNode, positionsOf } from './yaml-positions'

export type { PosNode } from './yaml-positions'

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

/** The value of `source` and its positions, or undefined to leave the block to `yaml`. */
export function readFast(source: string): FastYaml | undefined {
  let read: Read | undefined
  try {
    // Deeper than a pact may nest is refused from `yaml`'s reading, which says so.
    read = readEvents(parseEvents(source, { maxDepth: MAX_NESTING + 8 }), source)
  } catch {
    return undefined
  }
  if (!read) return undefined
  const { nodes, value } = read
  let root: PosNode | undefined
  return {
    value,
    root: () => {
      root ??= positionsOf(nodes, source)
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
// The first characters of `yaml`'s core nulls ("" is the empty scalar), booleans and
// numbers: no core tag resolves a plain scalar that starts with any other.
const MAY_RESOLVE_FIRST = new Set(['', '~', 'n', 'N', ...'-+.0123456789tTfF'])

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

/** A plain scalar's value as `yaml` reads it: null, a boolean, a number, or the text. */
function plainValue(text: string): unknown {
  // Only what starts like a null, a boolean or a number can resolve to anything but text.
  if (!MAY_RESOLVE_FIRST.has(text.charAt(0))) return text
  const value = resolvedBy(SCALAR_TAGS, text)
  return value === NOT_RESOLVED ? text : value
}

interface Read {
  nodes: Compact
  value: unknown
}

/** A collection being built, and for a mapping the key its next value goes under. */
type Open =
  | { at: number; mapping: false; items: unknown[] }
  | { at: number; mapping: true; entries: Record<string, unknown>; key: string | undefined }

/**
 * The value of the one document in `events` and the compacted events its positions are
 * found in; undefined where the two parsers could read it differently: a tag (resolving
 * those is left to `yaml`), a duplicate key, a mapping key that is not a scalar or that
 * `yaml` reads as null, an alias to no anchor or past `MAX_ALIASES`, more than one document.
 * Values are built here, in the same pass: js-yaml's constructor cost more than its parser.
 * `<<` is a key like any other, as in `yaml`'s core schema.
 */
function readEvents(events: Event[], source: string): Read | undefined {
  const n = events.length
  const nodes = new Compact(n)
  const open: Open[] = []
  const anchors = new Map<string, unknown>()
  let aliases = 0
  let documents = 0
  let value: unknown
  /**
   * Puts a finished node into the collection around it, or makes it the document's, and
   * under its anchor's name if it has one.
   */
  const place = (node: unknown, anchorStart: number, anchorEnd: number): boolean => {
    const top = open[open.length - 1]
    if (!top) value = node
    else if (!top.mapping) top.items.push(node)
    else if (top.key === undefined) return false
    else {
      // An own property named __proto__, as `yaml` makes it, not the object's prototype.
      if (top.key === '__proto__')
        Object.defineProperty(top.entries, top.key, {
          value: node,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      else top.entries[top.key] = node
      top.key = undefined
    }
    if (anchorStart >= 0) anchors.set(source.slice(anchorStart, anchorEnd), node)
    return true
  }
  for (let i = 0; i < n; i++) {
    const event = events[i] as Event
    if (event.type === EVENT_ID.POP) {
      nodes.set(i, event.type, 0, -1, -1)
      const closed = open.pop()
      if (!closed) continue
      nodes.setClose(closed.at, i)
      const opened = events[closed.at] as MappingEvent | SequenceEvent
      const node = closed.mapping ? closed.entries : closed.items
      if (!place(node, opened.anchorStart, opened.anchorEnd)) return undefined
      continue
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      nodes.set(i, event.type, 0, -1, -1)
      if (++documents > 1) return undefined
      continue
    }
    const top = open[open.length - 1]
    if (event.type === EVENT_ID.ALIAS) {
      nodes.set(i, event.type, 0, event.anchorStart, event.anchorEnd)
      const name = source.slice(event.anchorStart, event.anchorEnd)
      if (++aliases > MAX_ALIASES || !anchors.has(name)) return undefined
      if (!place(anchors.get(name), -1, -1)) return undefined
      continue
    }
    if (event.tagStart >= 0) return undefined
    if (event.type === EVENT_ID.SCALAR)
      nodes.set(i, event.type, event.style, event.valueStart, event.valueEnd)
    if (top?.mapping && top.key === undefined) {
      if (event.type !== EVENT_ID.SCALAR) return undefined
      const key = keyOf(event, source)
      if (key === undefined || Object.hasOwn(top.entries, key)) return undefined
      nodes.setKey(i, key)
      top.key = key
      continue
    }
    if (event.type === EVENT_ID.SCALAR) {
      const text = getScalarValue(source, event)
      const node = event.style === SCALAR_STYLE.PLAIN ? plainValue(text) : text
      place(node, event.anchorStart, event.anchorEnd)
    } else {
      nodes.set(i, event.type, event.style, event.start, event.anchorEnd)
      open.push(
        event.type === EVENT_ID.MAPPING
          ? { at: i, mapping: true, entries: {}, key: undefined }
          : { at: i, mapping: false, items: [] },
      )
    }
  }
  return documents === 1 && open.length === 0 ? { nodes, value } : undefined
}

/**
 * A key as text, as both parsers make it of a scalar: `yaml`'s resolution of a plain one
 * (`True` is "true", `0x1F` "31"); undefined for one that `yaml` reads as null.
 */
function keyOf(event: ScalarEvent, source: string): string | undefined {
  const text = getScalarValue(source, event)
  if (event.style !== SCALAR_STYLE.PLAIN) return text
  const value = plainValue(text)
  return value === null ? undefined : String(value)
}
