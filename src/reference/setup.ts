/**
 * Sets up provider states directly in the store: no API call, no waiting for the gateway's
 * activation, no events (a state is the situation before the interaction, not something
 * that happens during it).
 */
import { addClient, clientsOf, findClient } from './clients'
import type { StateParams } from './params'
import { conflictingSession, messageWithUid } from './rules'
import { insertChannel, insertMessage, insertSession, newUid, type Store } from './store'
import {
  AI_STATUSES,
  CHANNEL_TYPES,
  type Channel,
  type Client,
  MESSAGE_DIRECTIONS,
  MESSAGE_STATUSES,
  type Message,
  SESSION_STATUSES,
  type Session,
} from './types'

/** The business a state is about: `business_uid`, or `business_id` as the client lookup spells it. */
const businessOf = (store: Store, p: StateParams): string =>
  p.text('business_uid') ?? p.text('business_id') ?? store.defaultBusinessUid

/** "channel is pending" / "channel is active": a new channel with that status. */
export function setUpChannel(store: Store, p: StateParams, status: 'pending' | 'active'): Channel {
  const asked = p.text('status')
  if (asked !== undefined && asked !== status) {
    throw p.error(
      `param status is ${JSON.stringify(asked)}, but this state sets up a channel that is ${status}`,
    )
  }
  const uid = p.text('uid') ?? newUid()
  if (store.channels.has(uid)) throw p.error(`channel ${uid} exists already`)
  return insertChannel(store, {
    uid,
    business_uid: businessOf(store, p),
    type: p.oneOf('type', CHANNEL_TYPES, 'transactional'),
    display_name: p.text('display_name') ?? '',
    status,
    open_channel: p.flag('open_channel', status === 'active'),
  })
}

/** "client exists": the first client of the business's lookup, or the one with param `id`. */
export function setUpClient(store: Store, p: StateParams): Client {
  const business = businessOf(store, p)
  const id = p.text('id') ?? p.text('contact_uid')
  if (id !== undefined) return findClient(store, business, id) ?? addClient(store, business, id)
  return firstClient(store, p, business)
}

/** What a lookup's `$.data.clients[0]` is. */
function firstClient(store: Store, p: StateParams, business: string): Client {
  const [first] = clientsOf(store, business)
  if (!first) throw p.error(`business ${business} has no clients`)
  return first
}

/**
 * The active channel a session or message runs over: the one `channel_uid` names (created
 * with that uid when unknown), or a new one.
 */
function activeChannel(store: Store, p: StateParams, business: string | undefined): Channel {
  const uid = p.text('channel_uid')
  const existing = uid === undefined ? undefined : store.channels.get(uid)
  if (!existing) {
    return insertChannel(store, {
      uid: uid ?? newUid(),
      business_uid: business ?? store.defaultBusinessUid,
      type: 'transactional',
      display_name: '',
      status: 'active',
      open_channel: true,
    })
  }
  if (business !== undefined && existing.business_uid !== business) {
    throw p.error(
      `channel ${existing.uid} belongs to business ${existing.business_uid}, not ${business}`,
    )
  }
  if (existing.status !== 'active') {
    throw p.error(
      `channel ${existing.uid} is ${existing.status}; it needs an active channel (state "channel is active")`,
    )
  }
  return existing
}

/** "session exists": a session (active unless param `status` says otherwise). */
export function setUpSession(store: Store, p: StateParams): Session {
  const channel = activeChannel(store, p, p.text('business_uid'))
  const business = channel.business_uid
  const contactUid = p.text('contact_uid')
  const contact =
    contactUid === undefined
      ? firstClient(store, p, business)
      : (findClient(store, business, contactUid) ?? addClient(store, business, contactUid))
  const wanted = {
    channel_uid: channel.uid,
    contact_uid: contact.id,
    external_uid: p.text('external_uid') ?? `external-${newUid()}`,
  }
  const status = p.oneOf('status', SESSION_STATUSES, 'active')
  const ai_status = p.oneOf('ai_status', AI_STATUSES, 'none')
  const existing = conflictingSession(store, wanted)
  if (existing) {
    if (
      existing.contact_uid !== wanted.contact_uid ||
      existing.external_uid !== wanted.external_uid
    ) {
      throw p.error(
        `session ${existing.uid} already pairs contact ${existing.contact_uid} with external_uid ${existing.external_uid} on channel ${channel.uid}`,
      )
    }
    // The same pairing again (a state replayed without a reset): reuse it.
    Object.assign(existing, { status, ai_status })
    return existing
  }
  return insertSession(store, {
    uid: newUid(),
    business_uid: business,
    ...wanted,
    status,
    ai_status,
  })
}

/** "message exists": a message sent over an active channel (`pending` unless param `status`). */
export function setUpMessage(store: Store, p: StateParams): Message {
  const channel = activeChannel(store, p, p.text('business_uid'))
  const messageUid = p.text('message_uid') ?? `msg-${newUid()}`
  const status = p.oneOf('status', MESSAGE_STATUSES, 'pending')
  const existing = messageWithUid(store, channel.uid, messageUid)
  if (existing) {
    existing.status = status
    return existing
  }
  return insertMessage(store, {
    uid: newUid(),
    message_uid: messageUid,
    channel_uid: channel.uid,
    external_uid: p.text('external_uid') ?? `external-${newUid()}`,
    contact_uid: p.text('contact_uid'),
    direction: p.oneOf('direction', MESSAGE_DIRECTIONS),
    message: p.text('message') ?? 'Hello from the reference gateway',
    attachments: p.objects('attachments'),
    contact_data: undefined,
    created_at: p.text('created_at') ?? new Date().toISOString().slice(0, 19).replace('T', ' '),
    status,
  })
}
