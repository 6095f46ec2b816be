/**
 * Positions of a YAML block's nodes, from the events js-yaml's parser gave, as `yaml` places
 * them: where a lookup by path (`['steps', 0, 'body']`) lands, for a diagnostic or a report.
 */
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE } from 'js-yaml'

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

/**
 * What positions need of the events, kept for as long as the spec: four numbers per node in
 * one typed array rather than js-yaml's event objects, which are five times the size (one
 * array, not one per field: allocating them cost more than filling them).
 */
export class Compact {
  /** Per event: type * 8 + style, start, end, close. */
  private readonly cells: Int32Array
  /** The text of every mapping key, by event index. */
  private readonly keys: Array<string | undefined>

  constructor(readonly count: number) {
    this.cells = new Int32Array(count * 4)
    this.keys = new Array(count)
  }

  /** Records event `i`; `close` is set when its collection closes. */
  set(i: number, type: number, style: number, start: number, end: number): void {
    const at = i * 4
    this.cells[at] = type * 8 + style
    this.cells[at + 1] = start
    this.cells[at + 2] = end
    this.cells[at + 3] = -1
  }

  setClose(i: number, close: number): void {
    this.cells[i * 4 + 3] = close
  }

  setKey(i: number, key: string): void {
    this.keys[i] = key
  }

  type(i: number): number {
    return (this.cells[i * 4] ?? 0) >> 3
  }

  /** A scalar's or a collection's style. */
  style(i: number): number {
    return (this.cells[i * 4] ?? 0) & 7
  }

  /** Scalar: where its text starts; alias: its anchor name; collection: where it starts. */
  start(i: number): number {
    return this.cells[i * 4 + 1] ?? -1
  }

  /** Scalar: where its text ends; collection: where its anchor ends (-1: none). */
  end(i: number): number {
    return this.cells[i * 4 + 2] ?? -1
  }

  /** Collection: the index of the event that closes it; -1 otherwise. */
  close(i: number): number {
    return this.cells[i * 4 + 3] ?? -1
  }

  /** The text of the mapping key at `i`. */
  key(i: number): string | undefined {
    return this.keys[i]
  }
}

/**
 * Where a scalar starts as `yaml` places it: on its opening quote, or on the `|` or `>` of
 * a block scalar. An empty value has no place of its own.
 */
function scalarStart(nodes: Compact, at: number, source: string): number | undefined {
  const valueStart = nodes.start(at)
  if (valueStart < 0) return undefined
  switch (nodes.style(at)) {
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
  const anchorEnd = nodes.end(index)
  if (anchorEnd < 0) return Math.max(nodes.start(index), 0)
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
export function positionsOf(nodes: Compact, source: string): PosNode {
  const count = nodes.count
  let first = 0
  while (first < count && nodes.type(first) !== EVENT_ID.DOCUMENT) first++
  if (first + 1 >= count || nodes.type(first + 1) === EVENT_ID.POP) return { start: undefined }
  /** The index of the event after the node that starts at `at`. */
  const after = (at: number) => {
    const close = nodes.close(at)
    return (close >= 0 ? close : at) + 1
  }
  /** The indices of the nodes directly inside the collection that starts at `at`. */
  const children = (at: number): number[] => {
    const found: number[] = []
    let next = at + 1
    while (next < count && nodes.type(next) !== EVENT_ID.POP) {
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
    switch (nodes.type(at)) {
      case EVENT_ID.SCALAR:
        return { start: scalarStart(nodes, at, source) }
      case EVENT_ID.ALIAS:
        // `*name`: the anchor's range is the name, after the asterisk.
        return { start: nodes.start(at) - 1 }
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
      const text = nodes.key(keyAt)
      if (text !== undefined && !pairs.has(text)) pairs.set(text, { keyAt, valueAt })
    }
    const firstKey = inside[0] === undefined ? undefined : node(inside[0]).start
    // `yaml` starts a block mapping where its first key starts, after the key's anchor.
    const block = nodes.style(at) === COLLECTION_STYLE.BLOCK && nodes.end(at) < 0
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
