/**
 * Filters are contracts. A list request filtered by values the states provide
 * (`GET /sessions?filter[channel_uid]=${channel_uid}`) passes against a provider that ignores
 * the filter as long as the states hold nothing else: the list then has the right items
 * anyway. So the interaction is also given entities the filter must exclude (the listed
 * entity's state again, with other filter values), and the list may hold no more items than
 * the states made that match every filter.
 *
 * Why a bound on the length, and not only the items' filter fields compared with the states'
 * values: the Pact verifier applies provider-state values to the request it sends but not to
 * the response it expects (checked with pact-core 19.2: a ProviderState generator at
 * `$.data.sessions[0].channel_uid` left the example in the expectation; pact_verifier's
 * `verify_response_from_provider` generates the request only), so a Pact matcher can only
 * compare a response with values known when the pact is written. The item check is
 * specpact's own: the pact's comments carry which item field must equal which `${value}`
 * (`filter.items`), and `specpact verify` compares them (provider/filter-items.ts); plain
 * Pact tools enforce the bound and the excluded states only.
 */
import type { JsonValue } from '../spec'
import { singular } from './infer'
import { segmentsOf } from './jsonpath'
import type { HttpInteraction, Matcher, ProviderState, Template } from './types'
import { exampleId } from './values'

/** `filter[channel_uid]` → `channel_uid`; a plain `channel_uid` stays. */
export const filterField = (key: string) => /^filter\[([^\]]+)\]$/.exec(key)?.[1] ?? key

interface ListAt {
  /** Keys down to the array. */
  keys: string[]
}

/** The first list of objects in a response template, breadth-first. */
function listOf(body: Template | undefined): ListAt | undefined {
  const queue: Array<{ t: Template; keys: string[] }> = body ? [{ t: body, keys: [] }] : []
  while (queue.length > 0) {
    const { t, keys } = queue.shift() as { t: Template; keys: string[] }
    if (t.kind === 'eachLike' && t.item.kind === 'object' && keys.length > 0) return { keys }
    if (t.kind === 'object') for (const [k, v] of t.fields) queue.push({ t: v, keys: [...keys, k] })
  }
  return undefined
}

function withMax(t: Template, keys: readonly string[], max: number): Template {
  const [key, ...rest] = keys
  if (key === undefined) return t.kind === 'eachLike' ? { ...t, min: Math.min(t.min, max), max } : t
  if (t.kind !== 'object') return t
  return {
    kind: 'object',
    fields: t.fields.map(([k, v]) => [k, k === key ? withMax(v, rest, max) : v]),
  }
}

/** The last key of an entity path: `$.data.session` → `session`. */
function entityName(path: string): string | undefined {
  const last = segmentsOf(path)?.at(-1)
  return last?.kind === 'key' ? last.name : undefined
}

/** `${name}` alone: a filter value taken as a whole from a state or the configuration. */
const wholeReference = (m: Matcher) =>
  m.kind === 'injected' ? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(m.expression)?.[1] : undefined

/**
 * `interaction` as a filter contract, when it is a GET listing entities one of its states
 * creates and at least one filter value comes from a state; else unchanged.
 *
 * @param entities JSONPath of each state's entity, parallel to `interaction.states`.
 * @param provided the variables states provide (not the configured ones).
 */
export function asFilterContract(
  interaction: HttpInteraction,
  entities: readonly string[],
  provided: ReadonlySet<string>,
): HttpInteraction {
  const { request, response } = interaction
  if (request.method !== 'GET') return interaction
  const filters = request.query.flatMap(([key, m]) => {
    const name = wholeReference(m)
    return name ? [{ field: filterField(key), name }] : []
  })
  if (!filters.some((f) => provided.has(f.name))) return interaction
  const list = listOf(response.body)
  const listed = list && singular(list.keys.at(-1) ?? '')
  const listing = interaction.states.filter((_, i) => entityName(entities[i] ?? '') === listed)
  const state = listing.at(-1)
  if (!list || !state) return interaction
  const excluded = exclusions(state, filters, provided)
  // Every state of the listed entity may match the filters; none of the excluded ones does.
  const max = listing.length
  return {
    ...interaction,
    states: [...interaction.states, ...excluded],
    response: { ...response, body: withMax(response.body as Template, list.keys, max) },
    filter: {
      fields: filters.map((f) => f.field),
      excludedFrom: interaction.states.length,
      max,
      list: list.keys,
      items: filters.map((f) => [f.field, `\${${f.name}}`]),
    },
  }
}

interface Filter {
  field: string
  name: string
}

/**
 * The listed entity's state again, with other filter values: once with
 * every filter value changed (another business's entity: what a provider ignoring the
 * filters would leak), and once per state-provided value alone (another channel's, another
 * contact's). A configured value alone is not changed: it names the tenant the others
 * belong to, and an entity of another business on this business's channel cannot exist.
 * Only the filter params and references to earlier states are kept: another literal (an
 * `external_uid`) may have to be unique, and the handler makes up its own.
 */
function exclusions(
  state: ProviderState,
  filters: readonly Filter[],
  provided: ReadonlySet<string>,
): ProviderState[] {
  const base = Object.fromEntries(
    Object.entries(state.params).filter(
      ([key, value]) =>
        filters.some((f) => f.field === key) ||
        (key !== 'provides' && typeof value === 'string' && /\$\{[A-Za-z_]/.test(value)),
    ),
  )
  const variants: Filter[][] = [filters.slice()]
  const alone = filters.filter((f) => provided.has(f.name))
  if (filters.length > 1) for (const f of alone) variants.push([f])
  // Each variant its own values: one entity of another business, one of another channel, …
  return variants.map((changed, n) => {
    const params: Record<string, JsonValue> = { ...base }
    for (const f of changed) {
      const key =
        f.field in params
          ? f.field
          : (Object.keys(params).find((p) => params[p] === `\${${f.name}}`) ?? f.field)
      params[key] = exampleId(`excluded ${n} ${f.field}`)
    }
    return { name: state.name, params }
  })
}
