/**
 * specpact's side of provider states during verification. It resolves `${name}` references
 * in params from values earlier states provided, maps each returned entity to the consumer's
 * variables through `provides`, and — unlike pact-js, which only logs a throwing handler and
 * carries on — records the failure so the interaction fails with the state, spec and cause.
 */
import { DOLLAR_BRACE } from '../contract'
import type { JsonValue } from '../shared'
import type { MessageProducers } from './messages'
import { pick, resolveParams } from './state-refs'
import {
  callUrl,
  DEFAULT_STATE_TIMEOUT_MS,
  GIVE_UP_AFTER_TIMEOUTS,
  StateTimeout,
} from './state-url'
import type { Entity, StateHandler, StateHandlers } from './types'

export { DEFAULT_STATE_TIMEOUT_MS, fetchCause } from './state-url'

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
  | {
      kind: 'url'
      url: string
      /**
       * The provider's message-producer URL (the Rust verifier's message transport), for the
       * pacts' message interactions; without it they fail, saying so.
       */
      messageUrl?: string
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
  /** State-change URL calls in a row that got no answer: past a few, stop waiting for it. */
  private timeoutsInARow = 0

  constructor(
    private readonly source: StateSource,
    /** Configured values (business_id, …) every interaction may inject. */
    private readonly variables: Readonly<Record<string, string>>,
    /** Longest wait for one state-change URL call. */
    private readonly stateTimeoutMs: number = DEFAULT_STATE_TIMEOUT_MS,
  ) {}

  /**
   * What every interaction starts with: the configured values, and `${` itself, which a
   * contract's expressions look up to write the two characters literally.
   */
  private initialValues(): Record<string, JsonValue> {
    return { ...this.variables, [DOLLAR_BRACE]: '${' }
  }

  /**
   * One call to the provider's state-change URL. Past a few calls in a row that got no
   * answer, the URL is not called again this run: each would only wait out its timeout.
   */
  private async callStateUrl(
    url: string,
    state: string,
    params: Record<string, JsonValue>,
    action: 'setup' | 'teardown' = 'setup',
  ): Promise<Entity> {
    if (this.timeoutsInARow >= GIVE_UP_AFTER_TIMEOUTS)
      throw new Error(
        `POST ${url}: not sent: the previous ${this.timeoutsInARow} calls got no answer within ${this.stateTimeoutMs} ms`,
      )
    try {
      const entity = await callUrl(url, state, params, this.stateTimeoutMs, action)
      this.timeoutsInARow = 0
      return entity
    } catch (error) {
      if (error instanceof StateTimeout) this.timeoutsInARow++
      throw error
    }
  }

  private handlerFor(state: string): StateHandler {
    const source = this.source
    if (source.kind === 'url') return (params) => this.callStateUrl(source.url, state, params)
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
        for (const { state, params } of active)
          await this.callStateUrl(source.url, state, params, 'teardown')
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
    // The interaction already failed: its other states are not set up (no waiting on them).
    if (this.failure) return {}
    try {
      const { provides, ...rest } = rawParams ?? {}
      const missing: string[] = []
      const params = resolveParams(rest, this.values, missing)
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
    const resolved = resolveParams(params, this.values, missing)
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
        setup: (params?: Record<string, JsonValue>) => Promise<Record<string, JsonValue>>
        teardown: () => Promise<undefined>
      }
    > = {}
    for (const name of names) {
      handlers[name] = {
        setup: (params) => this.setup(name, params),
        teardown: async () => {
          await this.teardown()
          return undefined
        },
      }
    }
    return handlers
  }
}
