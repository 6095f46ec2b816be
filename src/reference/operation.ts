/**
 * An operation is one endpoint of the reference as plain data plus a synchronous handler:
 * request in, `Reply` out. The HTTP server only adapts fastify to this shape, which is what
 * lets a test build a "mutated" provider by overriding one handler (`Overrides`).
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { Reply } from './envelope'
import type { Store } from './store'
import type { WebhookHub } from './webhooks/hub'

export const OPERATION_IDS = [
  'createChannel',
  'updateChannel',
  'deleteChannel',
  'createSession',
  'listSessions',
  'updateSession',
  'deleteSession',
  'sendTyping',
  'createMessage',
  'updateMessage',
  'listClients',
  'gatewayActivation',
  'registerWebhook',
  'listWebhooks',
  'unregisterWebhook',
] as const

export type OperationId = (typeof OPERATION_IDS)[number]

/**
 * Which API an operation belongs to: it decides the error shape and whether a bearer token
 * is required (`gateway` is the simulated gateway side, never called by consumers).
 */
export type Api = 'communication' | 'platform' | 'gateway'

export const BASE_PATHS: Record<Api, string> = {
  communication: '/business/communication',
  platform: '/platform/v1',
  gateway: '/_gateway',
}

export interface OperationRequest {
  /** Path parameters, e.g. `{ uid }`. */
  params: Record<string, string>
  /** Parsed query string: `filter[channel_uid]` stays a flat key. */
  query: Record<string, unknown>
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown
  headers: IncomingHttpHeaders
}

export interface OperationContext {
  store: Store
  /** Where webhook listeners register (the simulated gateway's /_gateway/webhooks). */
  webhooks: WebhookHub
}

export type OperationHandler = (request: OperationRequest, context: OperationContext) => Reply

export interface Operation {
  id: OperationId
  api: Api
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Full path in fastify syntax, e.g. `/business/communication/channels/:uid`. */
  url: string
  handle: OperationHandler
}

/**
 * Replaces one operation's behaviour; `original` is the faithful handler, so an override can
 * change a single aspect of it:
 *
 * ```ts
 * const overrides: Overrides = {
 *   // a provider that forgets the channel's uid
 *   createChannel: (request, context, original) => {
 *     const reply = original(request, context)
 *     return { ...reply, body: { success: true, data: { channel: { status: 'pending' } } } }
 *   },
 * }
 * ```
 */
export type OperationOverride = (
  request: OperationRequest,
  context: OperationContext,
  original: OperationHandler,
) => Reply

export type Overrides = Partial<Record<OperationId, OperationOverride>>

/** The operations with their overrides applied; the input is left untouched. */
export function applyOverrides(
  operations: readonly Operation[],
  overrides: Overrides = {},
): Operation[] {
  return operations.map((operation) => {
    const override = overrides[operation.id]
    if (!override) return operation
    const original = operation.handle
    return { ...operation, handle: (request, context) => override(request, context, original) }
  })
}
