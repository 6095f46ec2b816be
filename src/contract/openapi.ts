/**
 * Response templates from a provider's OpenAPI 3 (or Swagger 2) description: required
 * properties only (a consumer-driven contract asks for what the consumer needs), enums as
 * regexes, single-value enums as literals, arrays as "each like".
 */

import { memoize, memoize2 } from '../shared/memo'
import { pathSegments } from '../shared/paths'
import type { JsonValue } from '../spec'
import type { Template } from './types'
import { escapeRegex } from './values'

export type OpenApiDoc = { [key: string]: JsonValue }
export type Schema = { [key: string]: JsonValue }

export const isObject = (v: unknown): v is { [key: string]: JsonValue } =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

export function resolve(
  doc: OpenApiDoc,
  value: JsonValue | undefined,
  seen = new Set<string>(),
): Schema | undefined {
  if (!isObject(value)) return undefined
  const ref = value.$ref
  if (typeof ref !== 'string') return value
  if (seen.has(ref) || !ref.startsWith('#/')) return undefined
  seen.add(ref)
  let target: JsonValue | undefined = doc
  for (const part of ref.slice(2).split('/'))
    target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  return resolve(doc, target, seen)
}

const isParameter = (segment: string) => /^\{[^}]+\}$/.test(segment)
const isVariable = (segment: string) => /^\{\{.*\}\}$/.test(segment)

/**
 * How well a spec path (`/sessions/{{session_uid}}`) fits an OpenAPI path template
 * (`/sessions/{uid}`): undefined when it does not, else the number of literal segments that
 * agree. A `{{variable}}` fills only a `{parameter}`, never a literal segment: otherwise
 * `/sessions/{{session_uid}}` would be taken for `/sessions/typing`.
 */
export const pathFit: (template: string, path: string) => number | undefined = memoize2(
  // Every step is fitted to every rule of the catalog and every path of its description,
  // and a spec set repeats a few paths: the pairs are few.
  (template: string, path: string) => segmentFit(templateSegments(template), pathSegments(path)),
)

/**
 * Segments of a path template, remembered by template. Every step is matched against every
 * path of its provider's OpenAPI description and every rule of the state catalog: the
 * templates are few, the lookups many. Frozen, because they are shared.
 */
const templateSegments = memoize((template: string): readonly string[] =>
  Object.freeze(pathSegments(template)),
)

function segmentFit(a: readonly string[], b: readonly string[]): number | undefined {
  if (a.length !== b.length) return undefined
  let literal = 0
  for (const [i, segment] of a.entries()) {
    const actual = b[i] ?? ''
    if (isParameter(segment)) continue
    if (isVariable(actual) || segment !== actual) return undefined
    if (segment !== '') literal++
  }
  return literal
}

/** The path template `path` fits best: the most literal segments in common wins. */
export function matchPathTemplate(templates: readonly string[], path: string): string | undefined {
  let best: { template: string; fit: number } | undefined
  const actual = pathSegments(path)
  for (const template of templates) {
    const literal = segmentFit(templateSegments(template), actual)
    if (literal !== undefined && (!best || literal > best.fit)) best = { template, fit: literal }
  }
  return best?.template
}

/** The operation of `method path` (path relative to the description's base), if described. */
export function operationOf(doc: OpenApiDoc, method: string, path: string): Schema | undefined {
  const paths = doc.paths
  if (!isObject(paths)) return undefined
  const template = matchPathTemplate(Object.keys(paths), path)
  const item = template === undefined ? undefined : paths[template]
  const operation = isObject(item) ? item[method.toLowerCase()] : undefined
  return isObject(operation) ? operation : undefined
}

function responseOf(doc: OpenApiDoc, method: string, path: string, status: number) {
  const operation = operationOf(doc, method, path)
  if (!operation || !isObject(operation.responses)) return undefined
  const responses = operation.responses
  return resolve(
    doc,
    responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default,
  )
}

/** The response schema of `method path` (path relative to the description's base) for `status`. */
export function responseSchema(
  doc: OpenApiDoc,
  method: string,
  path: string,
  status: number,
): Schema | undefined {
  return perDoc(schemas, doc, `${method} ${path} ${status}`, () =>
    findResponseSchema(doc, method, path, status),
  )
}

/**
 * Answers about one description, by a key of the question: every spec asks about the same
 * few operations, and a description does not change once loaded.
 */
function perDoc<T>(memo: Answers<T>, doc: object, key: string, find: () => T): T {
  let answers = memo.get(doc)
  if (!answers) {
    answers = new Map()
    memo.set(doc, answers)
  }
  const known = answers.get(key)
  if (known) return known.answer
  const answer = find()
  answers.set(key, { answer })
  return answer
}

// Boxed, so that a remembered `undefined` is told apart from a question not asked.
type Answers<T> = WeakMap<object, Map<string, { answer: T }>>

const schemas: Answers<Schema | undefined> = new WeakMap()
const templates = new WeakMap<object, Template | undefined>()
const operations: Answers<OperationFit | undefined> = new WeakMap()

function findResponseSchema(
  doc: OpenApiDoc,
  method: string,
  path: string,
  status: number,
): Schema | undefined {
  const response = responseOf(doc, method, path, status)
  if (!response) return undefined
  const content = response.content
  if (isObject(content)) {
    const media = content['application/json'] ?? Object.values(content)[0]
    return isObject(media) ? resolve(doc, media.schema) : undefined
  }
  return resolve(doc, response.schema) // Swagger 2
}

/**
 * The example body of a response that has no schema: OpenAPI 3's `example` or first
 * `examples` value of its media type, or Swagger 2's `examples` by media type.
 */
export function responseExample(
  doc: OpenApiDoc,
  method: string,
  path: string,
  status: number,
): JsonValue | undefined {
  const response = responseOf(doc, method, path, status)
  if (!response) return undefined
  const content = response.content
  if (isObject(content)) {
    const media = content['application/json'] ?? Object.values(content)[0]
    if (!isObject(media)) return undefined
    if (media.example !== undefined) return media.example
    const first = isObject(media.examples) ? Object.values(media.examples)[0] : undefined
    const example = resolve(doc, first)
    return example?.value
  }
  const examples = response.examples
  if (!isObject(examples)) return undefined
  return examples['application/json'] ?? Object.values(examples)[0]
}

/** A description of (part of) a provider's API, where its paths start. */
export interface ApiDescription {
  /** The file it was read from, for messages. */
  file: string
  doc: OpenApiDoc
  /** The path its `paths` are relative to: Swagger 2's basePath, OpenAPI 3's server path. */
  base: string
}

/** Where a description's paths start: `basePath`, else the path of the first server URL. */
export function baseOf(doc: OpenApiDoc): string {
  const strip = (p: string) => p.replace(/\/+$/, '')
  if (typeof doc.basePath === 'string') return strip(doc.basePath)
  const [server] = Array.isArray(doc.servers) ? doc.servers : []
  const url = isObject(server) && typeof server.url === 'string' ? server.url : ''
  const path =
    /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(url)?.[1] ?? (url.startsWith('/') ? url : '')
  return strip(path)
}

export interface OperationMatch {
  description: ApiDescription
  /** The request path relative to the description's base. */
  relative: string
  operation: Schema
}

/**
 * The description and operation that serve `method path` (a full request path): among
 * descriptions whose base the path starts with, the one whose path template fits best.
 */
export function locateOperation(
  descriptions: readonly ApiDescription[],
  method: string,
  path: string,
): OperationMatch | undefined {
  let best: OperationFit | undefined
  for (const description of descriptions) {
    const fit = perDoc(operations, description, `${method} ${path}`, () =>
      operationIn(description, method, path),
    )
    if (fit && (!best || fit.fit > best.fit)) best = fit
  }
  if (!best) return undefined
  const { fit: _, ...match } = best
  return match
}

type OperationFit = OperationMatch & { fit: number }

function operationIn(
  description: ApiDescription,
  method: string,
  path: string,
): OperationFit | undefined {
  const { base } = description
  if (base && path !== base && !path.startsWith(`${base}/`)) return undefined
  const relative = path.slice(base.length) || '/'
  const paths = description.doc.paths
  if (!isObject(paths)) return undefined
  const template = matchPathTemplate(Object.keys(paths), relative)
  if (template === undefined) return undefined
  const item = paths[template]
  const operation = isObject(item) ? item[method.toLowerCase()] : undefined
  if (!isObject(operation)) return undefined
  // Segments of the base are literal segments that agree too.
  const fit = (pathFit(template, relative) ?? 0) + base.split('/').filter(Boolean).length
  return { description, relative, operation, fit }
}

const DEFAULT_EXAMPLE: Record<string, JsonValue> = {
  string: 'string',
  integer: 1,
  number: 1.5,
  boolean: true,
}

export function schemaTemplate(
  doc: OpenApiDoc,
  schema: Schema | undefined,
  depth = 0,
): Template | undefined {
  if (!schema || depth > 12) return undefined
  // A template is never changed once made (additions copy), so one per schema serves all.
  if (depth === 0) {
    if (templates.has(schema)) return templates.get(schema)
    const made = templateOf(doc, schema, 0)
    templates.set(schema, made)
    return made
  }
  return templateOf(doc, schema, depth)
}

function templateOf(doc: OpenApiDoc, schema: Schema, depth: number): Template | undefined {
  const all = schema.allOf
  if (Array.isArray(all)) {
    const merged: Schema = { type: 'object', properties: {}, required: [] }
    for (const part of all) {
      const s = resolve(doc, part)
      if (!s) continue
      Object.assign(merged.properties as object, isObject(s.properties) ? s.properties : {})
      ;(merged.required as JsonValue[]).push(...(Array.isArray(s.required) ? s.required : []))
    }
    return schemaTemplate(doc, merged, depth)
  }
  const enumValues = schema.enum
  if (Array.isArray(enumValues) && enumValues.length > 0) {
    if (enumValues.length === 1) return { kind: 'literal', value: enumValues[0] as JsonValue }
    if (enumValues.every((v) => typeof v === 'string')) {
      const alternatives = (enumValues as string[]).map(escapeRegex)
      return {
        kind: 'regex',
        pattern: `^(${alternatives.join('|')})$`,
        example: enumValues[0] as string,
      }
    }
  }
  const type = schema.type ?? (isObject(schema.properties) ? 'object' : undefined)
  if (type === 'object') {
    const properties = isObject(schema.properties) ? schema.properties : {}
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
    const fields: Array<[string, Template]> = []
    for (const [name, value] of Object.entries(properties)) {
      if (!required.has(name)) continue
      const t = schemaTemplate(doc, resolve(doc, value), depth + 1)
      if (t) fields.push([name, t])
    }
    return { kind: 'object', fields }
  }
  if (type === 'array') {
    const item = schemaTemplate(doc, resolve(doc, schema.items), depth + 1)
    return item ? { kind: 'eachLike', item, min: 1 } : { kind: 'type', example: [] }
  }
  if (typeof type === 'string' && type in DEFAULT_EXAMPLE) {
    return { kind: 'type', example: schema.example ?? (DEFAULT_EXAMPLE[type] as JsonValue) }
  }
  return undefined
}

/** Whether the schema of a response has a property path (for extract checks). */
export function schemaHasPath(
  doc: OpenApiDoc,
  schema: Schema | undefined,
  keys: ReadonlyArray<string | number>,
): boolean {
  let node = schema
  for (const key of keys) {
    if (!node) return false
    if (typeof key === 'number') node = resolve(doc, node.items)
    else node = isObject(node.properties) ? resolve(doc, node.properties[key]) : undefined
  }
  return node !== undefined
}
