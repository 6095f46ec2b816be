import { beforeEach, describe, expect, it } from 'vitest'
import { buildReferenceApp, type ReferenceApp } from '../reference'
import { activeChannel, COMM, codes, createChannel, messages, send, text } from '../testing'
import type { ReferenceEvent } from '../types'

let ref: ReferenceApp
let events: ReferenceEvent[]
beforeEach(() => {
  events = []
  ref = buildReferenceApp({ onEvent: (event) => events.push(event) })
})

const messageBody = (channel_uid: string, message_uid = 'test-msg-1767225600') => ({
  channel_uid,
  external_uid: 'test-external-1767225600',
  contact_uid: 'czpvt3f246p4cw9i',
  message: 'Test message from API validation 1767225600',
  message_uid,
})

const post = (body: unknown) => send(ref.app, 'POST', `${COMM}/messages`, body)

describe('POST /messages', () => {
  it('accepts a message on an active channel: 201 with uid and status pending', async () => {
    const channel = await activeChannel(ref.app)
    const answer = await post({
      ...messageBody(channel),
      direction: 'business_to_client',
      attachments: [{ url: 'https://example.com/a.png' }],
      created_at: '2026-01-01 10:00:00',
      contact_data: { contact_name: 'Itzik Levy' },
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      success: true,
      data: {
        message: {
          uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
          status: 'pending',
          message_uid: 'test-msg-1767225600',
          channel_uid: channel,
        },
      },
    })
  })

  it('422 on a channel that is still pending (sending requires an active channel)', async () => {
    const channel = await createChannel(ref.app)
    const answer = await post(messageBody(channel))
    expect(answer.status).toBe(422)
    expect(messages(answer)).toContain('is pending, not active')
  })

  it('422 duplicate for a message_uid used twice on a channel, fine on another channel', async () => {
    const channel = await activeChannel(ref.app)
    expect((await post(messageBody(channel))).status).toBe(201)
    const again = await post(messageBody(channel))
    expect(again.status).toBe(422)
    expect(again.body).toEqual({
      success: false,
      errors: [
        {
          code: 'duplicate',
          message: `message_uid test-msg-1767225600 is already used on channel ${channel}`,
        },
      ],
    })
    expect((await post(messageBody(await activeChannel(ref.app)))).status).toBe(201)
  })

  it('404 for an unknown channel', async () => {
    const answer = await post(messageBody('no-such-channel'))
    expect(answer.status).toBe(404)
    expect(codes(answer)).toEqual(['missing'])
  })

  it.each([
    {
      name: 'missing required fields',
      body: { contact_uid: 'c' },
      errors: [
        ['missing_field', 'channel_uid is missing'],
        ['missing_field', 'external_uid is missing'],
        ['missing_field', 'message is missing'],
        ['missing_field', 'message_uid is missing'],
      ],
    },
    {
      name: 'a message_uid over 255 characters',
      body: { ...messageBody('ch'), message_uid: 'm'.repeat(256) },
      errors: [['too_long', 'message_uid must be at most 255 characters (got 256)']],
    },
    {
      name: 'an unknown direction',
      body: { ...messageBody('ch'), direction: 'outbound' },
      errors: [
        [
          'invalid',
          'direction must be one of client_to_business, business_to_client (got "outbound")',
        ],
      ],
    },
    {
      name: 'created_at in another format',
      body: { ...messageBody('ch'), created_at: '2026-01-01T10:00:00Z' },
      errors: [
        [
          'invalid',
          'created_at must be a date time as YYYY-MM-DD HH:MM:SS (got "2026-01-01T10:00:00Z")',
        ],
      ],
    },
    {
      name: 'attachments that are not objects',
      body: { ...messageBody('ch'), attachments: ['a.png'] },
      errors: [['invalid', 'attachments[0] must be an object (got "a.png")']],
    },
  ])('422 for $name', async ({ body, errors }) => {
    const answer = await post(body)
    expect(answer.status).toBe(422)
    expect(answer.body).toEqual({
      success: false,
      errors: errors.map(([code, message]) => ({ code, message })),
    })
  })
})

describe('PUT /messages/{messageUid}', () => {
  async function sent(): Promise<{ channel: string; uid: string }> {
    const channel = await activeChannel(ref.app)
    return { channel, uid: text((await post(messageBody(channel))).body, 'data.message.uid') }
  }

  it('updates the status: 200 with empty data, and the change is announced', async () => {
    const { channel, uid } = await sent()
    const answer = await send(ref.app, 'PUT', `${COMM}/messages/${uid}`, {
      status: 'read',
      channel_uid: channel,
    })
    expect(answer).toEqual({ status: 200, body: { success: true, data: {} } })
    expect(events.at(-1)).toMatchObject({
      kind: 'message.status_updated',
      previous: 'pending',
      message: { uid, status: 'read' },
    })
  })

  it('404 when the message is unknown or on another channel', async () => {
    const { uid } = await sent()
    const other = await activeChannel(ref.app)
    for (const url of [`${COMM}/messages/${uid}`, `${COMM}/messages/nope`]) {
      const answer = await send(ref.app, 'PUT', url, { status: 'read', channel_uid: other })
      expect(answer.status).toBe(404)
      expect(codes(answer)).toEqual(['missing'])
    }
  })

  it('422 for an unknown status and for a missing channel_uid', async () => {
    const { uid } = await sent()
    const answer = await send(ref.app, 'PUT', `${COMM}/messages/${uid}`, { status: 'delivered' })
    expect(answer.status).toBe(422)
    expect(answer.body).toEqual({
      success: false,
      errors: [
        {
          code: 'invalid',
          message:
            'status must be one of pending, channel_pending, sent, received, read, error, unavailable (got "delivered")',
        },
        { code: 'missing_field', message: 'channel_uid is missing' },
      ],
    })
  })
})
