import type { JsonValue } from '../spec/types'

/** What a state handler sets up and returns: the entity as the provider's API shows it. */
export type Entity = { [key: string]: JsonValue }

/**
 * Sets up one provider state, directly in the provider's data (never by waiting for a
 * webhook), and returns the entity it set up. `params` come from the pact with every
 * `${name}` reference to an earlier state's value already resolved and the reserved
 * `provides` key removed.
 */
export type StateHandler = (params: Record<string, JsonValue>) => Promise<Entity>

/** State name → handler. */
export type StateHandlers = Record<string, StateHandler>
