/**
 * A step plus what is known so far → the HTTP request to send, or every setup problem
 * that prevents building it.
 */
import type { Step } from '../spec'
import { buildURL, encodeForm } from './encode'
import type { StepProblem } from './errors'
import { redactHeaders } from './redact'
import { asText, Resolver, type Scope } from './templates'
import type { RecordedBody, RecordedRequest } from './types'

export interface RequestContext {
  baseURL: string
  fallbackBaseURL: string | undefined
  tokens: Readonly<Record<string, string>>
  defaultToken: string | undefined
  /** The Authorization template (with `{token}`) for a token type on a path. */
  authScheme: ((tokenType: string, path: string) => string) | undefined
}

/** What goes on the wire: `headers` hold the real token, `record` has it redacted. */
export interface OutgoingRequest {
  url: string
  headers: Record<string, string>
  data: string | undefined
  record: RecordedRequest
}

export type BuiltRequest =
  | { ok: true; request: OutgoingRequest }
  | { ok: false; problems: StepProblem[] }

export function usesFallback(step: Step): boolean {
  return step.useFallback === true || step.useFallbackApi === true
}

export function buildRequest(step: Step, scope: Scope, context: RequestContext): BuiltRequest {
  const problems: StepProblem[] = []
  if (step.body !== undefined && step.form_data !== undefined)
    problems.push({ kind: 'body-and-form' })

  const base = usesFallback(step) ? context.fallbackBaseURL : context.baseURL
  if (base === undefined) problems.push({ kind: 'missing-fallback' })

  const auth = authorization(step, context)
  if (!auth.ok) problems.push(auth.problem)

  const resolver = new Resolver(scope)
  const path = asText(resolver.string(step.path, 'path', encodeURIComponent))
  const params = resolver.record(step.params ?? {}, 'params')
  const stepHeaders = Object.fromEntries(
    Object.entries(step.headers ?? {}).map(([name, value]) => [
      name,
      asText(resolver.string(value, `headers.${name}`)),
    ]),
  )
  const body = payload(step, resolver)
  if (resolver.missing.length) {
    problems.push({ kind: 'unknown-variable', stepId: step.id, variables: resolver.missing })
  }
  if (problems.length || base === undefined || !auth.ok) return { ok: false, problems }

  const headers = mergeHeaders(
    { Accept: 'application/json' },
    body ? { 'Content-Type': body.contentType } : {},
    auth.header,
    stepHeaders,
  )
  const url = buildURL(base, path, params)
  return {
    ok: true,
    request: {
      url,
      headers,
      data: body?.data,
      record: { method: step.method, url, headers: redactHeaders(headers), body: body?.record },
    },
  }
}

type Authorization =
  | { ok: true; header: Record<string, string> }
  | { ok: false; problem: StepProblem }

/** The step's `token` type, else the default one; none of them means no header. */
function authorization(step: Step, context: RequestContext): Authorization {
  const tokenType = step.token ?? context.defaultToken
  if (tokenType === undefined) return { ok: true, header: {} }
  const token = Object.hasOwn(context.tokens, tokenType) ? context.tokens[tokenType] : undefined
  if (!token) {
    return {
      ok: false,
      problem: { kind: 'missing-token', tokenType, configured: Object.keys(context.tokens) },
    }
  }
  const scheme = context.authScheme?.(tokenType, step.path) ?? 'Bearer {token}'
  return { ok: true, header: { Authorization: scheme.replace('{token}', () => token) } }
}

interface Payload {
  contentType: string
  data: string
  record: RecordedBody
}

function payload(step: Step, resolver: Resolver): Payload | undefined {
  if (step.form_data !== undefined) {
    const fields = resolver.record(step.form_data, 'form_data')
    const encoded = encodeForm(fields)
    return {
      contentType: 'application/x-www-form-urlencoded',
      data: encoded,
      record: { kind: 'form', fields, encoded },
    }
  }
  if (step.body !== undefined) {
    const value = resolver.value(step.body, 'body')
    return {
      contentType: 'application/json',
      data: JSON.stringify(value),
      record: { kind: 'json', value },
    }
  }
  return undefined
}

/** Later layers win; names compare case-insensitively and keep the later spelling. */
function mergeHeaders(...layers: ReadonlyArray<Record<string, string>>): Record<string, string> {
  const merged = new Map<string, [string, string]>()
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) merged.set(name.toLowerCase(), [name, value])
  }
  return Object.fromEntries(merged.values())
}
