/**
 * Response bodies are validated, never cast: each schema is bound to its hand-written type
 * in `types.ts` (`z.ZodType<Channel>`), so the two cannot drift apart silently. Objects are
 * loose: fields the consumer does not know are allowed, fields it relies on are checked.
 */
import { z } from 'zod'
import {
  AI_STATUSES,
  type ApiErrorDetail,
  CHANNEL_STATUSES,
  type Channel,
  type Client,
  MESSAGE_STATUSES,
  type Message,
  SESSION_STATUSES,
  type Session,
} from './types'

export const ChannelSchema: z.ZodType<Channel> = z.looseObject({
  uid: z.string(),
  status: z.enum(CHANNEL_STATUSES),
  display_name: z.string(),
})

export const SessionSchema: z.ZodType<Session> = z.looseObject({
  uid: z.string(),
  status: z.enum(SESSION_STATUSES),
  ai_status: z.enum(AI_STATUSES),
})

export const MessageSchema: z.ZodType<Message> = z.looseObject({
  uid: z.string(),
  status: z.enum(MESSAGE_STATUSES),
})

export const ClientSchema: z.ZodType<Client> = z.looseObject({
  id: z.string(),
  business_uid: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  email: z.string().optional(),
  mobile_phone: z.string().nullable().optional(),
  customer_status: z.string().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
})

const ApiErrorDetailSchema: z.ZodType<ApiErrorDetail> = z.looseObject({
  code: z.string(),
  message: z.string(),
})

/** Any body carrying `errors: [{code, message}]`: the gateway's error envelope. */
export const ErrorsBodySchema = z.looseObject({ errors: z.array(ApiErrorDetailSchema).min(1) })

/** `{"success": true, "data": <data>}`. */
export function successEnvelope<T>(data: z.ZodType<T>) {
  return z.looseObject({ success: z.literal(true), data })
}

/** `{"status": "OK", "data": <data>}`. */
export function coreEnvelope<T>(data: z.ZodType<T>) {
  return z.looseObject({ status: z.literal('OK'), data })
}

/** A success whose `data` has no declared fields: the consumer relies on nothing in it. */
export const EmptySuccessSchema = successEnvelope(z.looseObject({})).transform(() => undefined)
