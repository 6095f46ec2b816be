/**
 * Values a spec skeleton takes from the OpenAPI schemas: the id a response carries, the
 * required query parameters and body fields with example values, and configured variables
 * where a field is named like one.
 */
import { type OpenApiDoc, resolveSchemaRef as resolveRef } from '../contract'
import { isJsonObject, type JsonValue } from '../shared'
import type { ScaffoldContext } from './scaffold'

type Schema = { [key: string]: JsonValue }

/** A variable for a parameter no prerequisite can provide: a configured one of that name. */
export function exampleVariable(param: string, ctx: ScaffoldContext): string {
  const snake = param.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()
  const candidates = [snake, snake.replace(/_uid$/, '_id'), snake.replace(/_id$/, '_uid')]
  return candidates.find((c) => ctx.variables.includes(c)) ?? ctx.variables[0] ?? snake
}

export function responseSchemaOf(doc: OpenApiDoc, raw: Schema, status: number): Schema | undefined {
  const responses = isJsonObject(raw.responses) ? raw.responses : {}
  const response = resolveRef(doc, responses[String(status)] ?? responses.default)
  if (!response) return undefined
  const content = response.content
  if (isJsonObject(content)) {
    const media = content['application/json'] ?? Object.values(content)[0]
    return isJsonObject(media) ? resolveRef(doc, media.schema) : undefined
  }
  return resolveRef(doc, response.schema)
}

/** The shortest JSONPath to a `key` property (`$.data.channel.uid`), arrays as `[0]`. */
export function idPath(
  doc: OpenApiDoc,
  schema: Schema | undefined,
  key: string,
  inArray: boolean,
): string | undefined {
  const queue: Array<{ schema: Schema; path: string; depth: number; array: boolean }> = []
  if (schema) queue.push({ schema, path: '$', depth: 0, array: false })
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { schema: node, path, depth, array } = next
    if (depth > 6) continue
    const parts = Array.isArray(node.allOf) ? node.allOf.map((p) => resolveRef(doc, p)) : [node]
    for (const part of parts) {
      if (!part) continue
      if (part.type === 'array' || part.items !== undefined) {
        const items = resolveRef(doc, part.items)
        if (items) queue.push({ schema: items, path: `${path}[0]`, depth: depth + 1, array: true })
        continue
      }
      const properties = isJsonObject(part.properties) ? part.properties : {}
      if (key in properties && (array || !inArray)) return `${path}.${key}`
      for (const [name, value] of Object.entries(properties)) {
        const child = resolveRef(doc, value)
        if (child) queue.push({ schema: child, path: `${path}.${name}`, depth: depth + 1, array })
      }
    }
  }
  return undefined
}

export function queryParams(
  doc: OpenApiDoc,
  raw: Schema,
  ctx: ScaffoldContext,
  provided: ReadonlySet<string>,
): Record<string, JsonValue> {
  const params: Record<string, JsonValue> = {}
  for (const p of Array.isArray(raw.parameters) ? raw.parameters : []) {
    const param = resolveRef(doc, p)
    if (param?.in !== 'query' || param.required !== true) continue
    const name = String(param.name)
    const schema = resolveRef(doc, param.schema) ?? param
    params[name] = String(exampleFor(doc, schema, name, ctx, provided, 0) ?? '')
  }
  return params
}

export function requestBody(
  doc: OpenApiDoc,
  raw: Schema,
  ctx: ScaffoldContext,
  provided: ReadonlySet<string>,
): JsonValue | undefined {
  const body = resolveRef(doc, raw.requestBody)
  let schema: Schema | undefined
  if (body && isJsonObject(body.content)) {
    const media = body.content['application/json']
    schema = isJsonObject(media) ? resolveRef(doc, media.schema) : undefined
  } else {
    // Swagger 2: a body parameter.
    const param = (Array.isArray(raw.parameters) ? raw.parameters : [])
      .map((p) => resolveRef(doc, p))
      .find((p) => p?.in === 'body')
    schema = param ? resolveRef(doc, param.schema) : undefined
  }
  return schema ? exampleFor(doc, schema, '', ctx, provided, 0) : undefined
}

/** An example value of a schema: required properties only, configured/provided names as variables. */
function exampleFor(
  doc: OpenApiDoc,
  schema: Schema,
  name: string,
  ctx: ScaffoldContext,
  provided: ReadonlySet<string>,
  depth: number,
): JsonValue | undefined {
  if (depth > 6) return undefined
  const variable = variableFor(name, ctx, provided)
  if (variable) return `{{${variable}}}`
  if (schema.example !== undefined) return schema.example
  const firstOfEnum = Array.isArray(schema.enum) ? schema.enum[0] : undefined
  if (firstOfEnum !== undefined) return firstOfEnum
  if (Array.isArray(schema.allOf)) {
    const properties: Schema = {}
    const required: JsonValue[] = []
    for (const part of schema.allOf.map((p) => resolveRef(doc, p))) {
      if (!part) continue
      Object.assign(properties, isJsonObject(part.properties) ? part.properties : {})
      if (Array.isArray(part.required)) for (const r of part.required) required.push(r)
    }
    const merged: Schema = { type: 'object', properties, required }
    return exampleFor(doc, merged, name, ctx, provided, depth)
  }
  const type = schema.type ?? (isJsonObject(schema.properties) ? 'object' : undefined)
  if (type === 'object') {
    const properties = isJsonObject(schema.properties) ? schema.properties : {}
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
    const out: Schema = {}
    for (const [key, value] of Object.entries(properties)) {
      if (!required.has(key)) continue
      const child = resolveRef(doc, value)
      const example = child ? exampleFor(doc, child, key, ctx, provided, depth + 1) : undefined
      if (example !== undefined) out[key] = example
    }
    return out
  }
  if (type === 'array') {
    const items = resolveRef(doc, schema.items)
    const item = items ? exampleFor(doc, items, name, ctx, provided, depth + 1) : undefined
    return item === undefined ? [] : [item]
  }
  if (type === 'integer' || type === 'number') return 1
  if (type === 'boolean') return true
  if (type === 'string') {
    if (schema.format === 'email') return '{{random_email}}'
    if (schema.format === 'date-time') return '{{future_datetime}}'
    return `Test ${name || 'value'} {{now_timestamp}}`
  }
  return undefined
}

/** `business_uid` → `{{business_id}}` when configured; `channel_uid` when a prerequisite provides it. */
function variableFor(
  name: string,
  ctx: ScaffoldContext,
  provided: ReadonlySet<string>,
): string | undefined {
  if (name === '') return undefined
  const candidates = [name, name.replace(/_uid$/, '_id'), name.replace(/_id$/, '_uid')]
  return (
    candidates.find((c) => provided.has(c)) ?? candidates.find((c) => ctx.variables.includes(c))
  )
}
