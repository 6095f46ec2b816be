/**
 * Assembles the reference communication-gw: store, operations (with overrides), fastify
 * server and state handlers; and starts it on a real port.
 */
import type { FastifyInstance } from 'fastify'
import type { MessageProducer } from '../provider/messages'
import type { StateHandlers } from '../provider/types'
import { applyOverrides, type Overrides } from './operation'
import { OPERATIONS } from './routes'
import { createServer } from './server'
import { createStateHandlers } from './states'
import { cancelActivations, createStore, resetStore, type Store, type StoreOptions } from './store'
import { createWebhookHub, type WebhookHub, type WebhookOptions } from './webhooks/hub'
import type { WebhookEventName } from './webhooks/payload'
import { createMessageProducers } from './webhooks/producers'

export interface ReferenceOptions extends StoreOptions, WebhookOptions {
  /** Accept only these bearer tokens; any non-empty one when unset. */
  tokens?: readonly string[]
  /** Replace single operations, e.g. to build a deliberately wrong provider for a test. */
  overrides?: Overrides
}

export interface StartOptions extends ReferenceOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
}

export interface ReferenceApp {
  /** The fastify instance, not listening: use `app.inject` in tests. */
  app: FastifyInstance
  store: Store
  /** One handler per state of specs/states.yaml, writing into `store`. */
  stateHandlers: StateHandlers
  /** Registered listeners, the webhooks sent and their deliveries. */
  webhooks: WebhookHub
  /**
   * One producer per webhook event, for verifying message pacts: each makes the change its
   * trigger names and returns the webhook the sender built for it.
   */
  messageProducers: Record<WebhookEventName, MessageProducer>
  /** Forget all channels, sessions, messages and clients; cancel pending activations. */
  reset(): void
}

export interface ReferenceServer extends ReferenceApp {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string
  close(): Promise<void>
}

/** Builds the reference gateway without listening. */
export function buildReferenceApp(options: ReferenceOptions = {}): ReferenceApp {
  // The sender listens first; the caller's onEvent still sees every event.
  let webhooks: WebhookHub | undefined
  const store = createStore({
    ...options,
    onEvent: (event) => {
      try {
        webhooks?.onEvent(event)
      } finally {
        options.onEvent?.(event)
      }
    },
  })
  const hub = createWebhookHub(store, options)
  webhooks = hub
  const operations = applyOverrides(OPERATIONS, options.overrides)
  const app = createServer(operations, { store, webhooks: hub }, { tokens: options.tokens })
  app.addHook('onClose', async () => {
    cancelActivations(store)
    await hub.settled()
  })
  return {
    app,
    store,
    stateHandlers: createStateHandlers(store),
    webhooks: hub,
    messageProducers: createMessageProducers(store, hub),
    reset: () => resetStore(store),
  }
}

/**
 * Starts the reference gateway on a real HTTP port.
 *
 * ```ts
 * const reference = await startReference({ activationDelayMs: 50 })
 * await axios.post(`${reference.url}/business/communication/channels`, body, { headers })
 * await reference.close()
 * ```
 */
export async function startReference(options: StartOptions = {}): Promise<ReferenceServer> {
  const built = buildReferenceApp(options)
  const host = options.host ?? '127.0.0.1'
  await built.app.listen({ port: options.port ?? 0, host })
  const address = built.app.server.address()
  if (address === null || typeof address === 'string') {
    await built.app.close()
    throw new Error(`the reference gateway did not get a TCP address (got ${String(address)})`)
  }
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return { ...built, url: `http://${urlHost}:${address.port}`, close: () => built.app.close() }
}
