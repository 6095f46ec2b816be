/**
 * Pact matching rules and generators from a contract's templates, keyed as the Pact core
 * keys them: by JSONPath for bodies, by name for headers and query parameters.
 */
import type { Matcher, Template } from '../contract'
import { exampleOfTemplate } from '../contract'
import type { JsonValue } from '../spec'

export type Json = { [key: string]: JsonValue }
export type Rules = Record<string, JsonValue>
export type Generators = Record<string, JsonValue>

export const rule = (matchers: Json[]): Json => ({ combine: 'AND', matchers })

export function matcherRules(m: Matcher): Json[] {
  switch (m.kind) {
    case 'literal':
      return []
    case 'type':
      return [{ match: 'type' }]
    case 'regex':
      return [{ match: 'regex', regex: m.pattern }]
    case 'injected':
      return m.pattern ? [{ match: 'regex', regex: m.pattern }] : [{ match: 'type' }]
  }
}

export function generatorOf(m: Matcher): Json | undefined {
  return m.kind === 'injected' ? { expression: m.expression, type: 'ProviderState' } : undefined
}

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/
const child = (path: string, key: string) =>
  SAFE_KEY.test(key) ? `${path}.${key}` : `${path}['${key.replace(/'/g, "\\'")}']`

/** Walks a body template collecting rules and generators keyed by JSONPath. */
export function walkBody(t: Template, path: string, rules: Rules, generators: Generators) {
  switch (t.kind) {
    case 'object':
      for (const [k, v] of t.fields) walkBody(v, child(path, k), rules, generators)
      return
    case 'array':
      for (const [i, v] of t.items.entries()) walkBody(v, `${path}[${i}]`, rules, generators)
      return
    case 'eachLike':
      rules[path] = rule([
        t.max === undefined
          ? { match: 'type', min: t.min }
          : { match: 'type', min: t.min, max: t.max },
      ])
      walkBody(t.item, `${path}[*]`, rules, generators)
      return
    default: {
      const matchers = matcherRules(t)
      if (matchers.length > 0) rules[path] = rule(matchers)
      const g = generatorOf(t)
      if (g) generators[path] = g
    }
  }
}

export function named(entries: Array<[string, Matcher]>, multi: boolean) {
  const lists = new Map<string, string[]>()
  const rules: Rules = {}
  const generators: Generators = {}
  for (const [name, m] of entries) {
    const example = String(exampleOfTemplate(m))
    lists.set(name, multi ? [...(lists.get(name) ?? []), example] : [example])
    const matchers = matcherRules(m)
    if (matchers.length > 0) rules[name] = rule(matchers)
    const g = generatorOf(m)
    if (g) generators[name] = g
  }
  const values: Json = Object.fromEntries(lists)
  return { values, rules, generators }
}
