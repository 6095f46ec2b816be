/**
 * Spec skeletons for operations no interaction covers, from the provider's OpenAPI: the
 * front matter (written with gray-matter), a `## Test Request` with the required query
 * parameters and body fields, the documented response codes, and prerequisites proposed
 * from the path parameters: `/channels/{uid}` gets a step that creates a channel with
 * `POST /channels` (else lists them with `GET /channels`) and extracts its uid. Pure: the
 * CLI decides where the files go.
 */
import matter from 'gray-matter'
import { stringify } from 'yaml'
import { type OpenApiDoc, resolveSchemaRef as resolveRef } from '../contract'
import type { JsonValue } from '../shared'
import type { DocumentedOperation } from './operations'

export interface ScaffoldContext {
  /** Every documented operation of the provider, to find the ones that create an entity. */
  operations: readonly DocumentedOperation[]
  /** Configured variable names (`business_id`, …), used for body fields of the same name. */
  variables: readonly string[]
  domain: string
  /** What the front matter's `swagger:` names. */
  swagger: string
  /** Token type for operations the OpenAPI secures; default `staff`. */
  token?: string
}

export interface Scaffold {
  /** File name without `.md`: `put_business_communication_channels_uid`. */
  name: string
  text: string
}

type Schema = { [key: string]: JsonValue }
type Step = { [key: string]: JsonValue }

const isObject = (v: unknown): v is Schema =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** The project's naming rule: method, then the path with `/` as `_`, `{param}` as `param`. */
export function specName(method: string, path: string): string {
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/[{}]/g, ''))
  return [method, ...parts]
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/_$/, '')
}

export function scaffoldSpec(operation: DocumentedOperation, ctx: ScaffoldContext): Scaffold {
  const { doc } = operation.source
  const raw = operationObject(operation)
  const prerequisites: Step[] = []
  const provided = new Set<string>()
  let path = operation.path
  for (const param of pathParameters(operation.path)) {
    const prefix = operation.path.slice(0, operation.path.indexOf(`{${param}}`)).replace(/\/$/, '')
    const entity = singular(prefix.split('/').filter(Boolean).at(-1) ?? param)
    const variable = `${entity}_${/id$/i.test(param) && !/uid$/i.test(param) ? 'id' : 'uid'}`
    const step = prerequisiteFor(prefix, entity, variable, ctx, provided)
    if (step) {
      prerequisites.push(step)
      provided.add(variable)
    }
    path = path.replace(`{${param}}`, `{{${step ? variable : exampleVariable(param, ctx)}}}`)
  }
  const request: Step = {
    id: 'main_request',
    description: summaryOf(raw) ?? `${operation.method} ${operation.path}`,
    method: operation.method,
    path,
  }
  const params = queryParams(doc, raw, ctx, provided)
  if (Object.keys(params).length > 0) request.params = params
  const body = requestBody(doc, raw, ctx, provided)
  if (body !== undefined) request.body = body
  request.expect = { status: successStatus(operation) }
  const secured = isSecured(doc, raw)
  const token = ctx.token ?? 'staff'
  const frontMatter: Record<string, JsonValue> = {
    endpoint: `${operation.method} ${operation.path}`,
    domain: ctx.domain,
    tags: tagsOf(raw),
    swagger: ctx.swagger,
    status: 'pending',
    timesReused: 0,
  }
  if (secured) frontMatter.tokens = [token]
  const title = summaryOf(raw) ?? `${operation.method} ${operation.path}`
  const sections = [
    `# ${title}`,
    '',
    '## Summary',
    `${descriptionOf(raw) ?? title}${secured ? ` **Token Type**: Requires a **${token} token**.` : ''}`,
    '',
    'Scaffolded from the OpenAPI description: check the prerequisites, the request and the',
    'expected status before relying on it.',
    '',
    '## Response Codes',
    '',
    '| Status | Meaning |',
    '|--------|---------|',
    ...operation.statuses.map((s) => `| ${s} | ${responseDescription(doc, raw, s)} |`),
    '',
    '## Prerequisites',
    prerequisites.length === 0
      ? 'None required for this endpoint.'
      : yamlBlock({ steps: prerequisites }),
    '',
    '## Test Request',
    yamlBlock({ steps: [request] }),
    '',
  ]
  return {
    name: specName(operation.method, operation.path),
    text: matter.stringify(`\n${sections.join('\n')}`, frontMatter),
  }
}

const yamlBlock = (value: JsonValue) => `\`\`\`yaml\n${stringify(value, { lineWidth: 0 })}\`\`\``

function operationObject(operation: DocumentedOperation): Schema {
  const paths = operation.source.doc.paths
  const item = isObject(paths) ? paths[operation.relativePath] : undefined
  const op = isObject(item) ? item[operation.method.toLowerCase()] : undefined
  if (!isObject(op)) return {}
  // Path-level parameters apply to every operation of the path.
  const shared = isObject(item) && Array.isArray(item.parameters) ? item.parameters : []
  const own = Array.isArray(op.parameters) ? op.parameters : []
  return { ...op, parameters: [...shared, ...own] }
}

const pathParameters = (path: string) =>
  [...path.matchAll(/\{([^}]+)\}/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]))

function singular(word: string): string {
  const clean = word.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase()
  if (/ies$/.test(clean)) return `${clean.slice(0, -3)}y`
  if (/(ss|us)$/.test(clean)) return clean
  return clean.replace(/s$/, '')
}

/** A variable for a parameter no prerequisite can provide: a configured one of that name. */
function exampleVariable(param: string, ctx: ScaffoldContext): string {
  const snake = param.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()
  const candidates = [snake, snake.replace(/_uid$/, '_id'), snake.replace(/_id$/, '_uid')]
  return candidates.find((c) => ctx.variables.includes(c)) ?? ctx.variables[0] ?? snake
}

/**
 * The step that yields the entity a path parameter names: its collection's POST (the uid
 * taken where the response schema has it), else its collection's GET (the first item).
 */
function prerequisiteFor(
  collection: string,
  entity: string,
  variable: string,
  ctx: ScaffoldContext,
  provided: ReadonlySet<string>,
): Step | undefined {
  const create = ctx.operations.find((o) => o.method === 'POST' && o.path === collection)
  const list = ctx.operations.find((o) => o.method === 'GET' && o.path === collection)
  const chosen = create ?? list
  if (!chosen) return undefined
  const raw = operationObject(chosen)
  const { doc } = chosen.source
  const status = successStatus(chosen)
  const key = variable.endsWith('_id') ? 'id' : 'uid'
  const extract =
    idPath(doc, responseSchemaOf(doc, raw, status), key, create === undefined) ??
    (create ? `$.data.${entity}.${key}` : `$.data[0].${key}`)
  const step: Step = {
    id: `${create ? 'create' : 'find'}_${entity}`,
    description: summaryOf(raw) ?? `${chosen.method} ${chosen.path}`,
    method: chosen.method,
    path: chosen.path.replace(/\{([^}]+)\}/g, (_, p: string) => `{{${exampleVariable(p, ctx)}}}`),
  }
  const params = queryParams(doc, raw, ctx, provided)
  if (Object.keys(params).length > 0) step.params = params
  const body = requestBody(doc, raw, ctx, provided)
  if (body !== undefined) step.body = body
  step.extract = { [variable]: extract }
  step.expect = { status }
  step.onFail = 'abort'
  return step
}

function successStatus(operation: DocumentedOperation): number {
  const success = operation.statuses.find((s) => /^2\d\d$/.test(s))
  return success ? Number(success) : operation.method === 'POST' ? 201 : 200
}

function responseSchemaOf(doc: OpenApiDoc, raw: Schema, status: number): Schema | undefined {
  const responses = isObject(raw.responses) ? raw.responses : {}
  const response = resolveRef(doc, responses[String(status)] ?? responses.default)
  if (!response) return undefined
  const content = response.content
  if (isObject(content)) {
    const media = content['application/json'] ?? Object.values(content)[0]
    return isObject(media) ? resolveRef(doc, media.schema) : undefined
  }
  return resolveRef(doc, response.schema)
}

/** The shortest JSONPath to a `key` property (`$.data.channel.uid`), arrays as `[0]`. */
function idPath(
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
      const properties = isObject(part.properties) ? part.properties : {}
      if (key in properties && (array || !inArray)) return `${path}.${key}`
      for (const [name, value] of Object.entries(properties)) {
        const child = resolveRef(doc, value)
        if (child) queue.push({ schema: child, path: `${path}.${name}`, depth: depth + 1, array })
      }
    }
  }
  return undefined
}

function queryParams(
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

function requestBody(
  doc: OpenApiDoc,
  raw: Schema,
  ctx: ScaffoldContext,
  provided: ReadonlySet<string>,
): JsonValue | undefined {
  const body = resolveRef(doc, raw.requestBody)
  let schema: Schema | undefined
  if (body && isObject(body.content)) {
    const media = body.content['application/json']
    schema = isObject(media) ? resolveRef(doc, media.schema) : undefined
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
      Object.assign(properties, isObject(part.properties) ? part.properties : {})
      if (Array.isArray(part.required)) for (const r of part.required) required.push(r)
    }
    const merged: Schema = { type: 'object', properties, required }
    return exampleFor(doc, merged, name, ctx, provided, depth)
  }
  const type = schema.type ?? (isObject(schema.properties) ? 'object' : undefined)
  if (type === 'object') {
    const properties = isObject(schema.properties) ? schema.properties : {}
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

const summaryOf = (raw: Schema) =>
  typeof raw.summary === 'string' && raw.summary.trim() ? raw.summary.trim() : undefined

function descriptionOf(raw: Schema): string | undefined {
  if (typeof raw.description !== 'string') return undefined
  const first = raw.description
    .trim()
    .split(/\n\s*\n/)[0]
    ?.replace(/\s+/g, ' ')
  return first || undefined
}

const tagsOf = (raw: Schema): JsonValue[] =>
  Array.isArray(raw.tags) ? raw.tags.filter((t) => typeof t === 'string') : []

function isSecured(doc: OpenApiDoc, raw: Schema): boolean {
  const security = raw.security ?? doc.security
  return Array.isArray(security) && security.length > 0
}

function responseDescription(doc: OpenApiDoc, raw: Schema, status: string): string {
  const responses = isObject(raw.responses) ? raw.responses : {}
  const response = resolveRef(doc, responses[status])
  const text = typeof response?.description === 'string' ? response.description : ''
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim() || '—'
}
