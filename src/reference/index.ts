/**
 * The embedded reference communication-gw: an in-memory gateway on a real HTTP server, the
 * default provider that `specpact verify` checks pacts against. See README.md.
 */
export { bearerToken } from './auth'
export { clientId, clientsOf } from './clients'
export {
  failure,
  type JsonObject,
  platformFailure,
  platformSuccess,
  type Reply,
  success,
} from './envelope'
export { type ApiError, ERROR_CODES, type ErrorCode } from './errors'
export {
  type ActivationResult,
  activateChannel,
  changeChannelStatus,
  changeMessageStatus,
  changeSession,
  failChannelActivation,
} from './lifecycle'
export {
  type Api,
  BASE_PATHS,
  OPERATION_IDS,
  type Operation,
  type OperationContext,
  type OperationHandler,
  type OperationId,
  type OperationOverride,
  type OperationRequest,
  type Overrides,
} from './operation'
export {
  buildReferenceApp,
  type ReferenceApp,
  type ReferenceOptions,
  type ReferenceServer,
  type StartOptions,
  startReference,
} from './reference'
export { OPERATIONS } from './routes'
export { createStateHandlers, STATE_NAMES, type StateName } from './states'
export { createStore, resetStore, type Store, type StoreOptions } from './store'
export type {
  AiStatus,
  Channel,
  ChannelStatus,
  ChannelType,
  Client,
  EventListener,
  Message,
  MessageStatus,
  ReferenceEvent,
  Session,
  SessionStatus,
} from './types'
export { channelView, clientView, messageView, sessionView } from './views'
export {
  createWebhookHub,
  type DeliveryRecord,
  type Subscription,
  type WebhookHub,
  type WebhookOptions,
  type WebhookOverride,
  type WebhookOverrides,
} from './webhooks/hub'
export {
  buildWebhook,
  DELIVERY_HEADER,
  EVENT_HEADER,
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookEventName,
} from './webhooks/payload'
export { createMessageProducers, metadataOf } from './webhooks/producers'
