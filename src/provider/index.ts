/** Verification of pacts against a provider, with specpact's state machinery. */
export {
  isMessage,
  MESSAGE_TYPE,
  type MessageProducer,
  type MessageProducers,
  type ProducedMessage,
} from './messages'
export { type PactJson, parseShard, readPact, type Shard } from './pacts'
export { type StateFailure, StateRuntime, type StateSource } from './states'
export type { Entity, StateHandler, StateHandlers } from './types'
export {
  CHUNK_SIZE,
  chunkPacts,
  type InteractionResult,
  VerifyError,
  type VerifyOptions,
  type VerifyResult,
  verifyPacts,
} from './verify'
