/**
 * The fields consumers extract: every `extract` of every spec step, whether the provider's
 * OpenAPI declares the path, and whether an interaction's response carries it (so that
 * verification proves the provider returns it).
 */
import { endpointKey, hasPath, segmentsOf } from '../contract'
import type { PlacedHttp } from './interactions'
import { documentsPath } from './schema'
import { extractLocation, type StepUse } from './steps'
import type { ExtractCoverage, ExtractState } from './types'

export function extractCoverage(
  uses: readonly StepUse[],
  http: readonly PlacedHttp[],
  verification: boolean,
): ExtractCoverage[] {
  const byEndpoint = new Map<string, PlacedHttp[]>()
  for (const placed of http) {
    const key = `${placed.provider}\u0000${endpointFor(placed)}`
    const list = byEndpoint.get(key) ?? []
    list.push(placed)
    byEndpoint.set(key, list)
  }
  const out: ExtractCoverage[] = []
  for (const use of uses) {
    for (const [variable, path] of Object.entries(use.step.extract ?? {})) {
      const segments = segmentsOf(path)
      const candidates = use.provider
        ? (byEndpoint.get(`${use.provider.name}\u0000${use.endpoint}`) ?? [])
        : []
      const carrying = candidates.filter(
        (p) =>
          p.statuses.some((s) => s < 300) &&
          segments !== undefined &&
          hasPath(p.interaction.response.body, segments),
      )
      out.push({
        consumer: use.consumer,
        provider: use.provider?.name,
        endpoint: use.endpoint,
        variable,
        path,
        spec: extractLocation(use, variable),
        step: use.step.id,
        documented: use.operation ? documentsPath(use.operation, use.step, path) : undefined,
        state: stateOf(carrying, verification),
        interactions: carrying.map((p) => p.interaction.description),
      })
    }
  }
  return out
}

function endpointFor(placed: PlacedHttp): string {
  return placed.operation
    ? `${placed.operation.method} ${placed.operation.path}`
    : endpointKey(placed.interaction.request.method, placed.path)
}

function stateOf(carrying: readonly PlacedHttp[], verification: boolean): ExtractState {
  if (carrying.length === 0) return 'unverified'
  if (!verification) return 'contracted'
  if (carrying.some((p) => p.covering.verification === 'passed')) return 'verified'
  if (carrying.every((p) => p.covering.verification === 'failed')) return 'failed'
  // Carried, but the verification output given does not mention any of them.
  return 'contracted'
}
