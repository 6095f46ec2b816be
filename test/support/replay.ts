/**
 * Replaying a rendered pact interaction: the request it describes, sent as a consumer would,
 * and a structural comparison of two interactions that names every difference by path.
 */
import { Agent } from 'node:http'
import axios from 'axios'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

/** A Synchronous/HTTP interaction as written in a pact file. */
export interface PactHttp {
  description: string
  request: {
    method: string
    path: string
    query?: Record<string, string[]>
    headers?: Record<string, string[]>
    body?: { content: Json; contentType: string }
  }
  response: {
    status: number
    headers?: Record<string, string[]>
    body?: { content: Json; contentType: string }
  }
}

export interface Received {
  status: number
  contentType: string | undefined
  /** The parsed JSON body, or `undefined` when the response has none. */
  body: Json | undefined
}

/** Sends the interaction's example request to `baseUrl` and returns what came back. */
export async function sendExample(baseUrl: string, interaction: PactHttp): Promise<Received> {
  const { request } = interaction
  const query = new URLSearchParams()
  for (const [name, values] of Object.entries(request.query ?? {}))
    for (const value of values) query.append(name, value)
  const headers: Record<string, string> = {}
  for (const [name, values] of Object.entries(request.headers ?? {}))
    headers[name] = values.join(', ')
  const body = request.body
  const response = await axios.request<string>({
    method: request.method,
    url: `${baseUrl}${request.path}${query.size > 0 ? `?${query}` : ''}`,
    headers,
    data:
      body === undefined
        ? undefined
        : typeof body.content === 'string'
          ? body.content
          : JSON.stringify(body.content),
    // A new connection per request: nothing is carried from one short-lived server to the next.
    httpAgent: new Agent({ keepAlive: false }),
    // The raw answer, judged by the test: no status is an exception, no body is reinterpreted.
    validateStatus: () => true,
    transformResponse: (raw: string) => raw,
    responseType: 'text',
  })
  const contentType = response.headers['content-type']
  return {
    status: response.status,
    contentType: typeof contentType === 'string' ? contentType : undefined,
    body: response.data === '' ? undefined : (JSON.parse(response.data) as Json),
  }
}

export interface Difference {
  path: string
  ours: Json | undefined
  theirs: Json | undefined
}

const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** Every leaf where `ours` and `theirs` differ; object key order is not a difference. */
export function differences(ours: Json | undefined, theirs: Json | undefined, path = '$') {
  const found: Difference[] = []
  if (isObject(ours) && isObject(theirs)) {
    const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort()
    for (const key of keys) found.push(...differences(ours[key], theirs[key], `${path}.${key}`))
  } else if (Array.isArray(ours) && Array.isArray(theirs) && ours.length === theirs.length) {
    ours.forEach((item, i) => {
      found.push(...differences(item, theirs[i], `${path}[${i}]`))
    })
  } else if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
    found.push({ path, ours, theirs })
  }
  return found
}

/** The interaction without the keys a comparison ignores. */
export function withoutKeys(interaction: JsonObject, ignored: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(interaction).filter(([k]) => !ignored.includes(k)))
}
