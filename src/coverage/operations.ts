/**
 * The operations, documented statuses and webhook events of a provider's OpenAPI (3.x) or
 * Swagger 2 descriptions, with full path templates (base path included) so that they can
 * be compared with the paths of spec steps and pact interactions.
 */
import type { OpenApiDoc } from '../contract'
import type { JsonValue } from '../shared'

/** One OpenAPI document of a provider and the base path its `paths` are relative to. */
export interface OpenApiSource {
  /** The file it was read from, as the report names it. */
  file: string
  doc: OpenApiDoc
  basePath: string
}

export interface DocumentedOperation {
  method: string
  /** `/business/communication/channels/{uid}` */
  path: string
  /** The template as the document writes it, relative to its base path. */
  relativePath: string
  operationId: string | undefined
  /** Response keys in document order: `201`, `4XX`, `default`. */
  statuses: string[]
  source: OpenApiSource
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const isObject = (v: unknown): v is { [key: string]: JsonValue } =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * The path an OpenAPI document's `paths` are relative to: Swagger 2's `basePath`, else the
 * path of the first OpenAPI 3 server URL, else `fallback` (the provider's path prefix) when
 * the document declares neither.
 */
export function basePathOf(doc: OpenApiDoc, fallback: string): string {
  if (typeof doc.basePath === 'string') return trimSlash(doc.basePath)
  const servers = doc.servers
  if (Array.isArray(servers) && isObject(servers[0]) && typeof servers[0].url === 'string') {
    const url = servers[0].url.replace(/\{[^}]*\}/g, 'x')
    try {
      return trimSlash(new URL(url, 'http://relative.invalid').pathname)
    } catch {
      return trimSlash(fallback)
    }
  }
  return trimSlash(fallback)
}

const trimSlash = (path: string) => path.replace(/\/+$/, '')

export function operationsOf(source: OpenApiSource): DocumentedOperation[] {
  const paths = source.doc.paths
  if (!isObject(paths)) return []
  const operations: DocumentedOperation[] = []
  for (const [relativePath, item] of Object.entries(paths)) {
    if (!isObject(item)) continue
    for (const method of METHODS) {
      const operation = item[method]
      if (!isObject(operation)) continue
      const responses = isObject(operation.responses) ? Object.keys(operation.responses) : []
      operations.push({
        method: method.toUpperCase(),
        path: `${source.basePath}${relativePath.startsWith('/') ? '' : '/'}${relativePath}`,
        relativePath,
        operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
        statuses: responses,
        source,
      })
    }
  }
  return operations
}

/** Webhook events a document declares: OpenAPI 3.1 `webhooks`, or the `x-webhooks` extension. */
export function eventsOf(source: OpenApiSource): string[] {
  const declared = source.doc.webhooks ?? source.doc['x-webhooks']
  return isObject(declared) ? Object.keys(declared) : []
}

/**
 * The documented response key a status falls under: the code itself, else its range
 * (`4XX`), else `default`; undefined when the operation documents none of them.
 */
export function responseKeyFor(statuses: readonly string[], status: number): string | undefined {
  const code = String(status)
  if (statuses.includes(code)) return code
  const range = `${code[0]}XX`
  const found = statuses.find((s) => s.toUpperCase() === range)
  if (found) return found
  return statuses.includes('default') ? 'default' : undefined
}
