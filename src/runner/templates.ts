/**
 * `{{name}}` templates in step values. Only values are templated, never object keys.
 *
 * A name is looked up in values extracted by earlier steps, then configured variables,
 * then built-ins. A string that is exactly one `{{name}}` takes the value as it is, so an
 * extracted number stays a number; inside a longer string a non-string value is written
 * as JSON (`42`, `true`, `{"a":1}`). Names that resolve nowhere are collected — all of
 * them, in one pass — instead of becoming an empty string.
 */
import type { MissingVariable } from './errors'

/** Any `{{…}}`; whitespace inside the braces is tolerated. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g
const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/

export type VariableSource = 'extracted' | 'variable' | 'builtin'

export type Lookup = { found: true; value: unknown; source: VariableSource } | { found: false }

export interface Scope {
  lookup(name: string): Lookup
}

export interface ScopeSources {
  extracted: Readonly<Record<string, unknown>>
  variables: Readonly<Record<string, string>>
  builtin: (name: string) => string | undefined
}

export function createScope(sources: ScopeSources): Scope {
  return {
    lookup(name) {
      if (Object.hasOwn(sources.extracted, name)) {
        return { found: true, value: sources.extracted[name], source: 'extracted' }
      }
      if (Object.hasOwn(sources.variables, name)) {
        return { found: true, value: sources.variables[name], source: 'variable' }
      }
      const builtin = sources.builtin(name)
      return builtin === undefined
        ? { found: false }
        : { found: true, value: builtin, source: 'builtin' }
    },
  }
}

export type Resolution<T> = { ok: true; value: T } | { ok: false; missing: MissingVariable[] }

/** Collects missing variables across several resolutions of one step. */
export class Resolver {
  readonly missing: MissingVariable[] = []

  constructor(private readonly scope: Scope) {}

  /** `encode` applies to inserted values only (e.g. `encodeURIComponent` in a path). */
  string(text: string, where: string, encode?: (value: string) => string): unknown {
    const whole = WHOLE.exec(text)?.[1]
    if (whole !== undefined && !encode) {
      const found = this.find(whole, where)
      return found.found ? found.value : text
    }
    return text.replace(PLACEHOLDER, (placeholder, name: string) => {
      const found = this.find(name, where)
      if (!found.found) return placeholder
      const inserted = asText(found.value)
      return encode ? encode(inserted) : inserted
    })
  }

  /** Deep: strings anywhere in arrays and object values; keys stay as written. */
  value(value: unknown, where: string): unknown {
    if (typeof value === 'string') return this.string(value, where)
    if (Array.isArray(value)) return value.map((item, i) => this.value(item, `${where}[${i}]`))
    if (value !== null && typeof value === 'object') return this.record(value, where)
    return value
  }

  /** A record's values, each at `where.key`. */
  record(value: object, where: string): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, this.value(item, `${where}.${key}`)]),
    )
  }

  private find(name: string, where: string): Lookup {
    const found = this.scope.lookup(name)
    if (!found.found) this.missing.push({ name, where })
    return found
  }
}

/** Resolves one value on its own. */
export function resolveValue(value: unknown, scope: Scope, where: string): Resolution<unknown> {
  const resolver = new Resolver(scope)
  const resolved = resolver.value(value, where)
  return resolver.missing.length
    ? { ok: false, missing: resolver.missing }
    : { ok: true, value: resolved }
}

/** How a value reads inside a longer string. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return ''
  return JSON.stringify(value)
}
