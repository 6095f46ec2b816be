/**
 * Changes a provider may make without breaking the consumer: verification must keep passing.
 * Each has a probe that shows the change is really live on the mutated reference, so a case
 * cannot pass because its mutation did nothing.
 */
import { expect } from 'vitest'
import type { JsonObject, ReferenceServer } from '../../src/reference'
import type { JsonValue } from '../../src/spec'
import { bodyField, editAt, editReply, everyOperation, reverseKeys } from './edits'
import { type Mutation, request } from './harness'

export interface HarmlessCase {
  name: string
  proves: string
  mutation: Mutation
  /** Requests the mutated reference and asserts the change is visible. */
  probe: (reference: ReferenceServer) => Promise<void>
}

const COMM = '/business/communication'
const BUSINESS = 'bz3p8ja7a1b2c3d4'
const newChannel = { business_uid: BUSINESS, type: 'transactional', display_name: 'Probe' }

/** The value at a dot path of a JSON answer. */
const at = (value: JsonValue, path: string): JsonValue | undefined =>
  path.split('.').reduce<JsonValue | undefined>((node, key) => {
    if (Array.isArray(node)) return node[Number(key)]
    if (typeof node === 'object' && node !== null) return node[key]
    return undefined
  }, value)

/** An active channel, a client and an active session of it, set up by the states. */
async function activeSession(reference: ReferenceServer): Promise<JsonObject> {
  const states = reference.stateHandlers
  const channel = await states['channel is active']?.({ business_uid: BUSINESS })
  const client = await states['client exists']?.({ business_id: BUSINESS })
  const session = await states['session exists']?.({
    business_uid: BUSINESS,
    channel_uid: channel?.uid ?? null,
    contact_uid: client?.id ?? null,
    external_uid: 'probe-external',
  })
  if (!session) throw new Error('the probe could not set up a session')
  return session
}

export const HARMLESS: HarmlessCase[] = [
  {
    name: 'extra response fields (created_at, updated_at, meta)',
    proves: 'the contracts ask only for the fields the consumer reads',
    mutation: {
      overrides: {
        ...everyOperation(
          editReply((reply) =>
            reply.body.success === true
              ? { ...reply, body: { ...reply.body, meta: { request_id: 'req-1' } } }
              : reply,
          ),
        ),
        createChannel: editReply((reply) => ({
          ...reply,
          body: {
            ...editAt(reply.body, 'data.channel', (c) => ({
              ...c,
              created_at: '2026-01-01 00:00:00',
            })),
            meta: { request_id: 'req-1' },
          },
        })),
        updateSession: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.session', (s) => ({
            ...s,
            updated_at: '2026-01-01 00:00:00',
          })),
        })),
      },
    },
    probe: async (reference) => {
      const answer = await request(reference, 'POST', `${COMM}/channels`, newChannel)
      expect(at(answer.body, 'data.channel.created_at')).toBe('2026-01-01 00:00:00')
      expect(at(answer.body, 'meta.request_id')).toBe('req-1')
    },
  },
  {
    name: 'response keys in reverse order',
    proves: 'JSON key order is not part of the contract',
    mutation: {
      overrides: everyOperation(
        editReply((reply) => ({ ...reply, body: reverseKeys(reply.body) as JsonObject })),
      ),
    },
    probe: async (reference) => {
      const answer = await request(reference, 'POST', `${COMM}/channels`, newChannel)
      expect(Object.keys(answer.body as JsonObject)).toEqual(['data', 'success'])
      expect(Object.keys(at(answer.body, 'data.channel') as JsonObject)[0]).toBe('open_channel')
    },
  },
  {
    name: 'extra response headers (X-Request-Id, Cache-Control)',
    proves: 'headers the consumer does not expect are ignored; Content-Type stays checked',
    mutation: {
      overrides: everyOperation(
        editReply((reply) => ({
          ...reply,
          headers: { 'x-request-id': 'req-1', 'cache-control': 'no-store' },
        })),
      ),
    },
    probe: async (reference) => {
      const answer = await request(reference, 'POST', `${COMM}/channels`, newChannel)
      expect(answer.headers.get('x-request-id')).toBe('req-1')
      expect(answer.headers.get('cache-control')).toBe('no-store')
    },
  },
  {
    name: 'channel type no longer validated (unknown types become transactional)',
    proves: 'a more lenient validation keeps every interaction passing',
    mutation: {
      overrides: {
        createChannel: (request, context, original) => {
          const type = bodyField(request, 'type')
          const known = type === 'transactional' || type === 'promotional'
          const body = { ...(request.body as object), type: known ? type : 'transactional' }
          return original({ ...request, body }, context)
        },
      },
    },
    probe: async (reference) => {
      const answer = await request(reference, 'POST', `${COMM}/channels`, {
        ...newChannel,
        type: 'sms',
      })
      expect(answer.status).toBe(201)
    },
  },
  {
    name: 'POST /messages accepts an optional priority',
    proves: 'a new optional request field the consumer does not send changes nothing',
    mutation: {
      overrides: {
        createMessage: editReply((reply, request) => {
          const priority = bodyField(request, 'priority') ?? 'normal'
          if (typeof priority !== 'string' || !['low', 'normal', 'high'].includes(priority))
            return {
              status: 422,
              body: {
                success: false,
                errors: [{ code: 'invalid', message: 'priority must be one of low, normal, high' }],
              },
            }
          return { ...reply, body: editAt(reply.body, 'data.message', (m) => ({ ...m, priority })) }
        }),
      },
    },
    probe: async (reference) => {
      const session = await activeSession(reference)
      const answer = await request(reference, 'POST', `${COMM}/messages`, {
        channel_uid: session.channel_uid ?? null,
        external_uid: 'probe-external',
        message: 'hi',
        message_uid: 'probe-message',
        priority: 'high',
      })
      expect(answer.status).toBe(201)
      expect(at(answer.body, 'data.message.priority')).toBe('high')
    },
  },
  {
    name: 'POST /sessions/typing answers 201',
    proves: "a status inside the consumer's accepted list ([200, 201]) passes",
    mutation: {
      overrides: {
        sendTyping: editReply((reply) =>
          reply.status === 200 ? { ...reply, status: 201 } : reply,
        ),
      },
    },
    probe: async (reference) => {
      const session = await activeSession(reference)
      const answer = await request(reference, 'POST', `${COMM}/sessions/typing`, {
        session_uid: session.uid ?? null,
        contact_uid: session.contact_uid ?? null,
      })
      expect(answer.status).toBe(201)
    },
  },
  {
    name: 'error entries gain a field and reworded messages',
    proves: 'error messages are matched by type, not text; extra error detail is fine',
    mutation: {
      overrides: everyOperation(
        editReply((reply) =>
          reply.body.success === false
            ? {
                ...reply,
                body: editAt(reply.body, 'errors.*', (e) => ({
                  ...e,
                  message: `Request failed: ${String(e.message)}`,
                  field: 'channel_uid',
                })),
              }
            : reply,
        ),
      ),
    },
    probe: async (reference) => {
      const channel = await reference.stateHandlers['channel is pending']?.({
        business_uid: BUSINESS,
      })
      const answer = await request(reference, 'POST', `${COMM}/sessions`, {
        business_uid: BUSINESS,
        channel_uid: channel?.uid ?? null,
        contact_uid: 'probe-contact',
        external_uid: 'probe-external',
      })
      expect(answer.status).toBe(422)
      expect(at(answer.body, 'errors.0.field')).toBe('channel_uid')
      expect(String(at(answer.body, 'errors.0.message'))).toMatch(/^Request failed: /)
    },
  },
]
