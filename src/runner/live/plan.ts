/**
 * What a live run of one spec executes: its prerequisites, then its test request, as steps
 * for the runner. A catalog state with `waitFor` attaches the wait to the last prerequisite
 * it is inferred from, so a spec gets the wait without saying so (the seeds stay as vCita
 * wrote them). A step's own `waitFor` wins over the catalog's.
 */
import { type Catalog, matchStates } from '../../contract'
import type { Spec, Step, WaitFor } from '../../spec'

/** A wait the run will do, and where it came from (for reports). */
export interface PlannedWait {
  stepId: string
  event: string
  /** The catalog state that asked for it, or undefined for the step's own `waitFor`. */
  state: string | undefined
}

export type LivePlan =
  | {
      kind: 'steps'
      spec: Spec & { kind: 'http' }
      steps: Step[]
      waits: PlannedWait[]
    }
  /** A spec that has nothing to send: a webhook spec (the provider sends `event`). */
  | { kind: 'not-live'; spec: Spec; reason: string; event: string }

export interface PlanOptions {
  catalog: Catalog
  /** Timeout of a wait that names none. */
  defaultWaitMs: number
}

export function planSpec(spec: Spec, options: PlanOptions): LivePlan {
  if (spec.kind === 'webhook') {
    return {
      kind: 'not-live',
      spec,
      reason: `a webhook spec has no request to send: ${spec.frontMatter.event} is sent by ${spec.frontMatter.provider} and verified as a Pact message (specpact verify)`,
      event: spec.frontMatter.event,
    }
  }
  const prerequisites = spec.prerequisites.map((step) => ({ ...step }))
  const waits: PlannedWait[] = []
  const fromCatalog = new Map<number, { waitFor: WaitFor; state: string }>()
  for (const { state, steps } of matchStates(spec, options.catalog)) {
    const last = steps.length > 0 ? Math.max(...steps) : undefined
    if (state?.waitFor && last !== undefined) {
      fromCatalog.set(last, { waitFor: state.waitFor, state: state.name })
    }
  }
  const withWait = (step: Step, index: number | undefined): Step => {
    const catalog = index === undefined ? undefined : fromCatalog.get(index)
    const waitFor = step.waitFor ?? catalog?.waitFor
    if (!waitFor) return step
    waits.push({
      stepId: step.id,
      event: waitFor.event,
      state: step.waitFor ? undefined : catalog?.state,
    })
    return { ...step, waitFor: { ...waitFor, timeout: waitFor.timeout ?? options.defaultWaitMs } }
  }
  const steps = [
    ...prerequisites.map((step, i) => withWait(step, i)),
    ...spec.requests.map((step) => withWait(step, undefined)),
  ]
  return {
    kind: 'steps',
    spec,
    steps,
    waits,
  }
}
