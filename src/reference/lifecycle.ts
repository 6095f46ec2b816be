/**
 * Every status change of channels, sessions and messages, each emitting the event the real
 * gateway would announce by webhook. Nothing else writes a status after creation.
 */
import { emit, type Store } from './store'
import type {
  AiStatus,
  Channel,
  ChannelStatus,
  Message,
  MessageStatus,
  Session,
  SessionStatus,
} from './types'

export type ActivationResult =
  | { ok: true; channel: Channel }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_pending'; channel: Channel }

const pendingChannel = (store: Store, uid: string): ActivationResult => {
  const channel = store.channels.get(uid)
  if (!channel) return { ok: false, reason: 'not_found' }
  if (channel.status !== 'pending') return { ok: false, reason: 'not_pending', channel }
  return { ok: true, channel }
}

/**
 * The gateway's asynchronous activation of a `pending` channel (in production: Nexmo
 * provisioning, then a webhook to the app). The channel becomes `active` and open.
 */
export function activateChannel(store: Store, uid: string): ActivationResult {
  const found = pendingChannel(store, uid)
  if (!found.ok) return found
  found.channel.status = 'active'
  found.channel.open_channel = true
  emit(store, { kind: 'channel.activated', channel: { ...found.channel } })
  return found
}

/** The gateway gave up activating a `pending` channel: it ends `error` or `blocked`. */
export function failChannelActivation(
  store: Store,
  uid: string,
  status: 'error' | 'blocked',
  reason: string,
): ActivationResult {
  const found = pendingChannel(store, uid)
  if (!found.ok) return found
  found.channel.status = status
  emit(store, { kind: 'channel.activation_failed', channel: { ...found.channel }, reason })
  return found
}

/** Activates the channel `activationDelayMs` after now, if the store was given a delay. */
export function scheduleActivation(store: Store, uid: string): void {
  const delay = store.activationDelayMs
  if (delay === undefined) return
  const timer = setTimeout(() => {
    store.timers.delete(timer)
    activateChannel(store, uid)
  }, delay)
  timer.unref()
  store.timers.add(timer)
}

/**
 * Activates the session `sessionActivationDelayMs` after now, if the store was given a delay
 * and the session is still `pending` then (a PUT may have changed it meanwhile).
 */
export function scheduleSessionActivation(store: Store, uid: string): void {
  const delay = store.sessionActivationDelayMs
  if (delay === undefined) return
  const timer = setTimeout(() => {
    store.timers.delete(timer)
    const session = store.sessions.get(uid)
    if (session?.status === 'pending') changeSession(store, session, { status: 'active' })
  }, delay)
  timer.unref()
  store.timers.add(timer)
}

/** A status change the application asked for (PUT or DELETE /channels/{uid}). */
export function changeChannelStatus(store: Store, channel: Channel, status: ChannelStatus): void {
  const previous = channel.status
  if (previous === status) return
  channel.status = status
  emit(store, { kind: 'channel.status_changed', channel: { ...channel }, previous })
}

export function changeSession(
  store: Store,
  session: Session,
  change: { status?: SessionStatus | undefined; ai_status?: AiStatus | undefined },
): void {
  const previous = { status: session.status, ai_status: session.ai_status }
  session.status = change.status ?? session.status
  session.ai_status = change.ai_status ?? session.ai_status
  if (session.status === previous.status && session.ai_status === previous.ai_status) return
  emit(store, { kind: 'session.status_changed', session: { ...session }, previous })
}

export function changeMessageStatus(store: Store, message: Message, status: MessageStatus): void {
  const previous = message.status
  if (previous === status) return
  message.status = status
  emit(store, { kind: 'message.status_updated', message: { ...message }, previous })
}
