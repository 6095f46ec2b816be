/**
 * The items of a filter contract's list carry the filter values: what Pact itself cannot
 * check, because its verifier puts provider-state values into the request it sends but not
 * into the response it expects. specpact's gateway sees both the states' values and the
 * provider's answer, so it checks them: every item of the list must hold, in each filter
 * field it has, the value the request filtered by. The pact says what to check in the
 * interaction's comments (written by pact/render.ts):
 *
 *   "comments": {"specpact": {"filter": {"list": "$.data.sessions",
 *     "items": {"channel_uid": "${channel_uid}", "business_uid": "${business_id}"}}}}
 *
 * An item without one of those fields is not checked for it (the contract's body says which
 * fields an item has); the list's length bound and the excluded states still apply.
 */
import { z } from 'zod'
import type { JsonValue } from '../spec'
import type { VerificationFailure } from './failure'
import type { PactInteraction } from './pacts'

export interface FilterItems {
  /** Keys from the body's root down to the list. */
  list: string[]
  /** Item field → `${name}` expression of the value the request filtered by. */
  items: Record<string, string>
}

const FilterItemsSchema = z.object({
  filter: z.object({
    list: z.string().regex(/^\$(\.[A-Za-z_][A-Za-z0-9_-]*)+$/),
    items: z.record(z.string(), z.string()),
  }),
})

/** The item check an interaction's comments ask for, if any (a malformed one is ignored). */
export function filterItemsOf(interaction: PactInteraction): FilterItems | undefined {
  const parsed = FilterItemsSchema.safeParse(interaction.comments?.specpact)
  if (!parsed.success) return undefined
  const { list, items } = parsed.data.filter
  return { list: list.slice(2).split('.'), items }
}

const isObject = (v: unknown): v is Record<string, JsonValue> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

const shown = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v))

/**
 * Failures for the items of `body`'s list whose filter fields hold other values than the
 * request filtered by. `resolve` gives an expression's value from the interaction's states
 * (undefined when none provided it: that field is not checked).
 */
export function checkFilterItems(
  check: FilterItems,
  body: unknown,
  resolve: (expression: string) => JsonValue | undefined,
): VerificationFailure[] {
  let node: unknown = body
  for (const key of check.list) node = isObject(node) ? node[key] : undefined
  if (!Array.isArray(node)) return []
  const path = `$.${check.list.join('.')}`
  const failures: VerificationFailure[] = []
  node.forEach((item, i) => {
    if (!isObject(item)) return
    for (const [field, expression] of Object.entries(check.items)) {
      if (!(field in item)) continue
      const wanted = resolve(expression)
      if (wanted === undefined || String(item[field]) === String(wanted)) continue
      failures.push({
        kind: 'mismatch',
        area: 'body',
        path: `${path}[${i}].${field}`,
        text: `Expected ${shown(wanted)} (the request's filter by ${field}) but received ${shown(item[field])}: the list holds an item its filter excludes${typeof item.uid === 'string' ? ` (uid '${item.uid}')` : ''}`,
      })
    }
  })
  return failures
}
