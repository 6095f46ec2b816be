/**
 * The gateway's business rules that more than one operation (or a state handler) relies
 * on: which channels can carry traffic, what counts as a duplicate, and which channel
 * status changes an application may ask for.
 */
import { type ApiError, apiError } from './errors'
import type { Store } from './store'
import type { Channel, ChannelStatus, Message, Session, SessionStatus } from './types'

/** Why sessions and messages cannot use this channel, or `undefined` when they can. */
export function channelUnusable(channel: Channel): ApiError | undefined {
  if (channel.status === 'active') return undefined
  const why =
    channel.status === 'pending'
      ? ': the gateway activates channels asynchronously after creation'
      : ''
  return apiError('invalid', `channel ${channel.uid} is ${channel.status}, not active${why}`)
}

/** `channelUnusable` for the channel a session runs over. */
export function sessionChannelUnusable(store: Store, session: Session): ApiError | undefined {
  const channel = store.channels.get(session.channel_uid)
  if (!channel)
    return apiError('invalid', `channel ${session.channel_uid} of session ${session.uid} is gone`)
  return channelUnusable(channel)
}

/** Sessions that no longer route: they neither block a new session nor accept changes. */
export const isEnded = (status: SessionStatus): boolean =>
  status === 'deleted' || status === 'failed'

/**
 * A live session on the channel that already pairs either contact. A session maps the
 * app's contact (`external_uid`) to the vCita contact (`contact_uid`) for routing, so on one
 * channel each side may belong to one live session only.
 */
export function conflictingSession(
  store: Store,
  wanted: { channel_uid: string; contact_uid: string; external_uid: string },
): Session | undefined {
  for (const session of store.sessions.values()) {
    if (session.channel_uid !== wanted.channel_uid || isEnded(session.status)) continue
    if (
      session.contact_uid === wanted.contact_uid ||
      session.external_uid === wanted.external_uid
    ) {
      return session
    }
  }
  return undefined
}

/** `message_uid` is unique per channel (CreateMessageDto). */
export function messageWithUid(
  store: Store,
  channelUid: string,
  messageUid: string,
): Message | undefined {
  for (const message of store.messages.values()) {
    if (message.channel_uid === channelUid && message.message_uid === messageUid) return message
  }
  return undefined
}

/** The channel statuses an application may ask for; the others are the gateway's to set. */
export const APP_CHANNEL_STATUSES = ['active', 'inactive', 'deleted'] as const

export type ChannelTransition =
  | { kind: 'set'; status: ChannelStatus }
  /** Nothing changes now: the channel already has it, or the gateway will do it later. */
  | { kind: 'keep'; why: string }
  | { kind: 'reject'; error: ApiError }

/**
 * What PUT /channels/{uid} {status} does. Asking for `active` on a `pending` channel is
 * accepted but changes nothing: activation is the gateway's, asynchronous, and only its
 * callback (`activateChannel`) makes a channel active. A channel that was active once and
 * deactivated by the app can be reopened directly.
 */
export function channelTransition(
  current: ChannelStatus,
  requested: ChannelStatus,
): ChannelTransition {
  if (!APP_CHANNEL_STATUSES.some((status) => status === requested)) {
    return reject(
      `status ${requested} is set by the gateway; an application may set ${APP_CHANNEL_STATUSES.join(', ')}`,
    )
  }
  if (current === requested) return { kind: 'keep', why: `the channel is already ${current}` }
  if (requested === 'deleted') return { kind: 'set', status: 'deleted' }
  if (current === 'blocked' || current === 'error') {
    return reject(`the channel is ${current}; it cannot be made ${requested}`)
  }
  if (requested === 'active' && current === 'pending') {
    return { kind: 'keep', why: 'activation is asynchronous: the gateway activates the channel' }
  }
  return { kind: 'set', status: requested }
}

const reject = (message: string): ChannelTransition => ({
  kind: 'reject',
  error: apiError('invalid', message),
})
