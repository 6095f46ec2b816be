/**
 * The reference's webhook sender: listener URLs registered by the app, and for every
 * lifecycle event that is a webhook, one POST to each of them. Deliveries run in the
 * background and never fail the API call that caused them; each one is logged.
 */
import { randomUUID } from 'node:crypto'
import type { ReferenceEvent } from '../types'
import {
  buildWebhook,
  type ChannelLookup,
  isWebhookEventName,
  type Webhook,
  type WebhookEventName,
} from './payload'

export interface Subscription {
  uid: string
  url: string
}

/** What became of one webhook sent to one listener. */
export type DeliveryRecord = { webhook: Webhook; subscription: Subscription } & (
  | { ok: true; status: number }
  | { ok: false; status: number | undefined; error: string }
)

/**
 * Replaces how one event's webhook is built; `original` is the faithful builder, so a test
 * can build a deliberately wrong sender that differs in exactly one way:
 *
 * ```ts
 * const webhookOverrides: WebhookOverrides = {
 *   // a sender that renamed the channel's uid
 *   'channel.activated': (event, original) => rename(original(event), 'uid', 'channel_id'),
 * }
 * ```
 */
export type WebhookOverride = (
  event: ReferenceEvent,
  original: (event: ReferenceEvent) => Webhook | undefined,
) => Webhook | undefined

export type WebhookOverrides = Partial<Record<WebhookEventName, WebhookOverride>>

export interface WebhookOptions {
  /** Listener URLs registered from the start (more can be added with POST /_gateway/webhooks). */
  webhookUrls?: readonly string[]
  webhookOverrides?: WebhookOverrides
  /** How long one delivery may take before it counts as failed; default 5000 ms. */
  webhookTimeoutMs?: number
}

export interface WebhookHub {
  /** Adds a listener URL; every later webhook is POSTed to it. */
  register(url: string): Subscription
  /** Removes a listener; false when there is no such subscription. */
  unregister(uid: string): boolean
  subscriptions(): Subscription[]
  /** Every webhook built, in order, whether or not anyone listens. */
  readonly sent: readonly Webhook[]
  /** Every delivery that finished, in the order they finished. */
  readonly deliveries: readonly DeliveryRecord[]
  /** The store's event listener: builds the event's webhook and delivers it. */
  onEvent(event: ReferenceEvent): void
  /**
   * Runs `change` and returns the webhooks it caused: how verification produces a message
   * through the same builder as a real delivery.
   */
  capture(change: () => void): Webhook[]
  /** Resolves once every delivery started so far has finished. */
  settled(): Promise<void>
}

const DEFAULT_TIMEOUT_MS = 5000

export function createWebhookHub(store: ChannelLookup, options: WebhookOptions = {}): WebhookHub {
  const subscriptions = new Map<string, Subscription>()
  const sent: Webhook[] = []
  const deliveries: DeliveryRecord[] = []
  const inFlight = new Set<Promise<void>>()
  const timeout = options.webhookTimeoutMs ?? DEFAULT_TIMEOUT_MS

  const original = (event: ReferenceEvent) =>
    buildWebhook(event, { uid: randomUUID(), at: new Date() }, store)
  const build = (event: ReferenceEvent) => {
    const override = isWebhookEventName(event.kind)
      ? options.webhookOverrides?.[event.kind]
      : undefined
    return override ? override(event, original) : original(event)
  }

  async function deliver(webhook: Webhook, subscription: Subscription): Promise<void> {
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: webhook.headers,
        body: JSON.stringify(webhook.body),
        signal: AbortSignal.timeout(timeout),
      })
      // The listener's answer is not read beyond its status; drain it to free the socket.
      await response.arrayBuffer().catch(() => undefined)
      deliveries.push(
        response.ok
          ? { webhook, subscription, ok: true, status: response.status }
          : {
              webhook,
              subscription,
              ok: false,
              status: response.status,
              error: `the listener answered ${response.status}`,
            },
      )
    } catch (error) {
      const cause = error instanceof Error ? (error.cause ?? error) : error
      const message = cause instanceof Error ? cause.message : String(cause)
      deliveries.push({ webhook, subscription, ok: false, status: undefined, error: message })
    }
  }

  const hub: WebhookHub = {
    register(url) {
      const subscription = { uid: randomUUID(), url }
      subscriptions.set(subscription.uid, subscription)
      return subscription
    },
    unregister: (uid) => subscriptions.delete(uid),
    subscriptions: () => [...subscriptions.values()],
    sent,
    deliveries,
    onEvent(event) {
      const webhook = build(event)
      if (!webhook) return
      sent.push(webhook)
      for (const subscription of subscriptions.values()) {
        const delivery = deliver(webhook, subscription).finally(() => inFlight.delete(delivery))
        inFlight.add(delivery)
      }
    },
    capture(change) {
      const before = sent.length
      change()
      return sent.slice(before)
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight])
    },
  }
  for (const url of options.webhookUrls ?? []) hub.register(url)
  return hub
}
