/**
 * The reference communication-gw's domain: the entities it keeps and the events its status
 * changes emit. Enum values are the swagger's (communication-gw.json `definitions`).
 */

export const CHANNEL_TYPES = ['transactional', 'promotional'] as const
export const CHANNEL_STATUSES = [
  'pending',
  'active',
  'inactive',
  'deleted',
  'blocked',
  'error',
] as const
export const SESSION_STATUSES = ['pending', 'inactive', 'active', 'deleted', 'failed'] as const
/** The statuses a source channel app may set with PUT /sessions/{uid} (UpdateSessionDto). */
export const SESSION_STATUS_UPDATES = ['inactive', 'active', 'deleted'] as const
export const AI_STATUSES = ['none', 'ai_intercepted', 'ai_released'] as const
export const MESSAGE_STATUSES = [
  'pending',
  'channel_pending',
  'sent',
  'received',
  'read',
  'error',
  'unavailable',
] as const
export const MESSAGE_DIRECTIONS = ['client_to_business', 'business_to_client'] as const

export type ChannelType = (typeof CHANNEL_TYPES)[number]
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number]
export type SessionStatus = (typeof SESSION_STATUSES)[number]
export type AiStatus = (typeof AI_STATUSES)[number]
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number]

export interface Channel {
  uid: string
  business_uid: string
  type: ChannelType
  display_name: string
  status: ChannelStatus
  open_channel: boolean
}

export interface Session {
  uid: string
  business_uid: string
  channel_uid: string
  contact_uid: string
  external_uid: string
  status: SessionStatus
  ai_status: AiStatus
}

export interface Message {
  /** The gateway's id, returned as `data.message.uid` and used by PUT /messages/{messageUid}. */
  uid: string
  /** The app's id of the message, unique per channel. */
  message_uid: string
  channel_uid: string
  external_uid: string
  contact_uid: string | undefined
  direction: MessageDirection | undefined
  message: string
  attachments: Array<Record<string, unknown>>
  contact_data: Record<string, string> | undefined
  created_at: string
  status: MessageStatus
}

/** A client (contact) of the core API, with the fields of platform-v1-clients.json. */
export interface Client {
  id: string
  business_uid: string
  first_name: string
  last_name: string
  email: string
  mobile_phone: string | null
  normalized_phone: string | null
  address: string | null
  customer_status: string
  opt_in: string | null
  source: string | null
  source_url: string | null
  campaign: string | null
  channel: string | null
  custom_field1: string | null
  custom_field2: string | null
  custom_field3: string | null
  tags: string[]
  created_at: string
  updated_at: string
}

/**
 * What happened to an entity, emitted by the status-changing functions of `lifecycle.ts`.
 * The real gateway tells the calling application about these through webhooks; a listener
 * (`onEvent`) is where a webhook sender plugs in. Entities are snapshots.
 */
export type ReferenceEvent =
  | { kind: 'channel.activated'; channel: Channel }
  | { kind: 'channel.activation_failed'; channel: Channel; reason: string }
  | { kind: 'channel.status_changed'; channel: Channel; previous: ChannelStatus }
  | {
      kind: 'session.status_changed'
      session: Session
      previous: { status: SessionStatus; ai_status: AiStatus }
    }
  | { kind: 'message.status_updated'; message: Message; previous: MessageStatus }

export type EventListener = (event: ReferenceEvent) => void
