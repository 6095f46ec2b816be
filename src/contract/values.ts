/**
 * Template strings (`"Test Channel {{now_timestamp}}"`) become matchers:
 * - configured and extracted variables → provider-state injected values (`${name}`);
 * - built-in generators → a regex whose example matches it (Pact regexes are full matches);
 * - plain text → a literal.
 */
import { createHash } from 'node:crypto'
import { memoize } from '../shared/memo'
import {
  applyFilters,
  type Filter,
  type JsonValue,
  RUNNER_BUILTINS,
  type RunnerBuiltin,
  templatePieces,
} from '../spec'
import type { Matcher, Template } from './types'

export interface ValueContext {
  /** Configured variables and their example values. */
  configured: Readonly<Record<string, string>>
  /** Variables provided by states (extracted by prerequisites) and their example values. */
  injected: ReadonlyMap<string, string>
}

/**
 * A realistic, deterministic example id for an injected variable. Remembered by name: the
 * same few names are asked for in every spec, and a hash each time was a fifth of inferring
 * the states.
 */
export const exampleId = memoize((name: string): string => {
  const digest = createHash('sha256').update(name).digest()
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let id = ''
  for (let i = 0; i < 16; i++) id += alphabet[(digest[i] ?? 0) % alphabet.length]
  return id
})

/**
 * The name of the value every verification provides as the two characters `${`. Pact's
 * provider-state expressions have no escape: `${` always opens a lookup up to the next `}`.
 * Literal text of a spec that contains `${` is therefore written as a lookup of this value
 * (`${specpact_dollar_brace}`), which specpact's state runtime always provides.
 */
export const DOLLAR_BRACE = 'specpact_dollar_brace'

/** Literal text for a provider-state expression or a state param: `${` looked up, not opened. */
export const escapeExpression = (text: string) => text.replaceAll('${', `\${${DOLLAR_BRACE}}`)

/** Escapes text for use inside a regex (JS and the Pact core's Rust regex agree on these). */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'injected'; name: string; example: string }
  | { kind: 'builtin'; name: string; pattern: string; example: string }

/** Length of `value.slice(...)` for a value of `length` characters. */
function slicedLength(length: number, filters: readonly Filter[]): number {
  let n = length
  for (const f of filters) {
    const at = (i: number) => (i < 0 ? Math.max(n + i, 0) : Math.min(i, n))
    n = Math.max(at(f.end ?? n) - at(f.start), 0)
  }
  return n
}

/** The regex of a built-in's values after `filters`: its characters, the lengths left. */
function filteredPattern(builtin: RunnerBuiltin, filters: readonly Filter[]): string {
  if (filters.length === 0) return builtin.pattern
  const shortest = slicedLength(builtin.minLength, filters)
  const long = slicedLength(100_000, filters)
  const lengths =
    long > 1000
      ? `{${shortest},}`
      : shortest === long
        ? `{${shortest}}`
        : `{${Math.min(shortest, long)},${Math.max(shortest, long)}}`
  return `${builtin.chars}${lengths}`
}

function partsOf(text: string, ctx: ValueContext): Part[] {
  return templatePieces(text).map((piece): Part => {
    if (piece.kind === 'text') return piece
    const parsed = piece.parsed
    // Lint reports what cannot be read or resolved; translation keeps such text as it is.
    if (!parsed.ok) return { kind: 'text', text: piece.raw }
    const { name, namespace, filters } = parsed
    const injected =
      namespace === 'config'
        ? ctx.configured[name]
        : (ctx.injected.get(name) ?? ctx.configured[name])
    const builtin = namespace === 'plain' ? RUNNER_BUILTINS[name] : undefined
    if (injected !== undefined && filters.length === 0)
      return { kind: 'injected', name, example: injected }
    if (injected === undefined && builtin)
      return {
        kind: 'builtin',
        name,
        pattern: filteredPattern(builtin, filters),
        example: applyFilters(builtin.example, filters),
      }
    return { kind: 'text', text: piece.raw }
  })
}

const exampleOf = (parts: Part[]) =>
  parts.map((p) => (p.kind === 'text' ? p.text : p.example)).join('')

export function stringMatcher(text: string, ctx: ValueContext): Matcher {
  const parts = partsOf(text, ctx)
  const hasInjected = parts.some((p) => p.kind === 'injected')
  const hasBuiltin = parts.some((p) => p.kind === 'builtin')
  if (!hasInjected && !hasBuiltin) return { kind: 'literal', value: text }
  const example = exampleOf(parts)
  if (!hasInjected) {
    const pattern = parts
      .map((p) =>
        p.kind === 'builtin'
          ? `(?:${p.pattern})`
          : escapeRegex(p.kind === 'text' ? p.text : p.example),
      )
      .join('')
    return { kind: 'regex', pattern: `^${pattern}$`, example }
  }
  // Built-ins inside an injected expression are fixed to their example: the provider
  // evaluates the expression and cannot generate them.
  const expression = parts
    .map((p) =>
      p.kind === 'injected'
        ? `\${${p.name}}`
        : escapeExpression(p.kind === 'text' ? p.text : p.example),
    )
    .join('')
  return { kind: 'injected', expression, example }
}

/**
 * A request path: as `stringMatcher`, and an injected path also constrained by a regex of
 * its template (each injected value one segment), so a mock server primed with
 * `/coupons/${uid}/expire` refuses `/anything/else`.
 */
export function pathMatcher(path: string, ctx: ValueContext): Matcher {
  const matcher = stringMatcher(path, ctx)
  if (matcher.kind !== 'injected') return matcher
  const pattern = partsOf(path, ctx)
    .map((p) =>
      p.kind === 'injected'
        ? '[^/]+'
        : p.kind === 'builtin'
          ? `(?:${p.pattern})`
          : escapeRegex(p.text),
    )
    .join('')
  return { ...matcher, pattern: `^${pattern}$` }
}

/** A request body or query value: structure literal, strings through `stringMatcher`. */
export function valueTemplate(value: JsonValue, ctx: ValueContext): Template {
  if (typeof value === 'string') return stringMatcher(value, ctx)
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => valueTemplate(v, ctx)) }
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'object',
      fields: Object.entries(value).map(([k, v]) => [k, valueTemplate(v, ctx)]),
    }
  }
  return { kind: 'literal', value }
}

/**
 * A state parameter: configured variables and built-ins become their example values,
 * extracted ones stay `${name}` references for the provider to resolve.
 */
export function paramValue(value: JsonValue, ctx: ValueContext): JsonValue {
  if (typeof value === 'string') {
    return partsOf(value, ctx)
      .map((p) =>
        p.kind === 'text'
          ? escapeExpression(p.text)
          : p.kind === 'injected' && ctx.injected.has(p.name)
            ? `\${${p.name}}`
            : escapeExpression(p.example),
      )
      .join('')
  }
  if (Array.isArray(value)) return value.map((v) => paramValue(v, ctx))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, paramValue(v, ctx)]))
  }
  return value
}

/** The example a consumer test sees for a template. */
export function exampleOfTemplate(template: Template): JsonValue {
  switch (template.kind) {
    case 'literal':
      return template.value
    case 'type':
      return template.example
    case 'regex':
    case 'injected':
      return template.example
    case 'object':
      return Object.fromEntries(template.fields.map(([k, v]) => [k, exampleOfTemplate(v)]))
    case 'array':
      return template.items.map(exampleOfTemplate)
    case 'eachLike':
      return Array.from({ length: Math.max(template.min, 1) }, () =>
        exampleOfTemplate(template.item),
      )
  }
}
