/**
 * Specs that disagree with each other about one endpoint: a variable read from two
 * different paths of the same response (`$.data.uid` against `$.data.channel.uid`), or
 * success statuses that cannot both be right (`200` against `201`). Each variant says
 * whether the provider's OpenAPI backs it, so the reader knows which side to fix.
 */
import { responseKeyFor } from './operations'
import { documentsPath } from './schema'
import { extractLocation, type StepUse } from './steps'
import type { Conflict, SpecLocation } from './types'

export function conflictsOf(uses: readonly StepUse[]): Conflict[] {
  return [...extractConflicts(uses), ...statusConflicts(uses)]
}

function extractConflicts(uses: readonly StepUse[]): Conflict[] {
  const groups = new Map<string, Map<string, { use: StepUse; location: SpecLocation }[]>>()
  for (const use of uses) {
    for (const [variable, path] of Object.entries(use.step.extract ?? {})) {
      const key = `${use.provider?.name ?? ''}\u0000${use.endpoint}\u0000${variable}`
      const byPath = groups.get(key) ?? new Map()
      const list = byPath.get(path) ?? []
      list.push({ use, location: extractLocation(use, variable) })
      byPath.set(path, list)
      groups.set(key, byPath)
    }
  }
  const conflicts: Conflict[] = []
  for (const [key, byPath] of groups) {
    if (byPath.size < 2) continue
    const [, endpoint = '', variable = ''] = key.split('\u0000')
    conflicts.push({
      kind: 'extract',
      endpoint,
      variable,
      variants: [...byPath.entries()]
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .map(([path, list]) => {
          // Every list holds the use that created it; the first says what is documented.
          const first = list[0]?.use
          return {
            path,
            documented: first?.operation
              ? documentsPath(first.operation, first.step, path)
              : undefined,
            uses: list.map((l) => l.location),
          }
        }),
    })
  }
  return conflicts
}

/**
 * Only success expectations are compared: one spec expecting 422 and another 201 test
 * different outcomes, but one expecting exactly 200 and another exactly 201 for the same
 * success cannot both hold. Expectations that share a status (`[200, 201]` and `201`) agree.
 */
function statusConflicts(uses: readonly StepUse[]): Conflict[] {
  const groups = new Map<string, Map<string, { statuses: number[]; uses: StepUse[] }>>()
  for (const use of uses) {
    const declared = use.step.expect.status
    const statuses = [...new Set(Array.isArray(declared) ? declared : [declared])].sort()
    if (statuses.length === 0 || !statuses.every((s) => s >= 200 && s < 300)) continue
    const key = `${use.provider?.name ?? ''}\u0000${use.endpoint}`
    const variants = groups.get(key) ?? new Map()
    const id = statuses.join('|')
    const variant = variants.get(id) ?? { statuses, uses: [] }
    variant.uses.push(use)
    variants.set(id, variant)
    groups.set(key, variants)
  }
  const conflicts: Conflict[] = []
  for (const [key, variants] of groups) {
    const list = [...variants.values()]
    const disjoint = list.some((a, i) =>
      list.slice(i + 1).some((b) => !a.statuses.some((s) => b.statuses.includes(s))),
    )
    if (!disjoint) continue
    const [, endpoint = ''] = key.split('\u0000')
    conflicts.push({
      kind: 'status',
      endpoint,
      variants: list
        .sort((a, b) => b.uses.length - a.uses.length || a.statuses[0]! - b.statuses[0]!)
        .map((v) => {
          const operation = v.uses[0]?.operation
          return {
            statuses: v.statuses,
            documented: operation
              ? v.statuses.some((s) => {
                  const k = responseKeyFor(operation.statuses, s)
                  return k !== undefined && k !== 'default'
                })
              : undefined,
            uses: v.uses.map((u) => u.location),
          }
        }),
    })
  }
  return conflicts
}
