/**
 * specpact's side of provider states during verification. It resolves `${name}` references
 * in params from values earlier states provided, maps each returned entity to the consumer's
 * variables through `provides`, and — unlike pact-js, which only logs a throwing handler and
 * carries on — records the failure so the interaction fails with the state, spec and cause.
 */
import { DOLLAR_BRACE } from '../contract'
import { type JsonValue, parseJsonText } from '../shared'
import type { MessageProducers } from './messages'
import type { Entity, StateHandler, StateHandlers } from './types'

export interface StateFailure {
  state: string
  cause: string
}

/** How a state is set up: in-process handlers, or a provider's own state-change URL. */
export type StateSource =
  | {
      kind: 'handlers'
      handlers: StateHandlers
      /** The provider's message producers by event, for the pacts' message interactions. */
      messages?: MessageProducers
      /**
       * Removes what the states of an interaction set up, before the next one: without it
       * one interaction's data can make another pass (a list that ignores its filter finds
       * the entities an earlier interaction left behind).
       */
      teardown?: () => Promise<void>
    }
  | { kind: 'url'; url: string }

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

function resolveRefs(
  value: JsonValue,
  values: Record<string, JsonValue>,
  missing: string[],
): JsonValue {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value)
    if (whole && (whole[1] as string) in values) return values[whole[1] as string] as JsonValue
    return value.replace(REFERENCE, (m, name: string) => {
      if (name in values) return String(values[name])
      missing.push(name)
      return m
    })
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, values, missing))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveRefs(v, values, missing)]),
    )
  }
  return value
}

function pick(entity: Entity, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = entity
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(node)) node = node[Number(part)]
    else if (node !== null && typeof node === 'object') node = node[part]
    else return undefined
  }
  return node
}

async function callUrl(
  url: string,
  state: string,
  params: Record<string, JsonValue>,
  action: 'setup' | 'teardown' = 'setup',
): Promise<Entity> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state, params, action }),
    signal: AbortSignal.timeout(STATE_CHANGE_TIMEOUT_MS),
  })
  const text = await response.text()
  if (!response.ok)
    throw new Error(`state-change URL answered ${response.status}: ${text.slice(0, 200)}`)
  return entityOf(url, text)
}

/** A state-change answer that sets nothing up cannot hang a verification. */
const STATE_CHANGE_TIMEOUT_MS = 30_000

/** The entity a state-change URL answered: a JSON object, or nothing (an empty body). */
function entityOf(url: string, text: string): Entity {
  if (text.trim() === '') return {}
  let value: JsonValue
  try {
    value = parseJsonText(text)
  } catch {
    throw new Error(
      `state-change URL ${url} answered 200 with a body that is not JSON: ${text.slice(0, 200)}`,
    )
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      `state-change URL ${url} answered 200 with ${JSON.stringify(value).slice(0, 100)}, not the entity as a JSON object`,
    )
  }
  return value
}

/**
 * One verification run's state machinery. Values accumulate over the states of one
 * interaction and are cleared when the interaction's states are torn down.
 */
export class StateRuntime {
  private values: Record<string, JsonValue> = {}
  /** The failure of the interaction being verified, if a state failed. */
  failure: StateFailure | undefined
  readonly failures: StateFailure[] = []

  constructor(
    private readonly source: StateSource,
    /** Configured values (business_id, …) every interaction may inject. */
    private readonly variables: Readonly<Record<string, string>>,
  ) {}

  /**
   * What every interaction starts with: the configured values, and `${` itself, which a
   * contract's expressions look up to write the two characters literally.
   */
  private initialValues(): Record<string, JsonValue> {
    return { ...this.variables, [DOLLAR_BRACE]: '${' }
  }

  private handlerFor(state: string): StateHandler {
    const source = this.source
    if (source.kind === 'url') return (params) => callUrl(source.url, state, params)
    const handler = source.handlers[state]
    if (!handler) {
      const known = Object.keys(source.handlers).join(', ') || 'none'
      return async () => {
        throw new Error(`no state handler is registered for "${state}" (handlers: ${known})`)
      }
    }
    return handler
  }

  /** True once the current interaction's request went out: the next setup starts anew. */
  private requested = true
  /** The states set up for the current interaction, with their resolved params. */
  private active: Array<{ state: string; params: Record<string, JsonValue> }> = []

  /**
   * Tears down what the current interaction's states set up: the handlers' `teardown`, or a
   * `{"action": "teardown"}` call to the state-change URL per state. Once per interaction;
   * a failure is recorded like a state's.
   */
  async teardown(): Promise<void> {
    const active = this.active
    if (active.length === 0) return
    this.active = []
    const source = this.source
    try {
      if (source.kind === 'url') {
        for (const { state, params } of active) await callUrl(source.url, state, params, 'teardown')
      } else await source.teardown?.()
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error)
      this.failures.push({
        state: active.map((a) => a.state).join(', '),
        cause: `teardown: ${cause}`,
      })
    }
  }

  async setup(
    state: string,
    rawParams: Record<string, JsonValue> | undefined,
  ): Promise<Record<string, JsonValue>> {
    // Teardown calls are not guaranteed for every interaction; a setup after a request is
    // what reliably marks the start of the next interaction.
    if (this.requested) {
      // The verifier's teardown call did not come (or came first): the previous
      // interaction's data goes before this one's is set up.
      await this.teardown()
      this.values = this.initialValues()
      this.failure = undefined
      this.requested = false
    }
    try {
      const { provides, ...rest } = rawParams ?? {}
      const missing: string[] = []
      const params = resolveRefs(rest, this.values, missing) as Record<string, JsonValue>
      this.active.push({ state, params })
      if (missing.length > 0)
        throw new Error(
          `params refer to ${missing.map((m) => `\${${m}}`).join(', ')}, which no earlier state provided`,
        )
      const entity = await this.handlerFor(state)(params)
      const provided: Record<string, JsonValue> = {}
      if (provides !== null && typeof provides === 'object' && !Array.isArray(provides)) {
        for (const [name, path] of Object.entries(provides)) {
          const value = pick(entity, String(path))
          if (value === undefined)
            throw new Error(
              `the returned entity has no "${String(path)}" for ${name}: ${JSON.stringify(entity).slice(0, 200)}`,
            )
          provided[name] = value
        }
      }
      Object.assign(this.values, provided)
      return { ...this.values }
    } catch (error) {
      const failure = { state, cause: error instanceof Error ? error.message : String(error) }
      this.failure ??= failure
      this.failures.push(failure)
      return {}
    }
  }

  /**
   * `params` with every `${name}` replaced by the value the current interaction's states
   * provided, and the names no state provided.
   */
  resolve(params: Record<string, JsonValue>): {
    params: Record<string, JsonValue>
    missing: string[]
  } {
    const missing: string[] = []
    const resolved = resolveRefs(params, this.values, missing) as Record<string, JsonValue>
    return { params: resolved, missing }
  }

  /**
   * Called for each interaction's request: the failure of its states, if any. An
   * interaction without states starts afresh here.
   */
  beginRequest(): StateFailure | undefined {
    if (this.requested) {
      // No setup since the last request: this interaction has no states, and must not see
      // the values the previous interaction's states provided.
      this.values = this.initialValues()
      return undefined
    }
    this.requested = true
    return this.failure
  }

  /** pact-js `stateHandlers` for the given state names. */
  pactHandlers(names: Iterable<string>) {
    const handlers: Record<
      string,
      {
        setup: (p?: unknown) => Promise<Record<string, JsonValue>>
        teardown: () => Promise<undefined>
      }
    > = {}
    for (const name of names) {
      handlers[name] = {
        setup: (params) => this.setup(name, params as Record<string, JsonValue> | undefined),
        teardown: async () => {
          await this.teardown()
          return undefined
        },
      }
    }
    return handlers
  }
}
