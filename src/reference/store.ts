/**
 * The reference gateway's in-memory data. Plain maps, written only through `store.ts`
 * (inserts, without events) and `lifecycle.ts` (status changes, with events), so that every
 * change the real gateway would announce by webhook passes through one small set of
 * functions.
 */
import { randomUUID } from 'node:crypto'
import type { Channel, Client, EventListener, Message, ReferenceEvent, Session } from './types'

export interface StoreOptions {
  /**
   * When set, a channel created through the API is activated this many milliseconds later,
   * as the gateway's asynchronous activation would. Unset (the default): channels stay
   * `pending` until `activateChannel` runs (POST /_gateway/channels/{uid}/activation).
   */
  activationDelayMs?: number
  /**
   * When set, a session created through the API turns `active` this many milliseconds later
   * (the gateway's asynchronous session activation, announced as `session.status_changed`).
   * Unset (the default): sessions stay `pending` until a PUT changes them.
   */
  sessionActivationDelayMs?: number
  /** Told about every status change (see `ReferenceEvent`); a webhook sender plugs in here. */
  onEvent?: EventListener
  /** The business of a client lookup that names none (no `business_id`, no `X-On-Behalf-Of`). */
  defaultBusinessUid?: string
}

export interface Store {
  readonly channels: Map<string, Channel>
  readonly sessions: Map<string, Session>
  /** By the gateway's message uid. */
  readonly messages: Map<string, Message>
  /** Business uid → its clients in creation order; seeded on first use, never empty. */
  readonly clients: Map<string, Client[]>
  readonly activationDelayMs: number | undefined
  readonly sessionActivationDelayMs: number | undefined
  readonly defaultBusinessUid: string
  /** What the event listener threw: a failing listener must not break the API it observes. */
  readonly eventErrors: unknown[]
  /** Pending activations, cancelled by `resetStore` and on close. */
  readonly timers: Set<NodeJS.Timeout>
  readonly listener: EventListener | undefined
}

export const DEFAULT_BUSINESS_UID = 'refbusiness00001'

export function createStore(options: StoreOptions = {}): Store {
  const delay = options.activationDelayMs
  if (delay !== undefined && (!Number.isFinite(delay) || delay < 0)) {
    throw new Error(`activationDelayMs must be a non-negative number of milliseconds, got ${delay}`)
  }
  const sessionDelay = options.sessionActivationDelayMs
  if (sessionDelay !== undefined && (!Number.isFinite(sessionDelay) || sessionDelay < 0)) {
    throw new Error(
      `sessionActivationDelayMs must be a non-negative number of milliseconds, got ${sessionDelay}`,
    )
  }
  return {
    channels: new Map(),
    sessions: new Map(),
    messages: new Map(),
    clients: new Map(),
    activationDelayMs: delay,
    sessionActivationDelayMs: sessionDelay,
    defaultBusinessUid: options.defaultBusinessUid ?? DEFAULT_BUSINESS_UID,
    eventErrors: [],
    timers: new Set(),
    listener: options.onEvent,
  }
}

/** Cancels the activations `activationDelayMs` scheduled (on reset and on close). */
export function cancelActivations(store: Store): void {
  for (const timer of store.timers) clearTimeout(timer)
  store.timers.clear()
}

/** Forgets all data and cancels scheduled activations; options stay. */
export function resetStore(store: Store): void {
  cancelActivations(store)
  store.channels.clear()
  store.sessions.clear()
  store.messages.clear()
  store.clients.clear()
  store.eventErrors.length = 0
}

export function emit(store: Store, event: ReferenceEvent): void {
  if (!store.listener) return
  try {
    store.listener(event)
  } catch (error) {
    store.eventErrors.push(error)
  }
}

export const newUid = (): string => randomUUID()

export function insertChannel(store: Store, channel: Channel): Channel {
  store.channels.set(channel.uid, channel)
  return channel
}

export function insertSession(store: Store, session: Session): Session {
  store.sessions.set(session.uid, session)
  return session
}

export function insertMessage(store: Store, message: Message): Message {
  store.messages.set(message.uid, message)
  return message
}
