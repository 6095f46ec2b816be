/** Whether an operation's documented success response declares a JSONPath. */
import { type OpenApiDoc, resolveSchemaRef, responseSchema, segmentsOf } from '../contract'
import type { JsonValue } from '../shared'
import type { Step } from '../spec'
import type { DocumentedOperation } from './operations'

type Schema = { [key: string]: JsonValue }

/**
 * True when the schema of one of the step's expected success statuses (else of the
 * operation's documented 2xx responses) has the path; false when schemas exist and none has
 * it; undefined when no success response has a schema to tell, or the path is not a plain one.
 */
export function documentsPath(
  operation: DocumentedOperation,
  step: Step,
  path: string,
): boolean | undefined {
  const segments = segmentsOf(path)
  if (!segments) return undefined
  const keys = segments.map((s) => (s.kind === 'key' ? s.name : s.index))
  const expected = (Array.isArray(step.expect.status) ? step.expect.status : [step.expect.status])
    .filter((s) => s < 300)
    .map(String)
  const documented = operation.statuses.filter((s) => /^2\d\d$/.test(s))
  // The expected statuses first; when none of them documents a body (the spec expects a
  // status the OpenAPI does not list), the documented success responses.
  let sawSchema = false
  for (const statuses of [expected, documented]) {
    for (const status of statuses) {
      const { doc } = operation.source
      const schema = responseSchema(doc, operation.method, operation.relativePath, Number(status))
      if (!schema) continue
      sawSchema = true
      const found = hasSchemaPath(doc, schema, keys, 0)
      if (found !== false) return found
    }
    if (sawSchema) return false
  }
  return undefined
}

/**
 * Follows keys through `$ref`, `allOf`/`oneOf`/`anyOf` (any branch will do), `items` and
 * `properties`. Undefined where the schema cannot tell: an object open to any property
 * (`additionalProperties` or no `properties` at all).
 */
function hasSchemaPath(
  doc: OpenApiDoc,
  value: JsonValue | undefined,
  keys: ReadonlyArray<string | number>,
  depth: number,
): boolean | undefined {
  const schema: Schema | undefined = resolveSchemaRef(doc, value)
  if (!schema || depth > 24) return undefined
  if (keys.length === 0) return true
  const branches = ['allOf', 'oneOf', 'anyOf'].flatMap((k) => {
    const list = schema[k]
    return Array.isArray(list) ? list : []
  })
  const results = branches.map((b) => hasSchemaPath(doc, b, keys, depth + 1))
  if (results.includes(true)) return true
  const openBranch = results.includes(undefined)
  if (branches.length > 0 && !isObjectWithProperties(schema)) return openBranch ? undefined : false
  const [key, ...rest] = keys
  if (typeof key === 'number') {
    if (schema.items === undefined) return schema.type === 'array' ? undefined : false
    return hasSchemaPath(doc, schema.items, rest, depth + 1)
  }
  const properties = schema.properties
  if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
    if (key !== undefined && key in properties)
      return hasSchemaPath(doc, properties[key], rest, depth + 1)
    const closed =
      schema.additionalProperties === undefined || schema.additionalProperties === false
    return closed && !openBranch ? false : undefined
  }
  // No properties declared: an object of any shape, or a scalar the path cannot go into.
  const type = schema.type
  return type === undefined || type === 'object' ? undefined : false
}

const isObjectWithProperties = (s: Schema) =>
  s.properties !== null && typeof s.properties === 'object' && !Array.isArray(s.properties)
