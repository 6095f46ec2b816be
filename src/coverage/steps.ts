/** Every step of every spec, placed: its provider, endpoint and documented operation. */
import type { ProviderConfig } from '../config'
import { providerFor } from '../contract'
import type { Spec, Step } from '../spec'
import { endpointOf, type OperationIndex } from './match'
import type { DocumentedOperation } from './operations'
import type { SpecLocation } from './types'

export interface StepUse {
  consumer: string
  spec: Spec
  step: Step
  /** `prerequisites[0]`, `request[0]`: the key of the step in the spec's locations. */
  where: string
  location: SpecLocation
  provider: ProviderConfig | undefined
  endpoint: string
  operation: DocumentedOperation | undefined
}

export function stepUses(
  consumer: string,
  specs: readonly Spec[],
  providers: readonly ProviderConfig[],
  operationsOf: (provider: string) => OperationIndex | undefined,
): StepUse[] {
  const uses: StepUse[] = []
  for (const spec of specs) {
    const groups = [
      ['prerequisites', spec.prerequisites],
      ['request', spec.kind === 'http' ? spec.requests : []],
    ] as const
    for (const [group, steps] of groups) {
      steps.forEach((step, i) => {
        const where = `${group}[${i}]`
        const provider = providerFor(providers, step.path)
        const operations = provider ? operationsOf(provider.name) : undefined
        uses.push({
          consumer,
          spec,
          step,
          where,
          location: { file: spec.file, line: spec.locations.at(where)?.line ?? 1 },
          provider,
          endpoint: endpointOf(operations, step.method, step.path),
          operation: operations?.find(step.method, step.path),
        })
      })
    }
  }
  return uses
}

/** Where a step extracts `variable`: the line of its `extract:` entry, else the step's. */
export function extractLocation(use: StepUse, variable: string): SpecLocation {
  const at = use.spec.locations.at(`${use.where}.extract.${variable}`)
  return at ? { file: use.spec.file, line: at.line } : use.location
}
