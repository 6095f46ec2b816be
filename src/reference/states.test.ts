import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { JsonValue } from '../spec/types'
import { buildReferenceApp, type ReferenceApp } from './reference'
import { STATE_NAMES } from './states'
import {
  BUSINESS,
  COMM,
  codes,
  field,
  firstClientId,
  messages,
  send,
  sessionBody,
  text,
} from './testing'

let ref: ReferenceApp
beforeEach(() => {
  ref = buildReferenceApp()
})

const handler = (name: string) => {
  const found = ref.stateHandlers[name]
  if (!found) throw new Error(`no handler for ${name}`)
  return found
}

describe('state handlers', () => {
  it('cover every state of specs/states.yaml', () => {
    const catalog: unknown = parse(readFileSync(join(__dirname, '../../specs/states.yaml'), 'utf8'))
    const states = field(catalog, 'states')
    const names = Array.isArray(states) ? states.map((s) => field(s, 'name')) : []
    expect(names.length).toBeGreaterThan(0)
    expect([...STATE_NAMES].sort()).toEqual([...names].sort())
    expect(Object.keys(ref.stateHandlers).sort()).toEqual([...names].sort())
  })

  describe('channel is pending', () => {
    it('sets up a pending channel: a session on it is refused with 422', async () => {
      const channel = await handler('channel is pending')({
        business_uid: BUSINESS,
        type: 'transactional',
        display_name: 'Test Channel 1767225600',
      })
      expect(channel).toEqual({
        uid: expect.any(String),
        status: 'pending',
        display_name: 'Test Channel 1767225600',
        type: 'transactional',
        business_uid: BUSINESS,
        open_channel: false,
      })
      const answer = await send(
        ref.app,
        'POST',
        `${COMM}/sessions`,
        sessionBody(String(channel.uid), await firstClientId(ref.app)),
      )
      expect(answer.status).toBe(422)
      expect(messages(answer)).toContain('is pending, not active')
    })
  })

  describe('channel is active', () => {
    it('sets up an active, open channel at once: a session on it is created (201)', async () => {
      const channel = await handler('channel is active')({
        business_uid: BUSINESS,
        type: 'transactional',
        status: 'active',
        display_name: 'Active Test Channel',
        open_channel: true,
      })
      expect(channel).toMatchObject({
        status: 'active',
        open_channel: true,
        display_name: 'Active Test Channel',
      })
      const answer = await send(
        ref.app,
        'POST',
        `${COMM}/sessions`,
        sessionBody(String(channel.uid), await firstClientId(ref.app)),
      )
      expect(answer.status).toBe(201)
    })

    it('defaults everything: the default business, transactional, empty display name', async () => {
      const channel = await handler('channel is active')({})
      expect(channel).toMatchObject({
        business_uid: ref.store.defaultBusinessUid,
        type: 'transactional',
        display_name: '',
      })
    })
  })

  describe('client exists', () => {
    it('returns what the lookup shows as clients[0]', async () => {
      const client = await handler('client exists')({ business_id: BUSINESS, per_page: '1' })
      const lookup = await send(
        ref.app,
        'GET',
        `/platform/v1/clients?business_id=${BUSINESS}&per_page=1`,
      )
      expect(client).toEqual(field(lookup.body, 'data.clients.0'))
    })

    it('creates the client named by id when the business has none such', async () => {
      const client = await handler('client exists')({
        business_id: BUSINESS,
        id: 'pinnedclient0001',
      })
      expect(client).toMatchObject({ id: 'pinnedclient0001', business_uid: BUSINESS })
      const lookup = await send(
        ref.app,
        'GET',
        `/platform/v1/clients?business_id=${BUSINESS}&search_by=uid&search_term=pinnedclient0001`,
      )
      expect(field(lookup.body, 'data.clients.0.id')).toBe('pinnedclient0001')
    })
  })

  describe('session exists', () => {
    it('uses the channel and contact of earlier states: typing works, the same session again is a duplicate', async () => {
      const channel = await handler('channel is active')({ business_uid: BUSINESS })
      const client = await handler('client exists')({ business_id: BUSINESS })
      const params = {
        business_uid: BUSINESS,
        channel_uid: String(channel.uid),
        contact_uid: String(client.id),
        external_uid: 'test-external-uid-1',
      }
      const session = await handler('session exists')(params)
      expect(session).toEqual({
        uid: expect.any(String),
        status: 'active',
        ai_status: 'none',
        ...params,
      })
      const typing = await send(ref.app, 'POST', `${COMM}/sessions/typing`, {
        session_uid: session.uid,
        contact_uid: client.id,
      })
      expect(typing.status).toBe(200)
      const duplicate = await send(ref.app, 'POST', `${COMM}/sessions`, params)
      expect(codes(duplicate)).toEqual(['already_exists'])
    })

    it('creates an active channel and a client when the params name ones that do not exist', async () => {
      const session = await handler('session exists')({
        business_uid: BUSINESS,
        channel_uid: 'c697a91c-ce0c-469e-918b-fdc2ff6f8a04',
        contact_uid: 'czpvt3f246p4cw9i',
        external_uid: 'ext',
      })
      expect(ref.store.channels.get('c697a91c-ce0c-469e-918b-fdc2ff6f8a04')).toMatchObject({
        status: 'active',
        business_uid: BUSINESS,
      })
      const lookup = await send(
        ref.app,
        'GET',
        `/platform/v1/clients?business_id=${BUSINESS}&search_by=uid&search_term=czpvt3f246p4cw9i`,
      )
      expect(field(lookup.body, 'data.clients.0.id')).toBe('czpvt3f246p4cw9i')
      const listed = await send(
        ref.app,
        'GET',
        `${COMM}/sessions?filter[business_uid]=${BUSINESS}&filter[channel_uid]=c697a91c-ce0c-469e-918b-fdc2ff6f8a04`,
      )
      expect(field(listed.body, 'data.sessions.0.uid')).toBe(session.uid)
    })

    it('with no params at all: a session of the default business on a new channel with its first client', async () => {
      const session = await handler('session exists')({})
      expect(session).toMatchObject({
        status: 'active',
        business_uid: ref.store.defaultBusinessUid,
      })
      expect(session.contact_uid).toBe(await firstClientId(ref.app, ref.store.defaultBusinessUid))
    })

    it('takes status from the params (a spec that creates a pending session, then activates it)', async () => {
      const session = await handler('session exists')({ status: 'pending', external_uid: 'ext_1' })
      expect(session.status).toBe('pending')
      const put = await send(ref.app, 'PUT', `${COMM}/sessions/${session.uid}`, {
        status: 'active',
      })
      expect(field(put.body, 'data.session.status')).toBe('active')
    })

    it('replayed with the same params, it reuses the session', async () => {
      const params = {
        business_uid: BUSINESS,
        channel_uid: 'ch-1',
        contact_uid: 'contact-1',
        external_uid: 'ext-1',
      }
      const first = await handler('session exists')(params)
      expect(await handler('session exists')(params)).toEqual(first)
    })
  })

  describe('message exists', () => {
    it('sets up a pending message whose status can then be updated', async () => {
      const channel = await handler('channel is active')({ business_uid: BUSINESS })
      const message = await handler('message exists')({
        channel_uid: String(channel.uid),
        message_uid: 'test-msg-1',
      })
      expect(message).toEqual({
        uid: expect.any(String),
        status: 'pending',
        message_uid: 'test-msg-1',
        channel_uid: channel.uid,
      })
      const put = await send(ref.app, 'PUT', `${COMM}/messages/${message.uid}`, {
        status: 'read',
        channel_uid: channel.uid,
      })
      expect(put.status).toBe(200)
      const again = await send(ref.app, 'POST', `${COMM}/messages`, {
        channel_uid: channel.uid,
        external_uid: 'e',
        message: 'hi',
        message_uid: 'test-msg-1',
      })
      expect(codes(again)).toEqual(['duplicate'])
    })

    it('creates its channel when none is named', async () => {
      const message = await handler('message exists')({})
      expect(ref.store.channels.get(String(message.channel_uid))?.status).toBe('active')
    })
  })

  const unusable: Array<{ state: string; params: Record<string, JsonValue>; error: string }> = [
    {
      state: 'channel is pending',
      params: { type: 'sms' },
      error:
        'state "channel is pending": param type must be one of transactional, promotional, got "sms"',
    },
    {
      state: 'channel is active',
      params: { status: 'inactive' },
      error:
        'state "channel is active": param status is "inactive", but this state sets up a channel that is active',
    },
    {
      state: 'channel is active',
      params: { open_channel: 'maybe' },
      error: 'state "channel is active": param open_channel must be true or false, got "maybe"',
    },
    {
      state: 'client exists',
      params: { business_id: { id: 1 } },
      error: 'state "client exists": param business_id must be a string, got an object',
    },
    {
      state: 'session exists',
      params: { channel_uid: '${channel_uid}' },
      error:
        'state "session exists": param channel_uid is "${channel_uid}": no earlier state provided ${channel_uid}',
    },
    {
      state: 'session exists',
      params: { status: 'open' },
      error:
        'state "session exists": param status must be one of pending, inactive, active, deleted, failed, got "open"',
    },
    {
      state: 'message exists',
      params: { attachments: 'a.png' },
      error: 'state "message exists": param attachments must be an array of objects, got "a.png"',
    },
  ]

  it.each(unusable)(
    '$state throws a clear error for unusable params ($params)',
    async ({ state, params, error }) => {
      await expect(handler(state)(params)).rejects.toThrow(error)
    },
  )

  it('session exists refuses a channel that is not active, naming the state to use', async () => {
    const channel = await handler('channel is pending')({ business_uid: BUSINESS })
    await expect(handler('session exists')({ channel_uid: String(channel.uid) })).rejects.toThrow(
      `state "session exists": channel ${String(channel.uid)} is pending; it needs an active channel (state "channel is active")`,
    )
  })

  it('session exists refuses a channel of another business', async () => {
    const channel = await handler('channel is active')({ business_uid: 'otherbusiness001' })
    await expect(
      handler('session exists')({ business_uid: BUSINESS, channel_uid: String(channel.uid) }),
    ).rejects.toThrow('belongs to business otherbusiness001')
  })

  it('set up data directly: no events, no scheduled activation', async () => {
    const events: unknown[] = []
    ref = buildReferenceApp({ activationDelayMs: 0, onEvent: (e) => events.push(e) })
    const channel = await handler('channel is pending')({})
    await handler('session exists')({})
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(ref.store.channels.get(text({ channel }, 'channel.uid'))?.status).toBe('pending')
    expect(events).toEqual([])
  })
})
