/**
 * The reference's state handlers as a pact-js user would adapt them by hand for a bare
 * `Verifier`: resolve `${name}` params from what earlier states returned, drop specpact's
 * `provides` key and return the values the pact's `fromProviderState` expressions inject.
 * No failure reporting, no per-interaction bookkeeping: the bare minimum that passes. A
 * handler that throws is only logged by pact-js, which then replays the request anyway; the
 * benchmark counts those throws itself (`errors`), so its failure figure is not silently 0.
 */
import type { StateHandlers } from '../../src/provider'
import type { JsonValue } from '../../src/spec'

type Params = Record<string, JsonValue>
type PactJsHandlers = Record<string, (params?: unknown) => Promise<Params>>

export function bareStateHandlers(
  handlers: StateHandlers,
  variables: Readonly<Record<string, string>>,
  errors: { count: number } = { count: 0 },
): PactJsHandlers {
  // Values accumulate over the whole run: each interaction's states overwrite what they
  // provide before its request, which is all its expressions read.
  const values: Params = { ...variables }
  const resolve = (v: JsonValue): JsonValue =>
    typeof v === 'string'
      ? v.replace(/\$\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m))
      : v
  const out: PactJsHandlers = {}
  for (const [state, handler] of Object.entries(handlers)) {
    out[state] = async (raw) => {
      const { provides, ...params } = (raw ?? {}) as Params
      const resolved = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, resolve(v)]))
      const entity = await handler(resolved).catch((error: unknown) => {
        errors.count++
        throw error
      })
      for (const [name, field] of Object.entries((provides ?? {}) as Record<string, string>))
        values[name] = entity[field] as JsonValue
      return { ...values }
    }
  }
  return out
}
