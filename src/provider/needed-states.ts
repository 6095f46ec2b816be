/**
 * What a provider must implement to be verified: every provider state its pacts need, with
 * the params each is called with (and example values), the values it must provide (fields
 * of the entity it returns), and the interactions that need it. Pure: pacts in, data out.
 */
import type { JsonValue } from '../spec'
import { isMessage } from './messages'
import type { PactJson } from './pacts'

export interface NeededState {
  name: string
  /** Param name → the example values the pacts call it with (a `${x}` is an earlier state's value). */
  params: Record<string, JsonValue[]>
  /** Consumer variable → field of the returned entity that holds it (`channel_uid` → `uid`). */
  provides: Record<string, string>
  /** Descriptions of the interactions whose states include this one. */
  interactions: string[]
  /** States that come before this one in some interaction (their values may be referenced). */
  after: string[]
}

export interface ProviderNeeds {
  provider: string
  states: NeededState[]
  interactions: number
  messages: Array<{ description: string; event: string | undefined }>
}

const isRecord = (v: unknown): v is Record<string, JsonValue> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** One entry per provider of `pacts`, states in the order they are first needed. */
export function neededStates(pacts: readonly PactJson[]): ProviderNeeds[] {
  const byProvider = new Map<string, ProviderNeeds>()
  for (const pact of pacts) {
    const provider = pact.provider.name
    const needs = byProvider.get(provider) ?? {
      provider,
      states: [],
      interactions: 0,
      messages: [],
    }
    byProvider.set(provider, needs)
    for (const interaction of pact.interactions) {
      needs.interactions++
      if (isMessage(interaction)) {
        const event = isRecord(interaction.metadata)
          ? interaction.metadata['X-Webhook-Event']
          : undefined
        needs.messages.push({
          description: interaction.description,
          event: typeof event === 'string' ? event : undefined,
        })
      }
      const before: string[] = []
      for (const ps of interaction.providerStates ?? []) {
        let state = needs.states.find((s) => s.name === ps.name)
        if (!state) {
          state = { name: ps.name, params: {}, provides: {}, interactions: [], after: [] }
          needs.states.push(state)
        }
        const { provides, ...params } = ps.params ?? {}
        for (const [key, value] of Object.entries(params)) {
          const seen = state.params[key] ?? []
          if (!seen.some((v) => JSON.stringify(v) === JSON.stringify(value))) seen.push(value)
          state.params[key] = seen
        }
        if (isRecord(provides))
          for (const [name, field] of Object.entries(provides)) state.provides[name] = String(field)
        if (!state.interactions.includes(interaction.description))
          state.interactions.push(interaction.description)
        for (const b of before) if (!state.after.includes(b)) state.after.push(b)
        before.push(ps.name)
      }
    }
  }
  return [...byProvider.values()]
}
