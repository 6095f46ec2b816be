/**
 * What every spec extracts from every endpoint, across the whole spec set: a response
 * template must contain each of these paths (a consumer relies on them), and specs that
 * disagree about where a value lives are reported.
 */
import { memoize, pathSegments } from '../shared'
import type { Spec, Step } from '../spec'
import type { ContractDiagnostic } from './errors'
import { at } from './locate'

/** A path with its variables and placeholders as `{}`, remembered: specs share a few paths. */
const pathKey = memoize((path: string): string => {
  return pathSegments(path)
    .map((s) => (/\{\{?[^}]*\}?\}/.test(s) ? '{}' : s))
    .join('/')
})

/** `POST /business/communication/channels/{}`: variables and placeholders become `{}`. */
export function endpointKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${pathKey(path)}`
}

interface Extraction {
  spec: Spec
  where: string
  step: Step
  name: string
  path: string
}

export interface ExtractIndex {
  /** Distinct JSONPaths extracted from an endpoint, in first-seen order. */
  paths(method: string, path: string): string[]
  diagnostics: ContractDiagnostic[]
}

export function indexExtracts(specs: readonly Spec[]): ExtractIndex {
  const byEndpoint = new Map<string, Extraction[]>()
  for (const spec of specs) {
    const groups = [
      ['prerequisites', spec.prerequisites],
      ['request', spec.kind === 'http' ? spec.requests : []],
    ] as const
    for (const [group, steps] of groups) {
      steps.forEach((step, i) => {
        for (const [name, path] of Object.entries(step.extract ?? {})) {
          const key = endpointKey(step.method, step.path)
          const list = byEndpoint.get(key) ?? []
          list.push({ spec, where: `${group}[${i}]`, step, name, path })
          byEndpoint.set(key, list)
        }
      })
    }
  }
  // Every interaction asks for its endpoint's paths: computed once per endpoint, not once
  // per interaction over every extraction of it (quadratic in the number of specs).
  const distinct = new Map<string, string[]>()
  return {
    paths: (method, path) => {
      const key = endpointKey(method, path)
      let paths = distinct.get(key)
      if (!paths) {
        paths = [...new Set((byEndpoint.get(key) ?? []).map((e) => e.path))]
        distinct.set(key, paths)
      }
      return [...paths]
    },
    diagnostics: conflicts(byEndpoint),
  }
}

/** Same endpoint, same variable, different paths: the minority is reported. */
function conflicts(byEndpoint: Map<string, Extraction[]>): ContractDiagnostic[] {
  const diagnostics: ContractDiagnostic[] = []
  for (const [endpoint, list] of byEndpoint) {
    const byName = groupBy(list, (e) => e.name)
    for (const [name, uses] of byName) {
      const counts = groupBy(uses, (e) => e.path)
      if (counts.size < 2) continue
      const ranked = [...counts.entries()].sort(
        (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
      )
      const [majority, runnerUp] = ranked
      if (!majority || !runnerUp) continue
      // On a tie there is no majority to trust: every use is reported.
      const tie = majority[1].length === runnerUp[1].length
      for (const use of uses) {
        if (!tie && use.path === majority[0]) continue
        const other = use.path === majority[0] ? runnerUp : majority
        const others = other[1].map((e) => e.spec.name).join(', ')
        diagnostics.push({
          ...at(use.spec, `${use.where}.extract`),
          path: `${use.where}.extract.${name}`,
          code: 'extract-conflict',
          severity: 'warning',
          message: `step "${use.step.id}" extracts ${name} from ${endpoint} at ${use.path}, but ${other[1].length} other use(s) (${others}) read it at ${other[0]}`,
          expected: other[0],
          found: use.path,
        })
      }
    }
  }
  return diagnostics
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
