/**
 * Prerequisite-derived interactions across specs: many specs make the same prerequisite
 * request (ten look a client up), and a provider developer wants one interaction per
 * distinct request shape and status, named after the request and saying who relies on it.
 */
import type { JsonValue } from '../spec'
import { endpointKey } from './extracts'
import type { HttpInteraction, Matcher, StatusRule, Template } from './types'

/** A prerequisite's interaction before merging, with the provider whose pact it joins. */
export interface DerivedInteraction {
  provider: string
  interaction: HttpInteraction
}

/** The keys of a body, recursively: values do not make a request of another shape. */
function skeleton(t: Template | undefined): JsonValue {
  if (t === undefined) return null
  switch (t.kind) {
    case 'object':
      return Object.fromEntries(
        // By code units: the order only has to be the same for equal key sets.
        [...t.fields]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, skeleton(v)]),
      )
    case 'array':
      return t.items.map(skeleton)
    case 'eachLike':
      return [skeleton(t.item)]
    default:
      return '*'
  }
}

const statusText = (s: StatusRule) =>
  s.kind === 'exact' ? String(s.status) : [...s.statuses].sort().join(' or ')

const pathOf = (m: Matcher): string =>
  m.kind === 'literal' ? String(m.value) : m.kind === 'injected' ? m.expression : String(m.example)

/**
 * What makes two interactions the same one: provider, method, endpoint, query names,
 * header names, body keys, status, and the states (by name) they are given.
 */
export function shapeOf(provider: string, i: HttpInteraction): string {
  const { request, response } = i
  return JSON.stringify([
    provider,
    endpointKey(request.method, pathOf(request.path).replace(/\$\{[^}]*\}/g, '{{x}}')),
    request.query.map(([k]) => k).sort(),
    request.headers.map(([k]) => k.toLowerCase()).sort(),
    skeleton(request.body),
    statusText(response.status),
    i.states.map((s) => s.name),
  ])
}

/** Whether `own` (a spec's request) already verifies what `derived` would. */
function covers(provider: string, own: HttpInteraction, derived: HttpInteraction): boolean {
  if (own.response.status.kind !== 'exact') return false
  const status = own.response.status.status
  const accepted =
    derived.response.status.kind === 'exact'
      ? [derived.response.status.status]
      : derived.response.status.statuses
  if (!accepted.includes(status)) return false
  const withStatus = (i: HttpInteraction, s: StatusRule) => ({
    ...i,
    response: { ...i.response, status: s },
  })
  return (
    shapeOf(provider, withStatus(own, { kind: 'exact', status })) ===
    shapeOf(provider, withStatus(derived, { kind: 'exact', status }))
  )
}

/**
 * `POST /business/communication/sessions → 200 or 201, given channel is active, client
 * exists`: the request as its template, the statuses, the states. Unique per shape, because
 * Pact merges interactions of equal description and states, and reports name them.
 */
export function derivedDescription(i: HttpInteraction): string {
  const template = pathOf(i.request.path).replace(/\$\{([^}]*)\}/g, '{$1}')
  const states = i.states.map((s) => s.name)
  const given = states.length > 0 ? `, given ${[...new Set(states)].join(', ')}` : ''
  return `${i.request.method} ${template} → ${statusText(i.response.status)}${given}`
}

/**
 * One interaction per provider and shape: the first spec's (in the order given) is kept, and
 * every spec relying on the shape is listed on it. A shape a spec's own request already
 * verifies yields none. Descriptions that two shapes would share get ` (variant n)`, in the
 * order of their shapes, so the names do not depend on the order of the spec files.
 */
export function mergeDerived(
  own: readonly DerivedInteraction[],
  derived: readonly DerivedInteraction[],
): DerivedInteraction[] {
  // Own interactions by provider and request line: comparing each derived one with every
  // spec's own request would be quadratic in the number of specs.
  const line = (provider: string, i: HttpInteraction) =>
    `${provider}\u0000${endpointKey(i.request.method, pathOf(i.request.path).replace(/\$\{[^}]*\}/g, '{{x}}'))}`
  const ownByLine = new Map<string, DerivedInteraction[]>()
  for (const o of own) {
    const key = line(o.provider, o.interaction)
    const list = ownByLine.get(key)
    if (list) list.push(o)
    else ownByLine.set(key, [o])
  }
  const byShape = new Map<string, DerivedInteraction>()
  for (const d of derived) {
    const shape = shapeOf(d.provider, d.interaction)
    const kept = byShape.get(shape)
    if (kept) {
      const source = kept.interaction.prerequisite
      const extra = d.interaction.prerequisite
      if (source && extra) {
        source.reliedOnBy.push(...extra.reliedOnBy)
        for (const name of extra.uses) if (!source.uses.includes(name)) source.uses.push(name)
      }
      continue
    }
    const coveredBy = (ownByLine.get(line(d.provider, d.interaction)) ?? []).find((o) =>
      covers(d.provider, o.interaction, d.interaction),
    )
    if (coveredBy) continue
    const source = d.interaction.prerequisite
    byShape.set(shape, {
      provider: d.provider,
      interaction: {
        ...d.interaction,
        prerequisite: source && { reliedOnBy: [...source.reliedOnBy], uses: [...source.uses] },
      },
    })
  }
  const byName = new Map<string, Array<[string, DerivedInteraction]>>()
  for (const [shape, d] of byShape) {
    const key = `${d.provider}\u0000${derivedDescription(d.interaction)}`
    const group = byName.get(key)
    if (group) group.push([shape, d])
    else byName.set(key, [[shape, d]])
  }
  const out: DerivedInteraction[] = []
  for (const group of byName.values()) {
    group.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    group.forEach(([, d], n) => {
      const base = derivedDescription(d.interaction)
      const description = group.length > 1 ? `${base} (variant ${n + 1})` : base
      out.push({ provider: d.provider, interaction: { ...d.interaction, description } })
    })
  }
  return out
}
