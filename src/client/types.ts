/**
 * The communication-gw and core-API shapes as a consumer sees them, written from the
 * gateway's swagger (see `specs/openapi/`). Enums are `as const` arrays so the response
 * schemas in `schemas.ts` check the very same values.
 */
import type { AxiosInstance } from 'axios'
import type { JsonValue } from '../shared'

export type { JsonValue }

export const CHANNEL_TYPES = ['transactional', 'promotional'] as const
export type ChannelType = (typeof CHANNEL_TYPES)[number]

export const CHANNEL_STATUSES = [
  'pending',
  'active',
  'inactive',
  'deleted',
  'blocked',
  'error',
] as const
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number]

export const SESSION_STATUSES = ['pending', 'inactive', 'active', 'deleted', 'failed'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/** The session statuses a source channel app may set. */
export type SessionStatusUpdate = Extract<SessionStatus, 'inactive' | 'active' | 'deleted'>

export const AI_STATUSES = ['none', 'ai_intercepted', 'ai_released'] as const
export type AiStatus = (typeof AI_STATUSES)[number]

export const MESSAGE_STATUSES = [
  'pending',
  'channel_pending',
  'sent',
  'received',
  'read',
  'error',
  'unavailable',
] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

export type MessageDirection = 'client_to_business' | 'business_to_client'

/**
 * The error codes the swagger lists. The gateway is not limited to them (it answers
 * e.g. `channel_not_active`), so `ApiErrorDetail.code` stays a plain string.
 */
export const ERROR_CODES = [
  'missing',
  'missing_field',
  'invalid',
  'already_exists',
  'duplicate',
  'too_long',
  'unexpected',
  'unauthorized',
  'timeout',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

// ── entities ────────────────────────────────────────────────────────────────────────

export interface Channel {
  /** 36-character UUID. */
  uid: string
  status: ChannelStatus
  display_name: string
}

export interface Session {
  uid: string
  status: SessionStatus
  ai_status: AiStatus
}

/** What the gateway returns for a message it accepted. */
export interface Message {
  uid: string
  status: MessageStatus
}

/** A client of the core API; its `id` is the gateway's `contact_uid`. */
export interface Client {
  id: string
  business_uid?: string
  first_name?: string
  last_name?: string
  email?: string
  mobile_phone?: string | null
  customer_status?: string
  created_at?: string
  updated_at?: string
}

// ── envelopes ───────────────────────────────────────────────────────────────────────

export interface ApiErrorDetail {
  code: string
  message: string
}

export interface SuccessEnvelope<T> {
  success: true
  data: T
}

export interface ErrorEnvelope {
  success: false
  errors: ApiErrorDetail[]
}

export type Envelope<T> = SuccessEnvelope<T> | ErrorEnvelope

/** The core API's envelope: `{"status": "OK", "data": {...}}`. */
export interface CoreEnvelope<T> {
  status: 'OK'
  data: T
}

// ── requests ────────────────────────────────────────────────────────────────────────

export interface CreateChannelRequest {
  /** The 16-character business uid. */
  business_uid: string
  type: ChannelType
  display_name?: string
}

/** Not described by the swagger; the fields the gateway's users send. */
export interface UpdateChannelRequest {
  status?: ChannelStatus
  display_name?: string
  open_channel?: boolean
}

export interface CreateSessionRequest {
  business_uid: string
  channel_uid: string
  /** The vCita contact: a core-API client `id`. */
  contact_uid: string
  /** The app's own identifier of the contact. */
  external_uid: string
}

/** Sent as deep-object query parameters: `filter[channel_uid]=…`. */
export interface SessionFilters {
  business_uid: string
  channel_uid: string
  contact_uid?: string
}

/** At least one of `status` and `ai_status`. */
export type UpdateSessionRequest =
  | { status: SessionStatusUpdate; ai_status?: AiStatus }
  | { status?: SessionStatusUpdate; ai_status: AiStatus }

export interface TypingRequest {
  session_uid: string
  contact_uid: string
}

export interface CreateMessageRequest {
  channel_uid: string
  /** Paired contact code. */
  external_uid: string
  message: string
  /** The app's id of the message (max 255 characters), unique per channel. */
  message_uid: string
  contact_uid?: string
  direction?: MessageDirection
  attachments?: Array<{ [key: string]: JsonValue }>
  /** `YYYY-MM-DD HH:MM:SS`. */
  created_at?: string
  /** Contact metadata for the AI receptionist (name, email, phone, …); not used for routing. */
  contact_data?: Record<string, string>
}

export interface UpdateMessageRequest {
  status: MessageStatus
  channel_uid: string
}

export interface ListClientsQuery {
  business_id: string
  per_page?: number
  page?: number
}

// ── options ─────────────────────────────────────────────────────────────────────────

export interface ClientOptions {
  /**
   * Where the API lives, without its base path: `https://api.vcita.biz`, or the Pact mock
   * server's URL in consumer tests. The client appends `/business/communication/…` or
   * `/platform/v1/…`.
   */
  baseURL: string
  /** Sent as `Authorization: Bearer <token>`. */
  token: string
  /** An axios instance to send with (interceptors, agents); it is never modified. */
  axios?: AxiosInstance
  /** Milliseconds before a request is abandoned; it then fails as a network error. */
  timeout?: number
}
