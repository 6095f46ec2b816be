/**
 * Workflow-level prerequisites, resolved as vCita's runner resolves them.
 *
 * The runner indexes every spec ("workflow") by its front matter's `endpoint`. Before it sends
 * a prerequisite step, it looks up the workflow of that step's endpoint (`METHOD path`, the
 * path as sent, variables substituted) and, when that workflow has prerequisites, runs them
 * first, recursively, at most five levels deep. They run in a context holding everything this
 * spec has so far (configured values, extracted values) and fresh date variables; afterwards
 * all of that context is merged back, so what they extract replaces this spec's values of the
 * same names for the steps after (the date variables too, recomputed a moment later). The
 * step itself was resolved before they ran: it keeps the earlier values. Their steps send
 * their own `token` (else the default token), described by their own workflow's swagger.
 *
 * Here that becomes an expanded list of prerequisites — the workflow's steps inserted before
 * the step that pulls them in — in which every name has one meaning: a value that a later
 * workflow step replaces, but that an earlier step uses, is renamed (`channel_uid` →
 * `channel_uid_1`), so inference, provider states and derived interactions need nothing new.
 * A value the test request uses keeps its name: it is the last one, as in the runner.
 */
import { type HttpSpec, type JsonValue, parseTemplate, type Spec, type Step } from '../spec'
import { TEMPLATED, usedBy } from './prerequisites'

/** How deep the runner follows workflows of workflow steps (`depth < 5`). */
export const MAX_WORKFLOW_DEPTH = 5

/** The runner's index: `METHOD path` of a front matter's endpoint → its workflow. */
export type WorkflowIndex = ReadonlyMap<string, HttpSpec>

/** Compares paths as the runner scans its folder: sorted names, each folder depth first. */
function scanOrder(a: string, b: string): number {
  const x = a.split(/[\\/]/)
  const y = b.split(/[\\/]/)
  for (const [i, p] of x.entries()) {
    const q = y[i]
    if (q === undefined) break
    if (p !== q) return p < q ? -1 : 1
  }
  return x.length - y.length
}

/**
 * The workflows of a project, as the runner indexes them: by endpoint, a later file (in its
 * scan order) replacing an earlier one of the same endpoint.
 */
export function workflowIndex(specs: readonly Spec[]): WorkflowIndex {
  const index = new Map<string, HttpSpec>()
  const http = specs.filter((s): s is HttpSpec => s.kind === 'http')
  for (const spec of [...http].sort((a, b) => scanOrder(a.file, b.file)))
    index.set(spec.frontMatter.endpoint.trim(), spec)
  return index
}

/**
 * The workflow the runner finds for a step: only a literal path can equal an endpoint (a
 * `{{variable}}` is substituted by a value before the lookup, and endpoints name `{uid}`).
 */
export function workflowOf(step: Step, index: WorkflowIndex): HttpSpec | undefined {
  if (step.path.includes('{{')) return undefined
  return index.get(`${step.method} ${step.path}`)
}

/**
 * The runner reads a workflow's prerequisites only from a section headed exactly
 * `## Prerequisites`; specpact's reader is more tolerant.
 */
function runnerPrerequisites(spec: HttpSpec): Step[] {
  const exact = spec.sections.some((s) => s.level === 2 && s.heading === 'Prerequisites')
  return exact ? spec.prerequisites : []
}

/** Where a step of the expanded list comes from. */
export type StepOrigin =
  | { kind: 'own'; index: number }
  | {
      kind: 'workflow'
      /** The own prerequisite that pulls it in. */
      via: number
      /** The workflow whose prerequisite it is, and its index there. */
      workflow: HttpSpec
      index: number
      /** The workflows from the own step down to it, outermost first. */
      chain: HttpSpec[]
    }

export interface Expansion {
  /** The spec with its prerequisites as the runner runs them (the original when none). */
  spec: HttpSpec
  /** Parallel to `spec.prerequisites`. */
  origins: StepOrigin[]
  /** Own prerequisite index → the workflow whose prerequisites run before it. */
  pulls: Map<number, { workflow: HttpSpec; steps: number }>
  /**
   * Own prerequisite index → names this spec extracted before it that its workflow's steps
   * extract again, and that a later step then uses: the runner sends their values, not the
   * spec's.
   */
  replaced: Map<number, string[]>
  /**
   * Indexes of the workflows' steps whose values reach this spec's own steps or requests.
   * The others only serve their own workflow, whose translation verifies their responses.
   */
  reaching: ReadonlySet<number>
  /** A renamed value → the name the spec wrote. */
  aliases: ReadonlyMap<string, string>
}

interface Flat {
  step: Step
  origin: StepOrigin
  /** Index of the first flat entry run before this step's own request was resolved. */
  bindAt: number
}

function flatten(
  steps: readonly Step[],
  index: WorkflowIndex,
  depth: number,
  out: Flat[],
  within: { via: number; chain: HttpSpec[]; prefix: string } | undefined,
): void {
  steps.forEach((step, i) => {
    const workflow = workflowOf(step, index)
    const inner = workflow ? runnerPrerequisites(workflow) : []
    const bindAt = out.length
    // Ids stay unique: a workflow's `get_client` beside this spec's own `get_client`.
    const id = within ? `${within.prefix}/${step.id}` : step.id
    if (workflow && inner.length > 0 && depth < MAX_WORKFLOW_DEPTH) {
      flatten(inner, index, depth + 1, out, {
        via: within?.via ?? i,
        chain: [...(within?.chain ?? []), workflow],
        prefix: id,
      })
    }
    let resolved: Step = id === step.id ? step : { ...step, id }
    // A step whose endpoint's workflow says `useFallbackApi: true` goes to the fallback API.
    if (workflow?.frontMatter.useFallbackApi === true && resolved.useFallback !== true)
      resolved = { ...resolved, useFallback: true }
    const origin: StepOrigin = within
      ? {
          kind: 'workflow',
          via: within.via,
          workflow: within.chain.at(-1) as HttpSpec,
          index: i,
          chain: within.chain,
        }
      : { kind: 'own', index: i }
    out.push({ step: resolved, origin, bindAt })
  })
}

/** `{{x}}`, `{{ x }}`, `{{resolved.x}}`, `{{x | slice: -4}}` with `x` renamed. */
function renameIn<T extends JsonValue>(value: T, names: ReadonlyMap<string, string>): T {
  if (names.size === 0) return value
  const rename = (v: JsonValue): JsonValue => {
    if (typeof v === 'string')
      return v.replace(/\{\{([^{}]*)\}\}/g, (raw, inner: string) => {
        const parsed = parseTemplate(inner)
        if (!parsed.ok || parsed.namespace === 'config') return raw
        const alias = names.get(parsed.name)
        if (alias === undefined) return raw
        const [head = '', ...filters] = inner.split('|')
        const renamed = head.replace(/[A-Za-z_][A-Za-z0-9_]*(\s*)$/, `${alias}$1`)
        return `{{${[renamed, ...filters].join('|')}}}`
      })
    if (Array.isArray(v)) return v.map(rename)
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rename(x)]))
    return v
  }
  return rename(value) as T
}

function renameStep(
  step: Step,
  uses: ReadonlyMap<string, string>,
  extracts: ReadonlyMap<string, string>,
): Step {
  // Most steps use and extract no renamed name: they stay as they are.
  if (uses.size === 0 && extracts.size === 0) return step
  const out: Step = { ...step }
  for (const key of TEMPLATED) {
    const value = step[key]
    if (value !== undefined) (out as Record<string, unknown>)[key] = renameIn(value, uses)
  }
  if (step.extract && extracts.size > 0)
    out.extract = Object.fromEntries(
      Object.entries(step.extract).map(([name, path]) => [extracts.get(name) ?? name, path]),
    )
  return out
}

/**
 * One meaning per name: each extraction is a generation of its name; a reference binds to
 * the latest generation before the point its step was resolved at. The last generation
 * keeps the name (the test request and anything after see it); an earlier one that a step
 * uses is renamed `name_<n>`.
 */
function renameGenerations(
  flat: readonly Flat[],
  taken: ReadonlySet<string>,
  aliases: Map<string, string>,
): Step[] {
  const generations = new Map<string, number[]>()
  flat.forEach(({ step }, k) => {
    for (const name of Object.keys(step.extract ?? {})) {
      const ks = generations.get(name)
      if (ks) ks.push(k)
      else generations.set(name, [k])
    }
  })
  /** The last generation of `name` before `at` (generations are in increasing order). */
  const latestBefore = (name: string, at: number) => {
    const ks = generations.get(name) ?? []
    for (let n = ks.length - 1; n >= 0; n--) if ((ks[n] as number) < at) return ks[n]
    return undefined
  }
  const referenced = new Set<string>()
  flat.forEach(({ step, bindAt }) => {
    for (const name of usedBy(step)) {
      const k = latestBefore(name, bindAt)
      if (k !== undefined) referenced.add(`${name}\u0000${k}`)
    }
  })
  const used = new Set(taken)
  const alias = new Map<string, string>()
  for (const [name, ks] of generations) {
    ks.forEach((k, n) => {
      if (n === ks.length - 1 || !referenced.has(`${name}\u0000${k}`)) return
      let candidate = `${name}_${n + 1}`
      while (used.has(candidate)) candidate = `${candidate}_`
      used.add(candidate)
      alias.set(`${name}\u0000${k}`, candidate)
      aliases.set(candidate, name)
    })
  }
  if (alias.size === 0) return flat.map((f) => f.step)
  return flat.map(({ step, bindAt }, k) => {
    const uses = new Map<string, string>()
    for (const name of usedBy(step)) {
      const g = latestBefore(name, bindAt)
      const a = g === undefined ? undefined : alias.get(`${name}\u0000${g}`)
      if (a) uses.set(name, a)
    }
    const extracts = new Map<string, string>()
    for (const name of Object.keys(step.extract ?? {})) {
      const a = alias.get(`${name}\u0000${k}`)
      if (a) extracts.set(name, a)
    }
    return renameStep(step, uses, extracts)
  })
}

/** Every variable name a spec's steps use or extract (aliases must not clash with one). */
function namesOf(spec: HttpSpec, flat: readonly Flat[]): Set<string> {
  const names = new Set<string>()
  for (const step of [...flat.map((f) => f.step), ...spec.requests]) {
    for (const n of usedBy(step)) names.add(n)
    for (const n of Object.keys(step.extract ?? {})) names.add(n)
  }
  return names
}

/** Locations of the expanded list: own steps keep theirs, inserted ones point at their puller. */
function locationsOf(spec: HttpSpec, origins: readonly StepOrigin[]): HttpSpec['locations'] {
  return {
    at(path) {
      const m = /^prerequisites\[(\d+)\]/.exec(path)
      const origin = m ? origins[Number(m[1])] : undefined
      if (!m || !origin) return spec.locations.at(path)
      const own = origin.kind === 'own' ? origin.index : origin.via
      return spec.locations.at(`prerequisites[${own}]${path.slice(m[0].length)}`)
    },
  }
}

/** A spec's prerequisites with its steps' workflow prerequisites, as the runner runs them. */
export function expandWorkflows(spec: HttpSpec, index: WorkflowIndex): Expansion {
  const flat: Flat[] = []
  flatten(spec.prerequisites, index, 0, flat, undefined)
  const pulls = new Map<number, { workflow: HttpSpec; steps: number }>()
  for (const f of flat) {
    if (f.origin.kind !== 'workflow') continue
    const outer = f.origin.chain[0] as HttpSpec
    const entry = pulls.get(f.origin.via)
    pulls.set(f.origin.via, { workflow: outer, steps: (entry?.steps ?? 0) + 1 })
  }
  const origins = flat.map((f) => f.origin)
  const { replaced, reaching } = readByOwnSteps(spec, flat)
  const aliases = new Map<string, string>()
  const changed = pulls.size > 0 || flat.some((f, i) => f.step !== spec.prerequisites[i])
  if (!changed) return { spec, origins, pulls, replaced, reaching, aliases }
  const steps = renameGenerations(flat, namesOf(spec, flat), aliases)
  const expanded: HttpSpec = {
    ...spec,
    prerequisites: steps,
    locations: locationsOf(spec, origins),
  }
  return { spec: expanded, origins, pulls, replaced, reaching, aliases }
}

/** See `Expansion.replaced` and `Expansion.reaching`. */
function readByOwnSteps(spec: HttpSpec, flat: readonly Flat[]) {
  const replaced = new Map<number, Set<string>>()
  const reaching = new Set<number>()
  const readers = [
    ...flat.filter((f) => f.origin.kind === 'own').map((f) => ({ step: f.step, bindAt: f.bindAt })),
    ...spec.requests.map((step) => ({ step, bindAt: flat.length })),
  ]
  const extracts = (f: Flat | undefined, name: string) =>
    f?.step.extract !== undefined && Object.hasOwn(f.step.extract, name)
  for (const { step, bindAt } of readers) {
    for (const name of usedBy(step)) {
      let g = bindAt - 1
      while (g >= 0 && !extracts(flat[g], name)) g--
      const origin = flat[g]?.origin
      if (origin?.kind !== 'workflow') continue
      reaching.add(g)
      const first = flat.findIndex(
        (f) => f.origin.kind === 'workflow' && f.origin.via === origin.via,
      )
      let own = false
      for (let k = 0; k < first && !own; k++)
        own = flat[k]?.origin.kind === 'own' && extracts(flat[k], name)
      if (own) replaced.set(origin.via, (replaced.get(origin.via) ?? new Set()).add(name))
    }
  }
  return {
    replaced: new Map([...replaced].map(([k, v]) => [k, [...v].sort()])),
    reaching,
  }
}
