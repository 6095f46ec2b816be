/** All specs → one contract per consumer–provider pair, deterministic in order. */
import type { HttpSpec, Spec } from '../spec'
import { type DerivedInteraction, mergeDerived } from './dedup'
import type { ContractDiagnostic } from './errors'
import { indexExtracts } from './extracts'
import { at } from './locate'
import { type TranslateContext, translateSpec } from './translate'
import type { Contract, Interaction } from './types'
import { translateWebhook } from './webhook'

export interface BuildResult {
  contracts: Contract[]
  diagnostics: ContractDiagnostic[]
  /** Specs that produced no interaction, each with at least one error diagnostic. */
  failed: Spec[]
}

export function buildContracts(
  specs: readonly Spec[],
  context: Omit<TranslateContext, 'extracts'>,
): BuildResult {
  const extracts = indexExtracts(specs)
  const ctx: TranslateContext = { ...context, extracts }
  const diagnostics: ContractDiagnostic[] = [...extracts.diagnostics]
  const failed: Spec[] = []
  const byProvider = new Map<string, Interaction[]>()
  const seen = new Map<string, Spec>()
  const own: DerivedInteraction[] = []
  const derived: DerivedInteraction[] = []
  diagnostics.push(...workflowPrerequisites(specs))
  for (const spec of specs) {
    const result = spec.kind === 'http' ? translateSpec(spec, ctx) : translateWebhook(spec, ctx)
    for (const d of result.diagnostics) diagnostics.push(d)
    if (!result.ok) {
      failed.push(spec)
      continue
    }
    derived.push(...result.derived)
    for (const { provider, interaction } of result.interactions) {
      if (interaction.kind === 'http') own.push({ provider, interaction })
      const key = `${provider}\u0000${interaction.description}`
      const earlier = seen.get(key)
      if (earlier) {
        diagnostics.push({
          ...at(spec, 'request[0]'),
          code: 'duplicate-description',
          severity: 'error',
          message: `interaction "${interaction.description}" is also produced by ${earlier.file}; spec file names must be unique per provider`,
        })
        failed.push(spec)
        continue
      }
      seen.set(key, spec)
      const list = byProvider.get(provider)
      if (list) list.push(interaction)
      else byProvider.set(provider, [interaction])
    }
  }
  for (const { provider, interaction } of mergeDerived(own, derived)) {
    // Spec names have no spaces and no arrow: a derived description cannot clash with one.
    const list = byProvider.get(provider)
    if (list) list.push(interaction)
    else byProvider.set(provider, [interaction])
  }
  const contracts = [...byProvider.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, interactions]) => ({
      consumer: context.consumer,
      provider,
      interactions: interactions.sort((a, b) =>
        a.description < b.description ? -1 : a.description > b.description ? 1 : 0,
      ),
    }))
  return { contracts, diagnostics, failed }
}

/**
 * vCita's runner looks up the workflow of every prerequisite's endpoint (`METHOD path`, as
 * sent) and runs that workflow's own prerequisites first, up to five levels deep; what they
 * extract then replaces this spec's values for the steps after it. specpact translates a
 * spec's own steps only: each such step gets a warning naming the workflow it would pull in.
 */
function workflowPrerequisites(specs: readonly Spec[]): ContractDiagnostic[] {
  const byEndpoint = new Map<string, HttpSpec>()
  for (const spec of specs) {
    if (spec.kind !== 'http' || spec.prerequisites.length === 0) continue
    byEndpoint.set(spec.frontMatter.endpoint, spec)
  }
  const diagnostics: ContractDiagnostic[] = []
  for (const spec of specs) {
    spec.prerequisites.forEach((step, i) => {
      if (step.path.includes('{')) return
      const other = byEndpoint.get(`${step.method} ${step.path}`)
      if (!other || other === spec) return
      const names = other.prerequisites.flatMap((s) => Object.keys(s.extract ?? {}))
      diagnostics.push({
        ...at(spec, `prerequisites[${i}]`),
        code: 'runner-workflow-prerequisites',
        severity: 'warning',
        message: `vCita's runner first runs the ${other.prerequisites.length} prerequisite step(s) of ${other.file} (the workflow of ${step.method} ${step.path})${names.length > 0 ? `, whose ${names.join(', ')} then replace this spec's values for later steps` : ''}; specpact translates only this spec's own steps`,
        expected: "this spec's prerequisites as the contract's states",
        found: other.file,
      })
    })
  }
  return diagnostics
}
