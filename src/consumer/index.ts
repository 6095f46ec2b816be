/**
 * Consumer tests: run a consumer's own code against the Pact mock server primed with the
 * interaction specpact derived from a spec, and write the pacts of a run safely.
 */
export { ROOT_ENV, ROOT_KEY, RUN_DIR_ENV, RUN_DIR_KEY } from './context'
export {
  type InjectedValues,
  recordPassed,
  type SpecInteraction,
  type SpecInteractionOptions,
  specInteraction,
} from './interaction'
export { type ReceivedMessage, type SpecMessage, specMessage } from './message'
export {
  type ConsumerProject,
  ConsumerSetupError,
  consumerProject,
  findHttpInteraction,
  findInteraction,
  findMessageInteraction,
  type Located,
  type ProjectOptions,
  projectContracts,
} from './project'
export {
  type InteractionRecord,
  type PactPlan,
  planPacts,
  readRecords,
  writeRecord,
} from './record'
export { type ConsumerPactReport, writeConsumerPacts } from './setup'
export { injectedValues, namesOfInjected } from './values'
