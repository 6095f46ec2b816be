/**
 * The body of every benchmarked consumer test, the same for specpact and bare pact-js: send
 * the interaction's example request once, on a fresh connection, and read the answer.
 */
import { request } from 'node:http'
import type { HttpInteraction } from '../../src/contract'
import { renderInteraction } from '../../src/pact'

export interface ExampleRequest {
  method: string
  /** Path and query string. */
  url: string
  headers: Record<string, string>
  body: string | undefined
}

interface RenderedRequest {
  method: string
  path: string
  query?: Record<string, string[]>
  headers?: Record<string, string[]>
  body?: { content: unknown; contentType: string }
}

/** The request the mock server expects, as a consumer would send it. */
export function exampleRequest(interaction: HttpInteraction): ExampleRequest {
  const rendered = renderInteraction(interaction).request as unknown as RenderedRequest
  const query = new URLSearchParams()
  for (const [name, values] of Object.entries(rendered.query ?? {}))
    for (const value of values) query.append(name, value)
  const headers: Record<string, string> = {}
  for (const [name, values] of Object.entries(rendered.headers ?? {}))
    headers[name] = values.join(', ')
  const content = rendered.body?.content
  const body =
    content === undefined
      ? undefined
      : typeof content === 'string'
        ? content
        : JSON.stringify(content)
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = rendered.body?.contentType ?? 'application/json'
  const search = query.size > 0 ? `?${query}` : ''
  return { method: rendered.method, url: `${rendered.path}${search}`, headers, body }
}

/** Sends `example` to the server at `base`; resolves to the status it answered. */
export function send(base: string, example: ExampleRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(example.url, base),
      { method: example.method, headers: example.headers, agent: false },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(example.body)
  })
}
