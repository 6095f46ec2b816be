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
import { isJsonObject, type JsonValue } from '../shared'
import type { DocumentedOperation } from './operations'
import {
  exampleVariable,
  idPath,
  queryParams,
  requestBody,
  responseSchemaOf,
} from './scaffold-examples'

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
  const item = isJsonObject(paths) ? paths[operation.relativePath] : undefined
  const op = isJsonObject(item) ? item[operation.method.toLowerCase()] : undefined
  if (!isJsonObject(op)) return {}
  // Path-level parameters apply to every operation of the path.
  const shared = isJsonObject(item) && Array.isArray(item.parameters) ? item.parameters : []
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
  const responses = isJsonObject(raw.responses) ? raw.responses : {}
  const response = resolveRef(doc, responses[status])
  const text = typeof response?.description === 'string' ? response.description : ''
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim() || '—'
}
