/** Verification of pacts against a provider, with specpact's state machinery. */

export {
  describeFailure,
  isRootCause,
  type MismatchArea,
  rootCauseFirst,
  type VerificationFailure,
} from './failure'
export {
  isMessage,
  MESSAGE_TYPE,
  type MessageProducer,
  type MessageProducers,
  type ProducedMessage,
} from './messages'
export {
  type PactJson,
  parseShard,
  providerOfPacts,
  REFERENCE_PROVIDER,
  readPact,
  type Shard,
} from './pacts'
export { brokerSecrets, REDACTED, type Redact, redactor } from './redact'
export {
  DEFAULT_STATE_TIMEOUT_MS,
  type StateFailure,
  StateRuntime,
  type StateSource,
} from './states'
export type { Entity, StateHandler, StateHandlers } from './types'
export {
  CHUNK_SIZE,
  chunkPacts,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type InteractionKind,
  type InteractionResult,
  type PactUrlVerifierOptions,
  type Selection,
  VerifyError,
  type VerifyOptions,
  type VerifyResult,
  verifyPacts,
} from './verify'
