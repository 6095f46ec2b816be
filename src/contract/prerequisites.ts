/**
 * Prerequisites whose responses later steps rely on. A provider state replaces the step when
 * the spec's own request is verified, so what the consumer reads from that response (the
 * session uid of POST /sessions, the client id of the core API's lookup) would otherwise be
 * checked by no interaction at all. Each such step becomes an interaction of its own.
 */
import { findVariables, type HttpSpec, type Step } from '../spec'
import type { InferredStates } from './states'
import type { ProviderState } from './types'
import { exampleId } from './values'

export interface ReliedOnStep {
  /** Index in `## Prerequisites`. */
  index: number
  step: Step
  /** The names it extracts that later steps use, in extract order. */
  used: string[]
  /** The states its request is given. */
  states: ProviderState[]
  /** Values those states provide, with their example values. */
  injected: Map<string, string>
}

/** Every value of a step that may hold `{{…}}` templates: what its request sends. */
export const TEMPLATED = ['path', 'params', 'headers', 'body', 'form_data', 'form_fields'] as const

const used = new WeakMap<Step, ReadonlySet<string>>()

/**
 * Variables a step's request uses, in any value it sends (a multipart step's form_fields
 * too). Remembered per step: a prerequisite is asked once for every step after it, and
 * steps are not changed once read.
 */
export function usedBy(step: Step): ReadonlySet<string> {
  let names = used.get(step)
  if (!names) {
    names = new Set(findVariables(TEMPLATED.map((k) => step[k] ?? null)).map((u) => u.name))
    used.set(step, names)
  }
  return names
}

const providedBy = (state: ProviderState): string[] => {
  const provides = state.params.provides
  return provides !== null && typeof provides === 'object' && !Array.isArray(provides)
    ? Object.keys(provides)
    : []
}

/**
 * A lookup (GET) reads an entity that must exist before the request; a create (any other
 * method) makes it, so the state that stands for it cannot be given to its own request.
 */
const isLookup = (step: Step) => step.method === 'GET'

/**
 * The prerequisites later steps rely on, each with the states its request is given: the
 * states of the steps before it that its provider sets up or that provide a value it sends,
 * and for a lookup, the state of the entity it looks up. A state of another provider that
 * the request does not need is left out: a core API cannot set up a gateway's channel.
 */
export function reliedOnPrerequisites(
  spec: HttpSpec,
  inferred: Pick<InferredStates, 'states' | 'covers'>,
  providerOf: (path: string) => string | undefined,
): ReliedOnStep[] {
  const steps = spec.prerequisites
  // The names the steps after each prerequisite use, gathered once from the end.
  const usedAfter: Array<ReadonlySet<string>> = []
  let after = new Set<string>()
  for (const request of spec.requests) for (const name of usedBy(request)) after.add(name)
  for (let i = steps.length - 1; i >= 0; i--) {
    usedAfter[i] = after
    const own = usedBy(steps[i] as Step)
    if ([...own].some((name) => !after.has(name))) after = new Set([...after, ...own])
  }
  const out: ReliedOnStep[] = []
  steps.forEach((step, index) => {
    const extracted = Object.keys(step.extract ?? {})
    if (extracted.length === 0) return
    const usedLater = usedAfter[index] ?? new Set()
    const used = extracted.filter((name) => usedLater.has(name))
    if (used.length === 0) return
    const provider = providerOf(step.path)
    const sends = usedBy(step)
    const states: ProviderState[] = []
    const injected = new Map<string, string>()
    inferred.states.forEach((state, k) => {
      const covers = inferred.covers[k] ?? []
      const before = covers.every((i) => i < index)
      const own = isLookup(step) && covers.length === 1 && covers[0] === index
      if (!before && !own) return
      const provides = providedBy(state)
      const sameProvider = covers.some((i) => providerOf(steps[i]?.path ?? '') === provider)
      if (!own && !sameProvider && !provides.some((name) => sends.has(name))) return
      states.push(state)
      if (own) return
      for (const name of provides) injected.set(name, exampleId(name))
    })
    out.push({ index, step, used, states, injected })
  })
  return out
}
