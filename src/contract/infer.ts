/**
 * Provider states for prerequisites no catalog rule covers. The common shapes need no
 * catalog entry: a create (POST/PUT/PATCH) or a lookup (GET) of an entity is the state
 * "a coupon exists", named from the entity its response holds (`$.data.coupon`) or, when
 * that says nothing (`$.data`), from the path (`/v2/coupons`). A later step changing or
 * reading that entity (`PUT /coupons/{{coupon_uid}}`) is part of the same state.
 */
import { pathSegments } from '../shared'
import { findVariables, type Step } from '../spec'
import { type Segment, segmentsOf } from './jsonpath'

/** Keys that hold a response's payload rather than name what it is. */
const GENERIC_KEYS = new Set([
  'data',
  'result',
  'results',
  'items',
  'item',
  'entity',
  'entities',
  'records',
  'response',
  'body',
  'payload',
  'value',
  'values',
])

/** `sessions` → `session`, `entries` → `entry`, `addresses` → `address`, `status` stays. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y')
  if (/(ss|x|ch|sh|us)es$/.test(word)) return word.replace(/es$/, '')
  if (/(ss|us|is)$/.test(word)) return word
  if (/s$/.test(word)) return word.slice(0, -1)
  return word
}

/** `notification_templates` → `notification template`, `eventInstances` → `event instance`. */
export function entityWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
  const last = words.pop()
  return [...words, last === undefined ? '' : singular(last)].join(' ').trim()
}

/** "a coupon exists", "an event instance exists". */
export function existsName(words: string): string {
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} exists`
}

const isVariable = (segment: string) => /\{\{[^}]*\}\}/.test(segment)
const isVersion = (segment: string) => /^(v\d+(\.\d+)?|api)$/i.test(segment)

/** Literal resource segments of a path: no variables, no `v2`, no query string. */
function literalSegments(path: string): string[] {
  return pathSegments(path).filter((s) => s !== '' && !isVariable(s) && !isVersion(s))
}

/** The longest common prefix of segment lists. */
function commonPrefix(lists: ReadonlyArray<readonly Segment[]>): Segment[] {
  const [first, ...rest] = lists
  if (!first) return []
  let n = first.length
  for (const list of rest) {
    let i = 0
    while (i < n && i < list.length && JSON.stringify(list[i]) === JSON.stringify(first[i])) i++
    n = i
  }
  return first.slice(0, n)
}

function formatPath(segments: readonly Segment[]): string {
  return `$${segments.map((s) => (s.kind === 'key' ? `.${s.name}` : `[${s.index}]`)).join('')}`
}

export interface EntityOf {
  /** In plain words, e.g. `notification template`. */
  words: string
  /** What the step does to it, when its path ends in a verb: `reassign`, `connect`. */
  action: string | undefined
  /** JSONPath of the entity in the step's response, e.g. `$.data.notification_templates[0]`. */
  path: string
}

/**
 * The entity a step's response holds: the object its extracts read fields of, named by the
 * key holding it, else by the path's last resource segment.
 */
export function entityOf(step: Step): EntityOf {
  const extracted = Object.values(step.extract ?? {}).flatMap((p) => {
    const segments = segmentsOf(p)
    return segments && segments.length > 0 ? [segments.slice(0, -1)] : []
  })
  const prefix = commonPrefix(extracted)
  const key = [...prefix].reverse().find((s) => s.kind === 'key')
  const named = key?.kind === 'key' && !GENERIC_KEYS.has(key.name) ? key.name : undefined
  const literals = literalSegments(step.path)
  const last = literals.at(-1) ?? 'entity'
  // `PUT /matters/{{uid}}/reassign`, `PUT /calendar_items/connect`: an action on the
  // resource before it, not a resource of its own.
  const verb = step.method !== 'GET' && !looksPlural(last) && literals.length > 1
  const resource = verb ? (literals.at(-2) as string) : last
  return {
    words: entityWords(named ?? resource),
    action: verb && !named ? last.replace(/[_-]+/g, ' ') : undefined,
    path: formatPath(prefix),
  }
}

const looksPlural = (segment: string) => /s$/.test(segment) && !/(ss|us|is)$/.test(segment)

/** Names an earlier state provides, by state index. */
export interface EarlierState {
  provides: ReadonlySet<string>
  /** Whether the state was inferred here (its name may take an action), not the catalog's. */
  generic: boolean
}

export type GenericInference =
  /** A state of its own. */
  | { kind: 'new'; name: string; words: string; entity: string; action: string | undefined }
  /** Part of an earlier state (it changes or reads that state's entity). */
  | { kind: 'merge'; into: number; action: string | undefined }
  | { kind: 'unknown'; reason: string }

/** A trailing literal segment after the last variable: `/matters/{{uid}}/reassign` → reassign. */
function trailingAction(path: string): string | undefined {
  const segments = pathSegments(path).filter(Boolean)
  const last = segments.findLastIndex(isVariable)
  if (last < 0) return undefined
  const after = segments.slice(last + 1).filter((s) => !isVersion(s))
  return after.length > 0 ? after.join(' ') : undefined
}

/**
 * How a prerequisite no catalog rule covers becomes a state.
 * - A step whose path names a value an earlier state provides changes or reads that state's
 *   entity (PUT/PATCH, GET, a POST action such as `/coupons/{{uid}}/expire`): it joins it,
 *   unless it also needs a value of a state after that one. A collection under it
 *   (`POST /matters/{{uid}}/notes`, `GET /contacts/{{uid}}/matters`) is an entity of its own.
 * - Any other POST, PUT, PATCH or GET is "a <entity> exists".
 * - DELETE cannot be a state: something that no longer exists is set up by not creating it.
 */
export function inferGeneric(step: Step, earlier: readonly EarlierState[]): GenericInference {
  if (!['POST', 'PUT', 'PATCH', 'GET'].includes(step.method)) {
    return {
      kind: 'unknown',
      reason: `a ${step.method} prerequisite neither creates nor looks up an entity`,
    }
  }
  const inPath = new Set(findVariables(step.path).map((v) => v.name))
  let into = -1
  earlier.forEach((state, i) => {
    if ([...state.provides].some((name) => inPath.has(name))) into = i
  })
  const action = trailingAction(step.path)
  const collection = action !== undefined && looksPlural(action.split(' ').at(-1) ?? '')
  // A value of a later state cannot be an input of an earlier one: such a step stands alone.
  const uses = new Set(
    findVariables([step.path, step.params ?? null, step.body ?? null]).map((v) => v.name),
  )
  const needsLater = earlier.slice(into + 1).some((s) => [...s.provides].some((n) => uses.has(n)))
  if (into >= 0 && !collection && !needsLater) {
    return {
      kind: 'merge',
      into,
      action: earlier[into]?.generic && step.method !== 'GET' ? action : undefined,
    }
  }
  const entity = entityOf(step)
  return {
    kind: 'new',
    name: existsName(entity.words),
    words: entity.words,
    entity: entity.path,
    action: entity.action,
  }
}
