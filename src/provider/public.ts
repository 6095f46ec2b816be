/**
 * `specpact/provider`: what a provider team writes for `specpact verify --state-handlers
 * module` — the state handlers and message producers — and the verification itself.
 *
 * ```ts
 * import type { MessageProducers, StateHandlers } from 'specpact/provider'
 * export const stateHandlers: StateHandlers = {
 *   'channel is active': async (params) => ({ uid: await db.createActiveChannel(params) }),
 * }
 * ```
 */
export type { MessageProducer, MessageProducers, ProducedMessage } from './messages'
export type { Entity, StateHandler, StateHandlers } from './types'
export {
  type InteractionResult,
  VerifyError,
  type VerifyOptions,
  type VerifyResult,
  verifyPacts,
} from './verify'
