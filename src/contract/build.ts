/** All specs → one contract per consumer–provider pair, deterministic in order. */
import type { Spec } from '../spec'
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
  for (const spec of specs) {
    const result = spec.kind === 'http' ? translateSpec(spec, ctx) : translateWebhook(spec, ctx)
    for (const d of result.diagnostics) diagnostics.push(d)
    if (!result.ok) {
      failed.push(spec)
      continue
    }
    for (const { provider, interaction } of result.interactions) {
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
