/**
 * A spec translated with its workflow-level prerequisites (see workflows.ts): the expanded
 * list goes through the ordinary translation, and its diagnostics are put back on the spec's
 * own steps, so a user reads them at the line of the step that pulls a workflow in.
 */
import type { HttpSpec } from '../spec'
import type { DerivedInteraction } from './dedup'
import type { ContractDiagnostic } from './errors'
import { at } from './locate'
import { type TranslateContext, type Translation, translateSpec } from './translate'
import { type Expansion, expandWorkflows, type StepOrigin } from './workflows'

export function translateWithWorkflows(spec: HttpSpec, ctx: TranslateContext): Translation {
  if (!ctx.workflows) return translateSpec(spec, ctx)
  const expansion = expandWorkflows(spec, ctx.workflows)
  if (expansion.pulls.size === 0 && expansion.spec === spec) return translateSpec(spec, ctx)
  const result = translateSpec(expansion.spec, ctx, expansion.origins)
  if (!result.ok) return { ...result, diagnostics: mapped(spec, expansion, result.diagnostics) }
  return {
    ...result,
    derived: ownDerived(expansion, result.derived),
    diagnostics: mapped(spec, expansion, result.diagnostics),
  }
}

function mapped(spec: HttpSpec, expansion: Expansion, diagnostics: readonly ContractDiagnostic[]) {
  return [
    ...replacedWarnings(spec, expansion),
    ...diagnostics.flatMap((d) => onOwnSteps(spec, expansion, d)),
  ]
}

/**
 * The derived interactions this spec relies on: a workflow step's response counts only when
 * its values reach this spec's own steps; the names they are used by are the spec's own.
 */
function ownDerived(
  expansion: Expansion,
  derived: readonly DerivedInteraction[],
): DerivedInteraction[] {
  const byId = new Map(expansion.spec.prerequisites.map((s, i) => [s.id, i]))
  return derived.flatMap((d) => {
    const relying = d.interaction.prerequisite?.reliedOnBy[0]
    const index = relying ? byId.get(relying.stepId) : undefined
    const origin = index === undefined ? undefined : expansion.origins[index]
    if (origin?.kind === 'workflow' && !expansion.reaching.has(index as number)) return []
    const prerequisite = d.interaction.prerequisite
    if (!prerequisite) return [d]
    const uses = [...new Set(prerequisite.uses.map((n) => expansion.aliases.get(n) ?? n))]
    return [{ ...d, interaction: { ...d.interaction, prerequisite: { ...prerequisite, uses } } }]
  })
}

/**
 * A diagnostic of the expanded list on the spec's own step. One about a workflow's step is
 * that workflow's to report (its own translation does) unless it is an error: then this
 * spec cannot be translated as the runner runs it either, and the message says where the
 * step comes from.
 */
function onOwnSteps(
  spec: HttpSpec,
  expansion: Expansion,
  d: ContractDiagnostic,
): ContractDiagnostic[] {
  const m = /^prerequisites\[(\d+)\]/.exec(d.path)
  if (!m) return [d]
  const origin = expansion.origins[Number(m[1])] as StepOrigin | undefined
  if (!origin) return [d]
  const own = origin.kind === 'own' ? origin.index : origin.via
  const path = `prerequisites[${own}]${d.path.slice(m[0].length)}`
  if (origin.kind === 'own') return [{ ...d, path }]
  if (d.severity !== 'error') return []
  const puller = spec.prerequisites[own]
  return [
    {
      ...d,
      ...at(spec, `prerequisites[${own}]`),
      path,
      message: `${d.message} (a prerequisite of ${origin.workflow.file}, which vCita's runner runs before step "${puller?.id}")`,
    },
  ]
}

/** A warning where a workflow's prerequisites replace values this spec's later steps use. */
function replacedWarnings(spec: HttpSpec, expansion: Expansion): ContractDiagnostic[] {
  return [...expansion.replaced].map(([own, names]) => {
    const step = spec.prerequisites[own]
    const pull = expansion.pulls.get(own)
    return {
      ...at(spec, `prerequisites[${own}]`),
      code: 'runner-workflow-prerequisites',
      severity: 'warning',
      message: `vCita's runner runs the ${pull?.steps ?? 0} prerequisite step(s) of ${pull?.workflow.file} (the workflow of ${step?.method} ${step?.path}) before this step, and their ${names.join(', ')} then replace this spec's for the steps after it; the contract does the same (their states come before this step's)`,
      expected: "values the spec's later steps use from its own steps",
      found: names.join(', '),
    } satisfies ContractDiagnostic
  })
}
