/**
 * Prerequisite steps → provider states, by the catalog's inference rules. Every
 * prerequisite is covered by exactly one state or reported; none is dropped silently.
 */
import { isDeepStrictEqual } from 'node:util'
import { findVariables, type JsonValue, type Spec, type Step } from '../spec'
import type { Catalog, StateDefinition, StepPattern } from './catalog'
import type { ContractDiagnostic } from './errors'
import { entityWords, inferGeneric } from './infer'
import { formatSegments, relativeTo, segmentsOf } from './jsonpath'
import { at } from './locate'
import { pathFit } from './openapi'
import type { ProviderState } from './types'
import { exampleId, paramValue, type ValueContext } from './values'

export interface InferredStates {
  states: ProviderState[]
  /** The prerequisite indexes each state replaces, parallel to `states`. */
  covers: number[][]
  /** JSONPath of the entity each state's handler returns, parallel to `states`. */
  entities: string[]
  /** Variables the states provide, with their example values. */
  injected: Map<string, string>
  diagnostics: ContractDiagnostic[]
}

export const pathMatches = (pattern: string, path: string): boolean =>
  pathFit(pattern, path) !== undefined

function stepMatches(pattern: StepPattern, step: Step): boolean {
  if (pattern.method !== step.method || !pathMatches(pattern.path, step.path)) return false
  const body = step.body
  if (!pattern.body) return true
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false
  return Object.entries(pattern.body).every(([k, v]) => isDeepStrictEqual(body[k], v))
}

const extractsOf = (step: Step) => Object.keys(step.extract ?? {})

/** The steps at `indexes`, which are indexes of `steps`. */
const stepsAt = (steps: readonly Step[], indexes: readonly number[]): Step[] =>
  indexes.flatMap((i) => steps[i] ?? [])

/** A later step of a rule must use a value the earlier steps extracted, when they do. */
function linked(earlier: Step[], step: Step): boolean {
  const names = new Set(earlier.flatMap(extractsOf))
  if (names.size === 0) return true
  const used = [step.path, step.params, step.body, step.headers].flatMap((v) =>
    findVariables(v).map((u) => u.name),
  )
  return used.some((n) => names.has(n))
}

interface Match {
  state: StateDefinition
  steps: number[]
  /** Inferred without a catalog rule (see infer.ts). */
  generic?: { actions: string[] }
}

/** The entity of a catalog state in words: `$.data.clients[0]` → `client`. */
function catalogWords(state: StateDefinition): string | undefined {
  const key = [...(segmentsOf(state.entity) ?? [])].reverse().find((s) => s.kind === 'key')
  return key?.kind === 'key' ? entityWords(key.name) : undefined
}

/**
 * The catalog's name for an entity when exactly one of its states returns that entity
 * ("client exists" for a created client): the seeds' states keep their names.
 */
function catalogName(catalog: Catalog, words: string): string | undefined {
  const named = catalog.states.filter((s) => catalogWords(s) === words)
  return named.length === 1 ? named[0]?.name : undefined
}

/** The longest rule starting at step `start` whose other steps follow, unconsumed. */
function matchAt(start: number, steps: Step[], consumed: Set<number>, catalog: Catalog) {
  let best: Match | undefined
  for (const state of catalog.states) {
    for (const rule of state.infer) {
      const [first, ...rest] = rule.steps
      const step = steps[start]
      if (!first || !step || !stepMatches(first, step)) continue
      const picked = [start]
      let next = start + 1
      for (const pattern of rest) {
        while (next < steps.length) {
          const candidate = steps[next]
          const ok =
            candidate !== undefined &&
            !consumed.has(next) &&
            stepMatches(pattern, candidate) &&
            linked(stepsAt(steps, picked), candidate)
          next++
          if (ok) {
            picked.push(next - 1)
            break
          }
        }
      }
      if (picked.length === rule.steps.length && picked.length > (best?.steps.length ?? 0)) {
        best = { state, steps: picked }
      }
    }
  }
  return best
}

function inputsOf(steps: Step[]): Record<string, JsonValue> {
  const params: Record<string, JsonValue> = {}
  for (const step of steps) {
    Object.assign(params, step.params ?? {})
    const body = step.body
    if (body !== null && typeof body === 'object' && !Array.isArray(body))
      Object.assign(params, body)
  }
  return params
}

export function inferStates(spec: Spec, catalog: Catalog, ctx: ValueContext): InferredStates {
  const steps = spec.prerequisites
  const consumed = new Set<number>()
  const matches: Match[] = []
  const diagnostics: ContractDiagnostic[] = []
  steps.forEach((step, i) => {
    if (consumed.has(i)) return
    const match = matchAt(i, steps, consumed, catalog)
    if (match) {
      for (const index of match.steps) consumed.add(index)
      matches.push(match)
      return
    }
    const earlier = matches.map((m) => ({
      provides: new Set(stepsAt(steps, m.steps).flatMap(extractsOf)),
      generic: m.generic !== undefined,
    }))
    const inferred = inferGeneric(step, earlier)
    consumed.add(i)
    if (inferred.kind === 'merge') {
      const into = matches[inferred.into]
      // inferGeneric merges only into one of `earlier`, which are these matches.
      if (!into)
        throw new Error(`state inference merged into state ${inferred.into} of ${matches.length}`)
      into.steps.push(i)
      if (inferred.action) into.generic?.actions.push(inferred.action)
      return
    }
    if (inferred.kind === 'new') {
      const name = catalogName(catalog, inferred.words) ?? inferred.name
      matches.push({
        state: { name, entity: inferred.entity, infer: [] },
        steps: [i],
        generic: { actions: inferred.action ? [inferred.action] : [] },
      })
      return
    }
    diagnostics.push({
      ...at(spec, `prerequisites[${i}]`),
      code: 'uncovered-prerequisite',
      severity: 'error',
      message: `step "${step.id}" (${step.method} ${step.path}) cannot be a provider state: ${inferred.reason}; add an infer rule to the state catalog (states.yaml) or move the step`,
      expected: 'a step that creates (POST, PUT, PATCH) or looks up (GET) an entity',
      found: `${step.method} ${step.path}`,
    })
  })
  const injected = new Map<string, string>()
  const states: ProviderState[] = []
  for (const match of matches) {
    const matched = stepsAt(steps, match.steps)
    const params: Record<string, JsonValue> = {}
    for (const [key, value] of Object.entries(inputsOf(matched))) {
      params[key] = paramValue(value, { ...ctx, injected })
    }
    const provides = providesOf(spec, match, matched, diagnostics)
    if (Object.keys(provides).length > 0) params.provides = provides
    for (const name of Object.keys(provides)) injected.set(name, exampleId(name))
    const actions = match.generic?.actions ?? []
    const name =
      actions.length > 0 ? `${match.state.name} (${actions.join(', ')})` : match.state.name
    states.push({ name, params })
  }
  return {
    states,
    covers: matches.map((m) => m.steps),
    entities: matches.map((m) => m.state.entity),
    injected,
    diagnostics,
  }
}

function providesOf(spec: Spec, match: Match, matched: Step[], diagnostics: ContractDiagnostic[]) {
  const entity = segmentsOf(match.state.entity) ?? []
  const provides: Record<string, string> = {}
  matched.forEach((step, k) => {
    for (const [name, path] of Object.entries(step.extract ?? {})) {
      const segments = segmentsOf(path) ?? []
      let relative = relativeTo(segments, entity)
      if (!relative) {
        relative = segments.slice(-1)
        diagnostics.push({
          ...at(spec, `prerequisites[${match.steps[k]}].extract`),
          path: `prerequisites[${match.steps[k]}].extract.${name}`,
          code: 'extract-outside-entity',
          severity: 'warning',
          message: `step "${step.id}" extracts ${name} from ${path}, but "${match.state.name}" returns the entity at ${match.state.entity}; using ${match.state.entity}${formatSegments(relative)}`,
          expected: `a path under ${match.state.entity}`,
          found: path,
        })
      }
      provides[name] = formatSegments(relative).replace(/^\./, '')
    }
  })
  return provides
}

/** A state as translation infers it, with its catalog definition and the steps it covers. */
export interface CoveredState {
  /** The catalog's definition; undefined for a state inferred without a catalog rule. */
  state: StateDefinition | undefined
  /** Indices of the prerequisites the state replaces, in order. */
  steps: number[]
}

/**
 * Which state covers which prerequisites, exactly as translation infers them. Live runs use
 * it to attach a catalog state's `waitFor` to the state's last step.
 */
export function matchStates(spec: Spec, catalog: Catalog): CoveredState[] {
  const inferred = inferStates(spec, catalog, { configured: {}, injected: new Map() })
  return inferred.states.map((state, i) => ({
    state: catalog.states.find((s) => s.name === state.name),
    steps: inferred.covers[i] ?? [],
  }))
}
