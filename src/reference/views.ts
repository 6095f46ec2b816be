/**
 * Entities as the API shows them. Responses carry the swagger's required fields plus the
 * request's own inputs (e.g. a channel's `business_uid` and `type`), nothing internal.
 */
import type { JsonObject } from './envelope'
import type { Channel, Client, Message, Session } from './types'

export const channelView = (c: Channel): JsonObject => ({
  uid: c.uid,
  status: c.status,
  display_name: c.display_name,
  type: c.type,
  business_uid: c.business_uid,
  open_channel: c.open_channel,
})

export const sessionView = (s: Session): JsonObject => ({
  uid: s.uid,
  status: s.status,
  ai_status: s.ai_status,
  business_uid: s.business_uid,
  channel_uid: s.channel_uid,
  contact_uid: s.contact_uid,
  external_uid: s.external_uid,
})

export const messageView = (m: Message): JsonObject => ({
  uid: m.uid,
  status: m.status,
  message_uid: m.message_uid,
  channel_uid: m.channel_uid,
})

export const clientView = (c: Client): JsonObject => ({ ...c, tags: [...c.tags] })
