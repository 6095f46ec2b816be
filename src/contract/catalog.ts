/**
 * The provider-state catalog (specs/states.yaml): state names, the entity each handler
 * returns, and the prerequisite shapes each state replaces.
 */
import { z } from 'zod'
import { HTTP_METHODS, JsonValueSchema, WaitForSchema } from '../spec'

export const StepPatternSchema = z.object({
  method: z.enum(HTTP_METHODS),
  /** Path template; `{name}` segments match any single segment. */
  path: z.string().startsWith('/'),
  /** Body fields that must have exactly these values. */
  body: z.record(z.string(), JsonValueSchema).optional(),
})

export const StateDefinitionSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  /** JSONPath of the entity in the response of the rule's first step. */
  entity: z.string().startsWith('$'),
  infer: z.array(z.object({ steps: z.array(StepPatternSchema).min(1) })).default([]),
  /**
   * Live runs only: after the last step this state is inferred from, wait for this webhook
   * (the asynchronous change that makes the state true, e.g. `channel.activated`).
   */
  waitFor: WaitForSchema.optional(),
})

export const CatalogSchema = z.object({ states: z.array(StateDefinitionSchema) })

export type StepPattern = z.infer<typeof StepPatternSchema>
export type StateDefinition = z.infer<typeof StateDefinitionSchema>
export type Catalog = z.infer<typeof CatalogSchema>

export function parseCatalog(value: unknown, source = 'states catalog'): Catalog {
  const result = CatalogSchema.safeParse(value)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`${source}: invalid provider-state catalog\n${problems.join('\n')}`)
  }
  const names = new Set<string>()
  for (const state of result.data.states) {
    if (names.has(state.name)) throw new Error(`${source}: state "${state.name}" is defined twice`)
    names.add(state.name)
  }
  return result.data
}
