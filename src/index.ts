/**
 * specpact's public API. Consumer tests: `specInteraction` and `specMessage` (also from
 * `specpact/consumer`); the vitest global setup is `specpact/vitest`. Providers: the state
 * handler and message producer types (`specpact/provider`).
 */
export {
  type InjectedValues,
  type ReceivedMessage,
  type SpecInteraction,
  type SpecInteractionOptions,
  type SpecMessage,
  specInteraction,
  specMessage,
} from './consumer'
export type {
  Entity,
  MessageProducer,
  MessageProducers,
  ProducedMessage,
  StateHandler,
  StateHandlers,
} from './provider/public'
