/**
 * Which documented operation a request belongs to. Spec steps name paths with template
 * variables (`/channels/{{channel_uid}}`), contract interactions with provider-state
 * expressions (`/channels/${channel_uid}`); both fill `{parameter}` segments only, and the
 * template with the most literal segments in common wins (`/sessions/typing` over
 * `/sessions/{uid}`).
 */
import { endpointKey, type Matcher, matchPathTemplate } from '../contract'
import { withoutQuery } from '../shared'
import type { DocumentedOperation } from './operations'

export interface OperationIndex {
  find(method: string, path: string): DocumentedOperation | undefined
}

export function indexOperations(operations: readonly DocumentedOperation[]): OperationIndex {
  const byMethod = new Map<string, Map<string, DocumentedOperation>>()
  for (const operation of operations) {
    const templates = byMethod.get(operation.method) ?? new Map<string, DocumentedOperation>()
    // The first document that describes an operation wins, as it would when routing.
    if (!templates.has(operation.path)) templates.set(operation.path, operation)
    byMethod.set(operation.method, templates)
  }
  const keys = new Map([...byMethod].map(([method, map]) => [method, [...map.keys()]]))
  return {
    find(method, path) {
      const upper = method.toUpperCase()
      const template = matchPathTemplate(keys.get(upper) ?? [], withoutQuery(path))
      return template === undefined ? undefined : byMethod.get(upper)?.get(template)
    },
  }
}

/** A contract path matcher as a spec-style path: injected `${x}` becomes `{{x}}`. */
export function pathOfMatcher(matcher: Matcher): string {
  switch (matcher.kind) {
    case 'literal':
      return String(matcher.value)
    case 'injected':
      return matcher.expression.replace(/\$\{([^}]+)\}/g, '{{$1}}')
    case 'regex':
    case 'type':
      return String(matcher.example)
  }
}

/**
 * The endpoint a request names, for grouping requests of different specs: the documented
 * template when one matches, else the request's own path with variables as `{}`.
 */
export function endpointOf(
  operations: OperationIndex | undefined,
  method: string,
  path: string,
): string {
  const operation = operations?.find(method, path)
  return operation ? `${operation.method} ${operation.path}` : endpointKey(method, path)
}
