import type { SourcePos } from './types'

/** Maps character offsets of a text to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
    }
  }

  at(offset: number): SourcePos {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 }
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)] ?? 0
  }
}

/** Shortens a value for display in a diagnostic. */
export function preview(value: unknown, max = 60): string {
  let text: string
  if (value === undefined) return 'nothing'
  // JSON.stringify would show NaN and Infinity (YAML .nan, .inf, 1e400) as null.
  if (typeof value === 'number') return String(value)
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `a.b[0].c` from a path of keys and indexes. */
export function dotPath(parts: ReadonlyArray<string | number | symbol>): string {
  let out = ''
  for (const part of parts) out = dotPathChild(out, part)
  return out
}

/** The dot path one key or index below `path`: `dotPath([...parts, part])`. */
export function dotPathChild(path: string, part: string | number | symbol): string {
  if (typeof part === 'number') return `${path}[${part}]`
  const key = String(part)
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`
  return path ? `${path}.${key}` : key
}

/** The line of `text` holding `offset`, trimmed and shortened: what a user sees there. */
export function quoteLine(text: string, offset: number, max = 60): string {
  const start = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0
  const end = text.indexOf('\n', offset)
  const line = text.slice(start, end < 0 ? text.length : end).trim()
  if (line === '') return 'an empty line'
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
