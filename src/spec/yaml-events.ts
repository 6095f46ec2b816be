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
import { type Compact, type PosNode, positionsOf } from './yaml-positions'

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

// Plain keys that `yaml` reads as null and turns into "" (js-yaml: "null").
const NULL_KEY = /^(?:~|null|Null|NULL|)$/
// The first characters of `yaml`'s core booleans, numbers, .inf and .nan.
const MAY_RESOLVE = /^[-+.0-9tTfF]/
// Those and the first characters of its nulls ("" is the empty scalar): no core tag
// resolves a plain scalar that starts with any other.
const MAY_RESOLVE_FIRST = ['', '~', 'n', 'N', ...'-+.0123456789tTfF']

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
      // A plain scalar starting otherwise is text: js-yaml then tries no tag at all.
      implicitFirstChars: MAY_RESOLVE_FIRST,
      resolve: (text) => resolvedBy(variants, text),
      identify: () => false,
    })
  }),
)

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
