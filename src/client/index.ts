/**
 * A typed axios client for the communication-gw and the core-API clients lookup: what a
 * consumer team's code looks like. Consumer tests run it against the Pact mock server.
 */
export {
  COMMUNICATION_BASE_PATH,
  type CommunicationClient,
  createCommunicationClient,
} from './communication'
export { type CoreApiClient, createCoreApiClient } from './core-api'
export {
  ApiRequestError,
  CommunicationGwError,
  CoreApiError,
  type FailureKind,
  type RequestFailure,
} from './errors'
export * from './types'
export {
  createWebhookReceiver,
  type IncomingWebhook,
  parseWebhook,
  type WebhookChannel,
  WebhookError,
  type WebhookErrorCode,
  type WebhookEvent,
  type WebhookEventKind,
  type WebhookHandlers,
  type WebhookMessage,
  type WebhookReceiver,
  type WebhookSession,
} from './webhooks'
