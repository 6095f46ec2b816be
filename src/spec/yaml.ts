/**
 * YAML parsing that remembers where every value came from, so diagnostics can point at a
 * line and column of the spec file rather than of the YAML block.
 */
import { type Document, isMap, isScalar, isSeq, type Node, type Pair, parseDocument } from 'yaml'
import { quoteLine } from './source'

export interface YamlError {
  /** Absolute offset in the spec file. */
  offset: number
  message: string
  /** The line it is on, as the user sees it. */
  line: string
}

export interface YamlBlock {
  value: unknown
  errors: YamlError[]
  /** Absolute offset of a value (or of its key, with `at: 'key'`) in the spec file. */
  offsetOf(path: ReadonlyArray<string | number>, at?: 'key' | 'value'): number
}

// logLevel 'error': the parser would print its warnings to stderr; the reader reports.
const PARSE_OPTIONS = {
  uniqueKeys: true,
  prettyErrors: false,
  keepSourceTokens: false,
  logLevel: 'error',
} as const

/** Parses `source`, which starts at `baseOffset` of the spec file. Never throws. */
export function parseYamlBlock(source: string, baseOffset: number): YamlBlock {
  let doc: Document.Parsed
  try {
    doc = parseDocument(source, PARSE_OPTIONS)
  } catch (error) {
    return failed(baseOffset, `YAML parser failed: ${(error as Error).message}`)
  }
  const errors: YamlError[] = doc.errors.map((e) => {
    const at = opening(source, e.pos?.[0] ?? 0, e.message)
    return { offset: baseOffset + at, message: firstLine(e.message), line: quoteLine(source, at) }
  })
  let value: unknown
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 })
    } catch (error) {
      const message = firstLine((error as Error).message)
      errors.push({ offset: baseOffset, message, line: quoteLine(source, 0) })
    }
  }
  return {
    value,
    errors,
    offsetOf: (path, at = 'value') => baseOffset + locate(doc.contents, path, at),
  }
}

function failed(baseOffset: number, message: string): YamlBlock {
  return {
    value: undefined,
    errors: [{ offset: baseOffset, message, line: '' }],
    offsetOf: () => baseOffset,
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

function start(node: Node | Pair | null | undefined): number | undefined {
  if (!node) return undefined
  if ('range' in node && node.range) return node.range[0]
  return undefined
}

function locate(
  root: Node | null,
  path: ReadonlyArray<string | number>,
  at: 'key' | 'value',
): number {
  let node: unknown = root
  let best = start(root as Node) ?? 0
  for (let i = 0; i < path.length; i++) {
    const part = path[i]
    const last = i === path.length - 1
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part))
      if (!pair) return best
      const keyStart = start(pair.key as Node)
      if (last && at === 'key' && keyStart !== undefined) return keyStart
      node = pair.value
      best = start(node as Node) ?? keyStart ?? best
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part]
      if (node === undefined) return best
      best = start(node as Node) ?? best
    } else {
      return best
    }
  }
  return best
}
