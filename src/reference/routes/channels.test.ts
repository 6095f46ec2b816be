import { beforeEach, describe, expect, it } from 'vitest'
import { buildReferenceApp, type ReferenceApp } from '../reference'
import {
  activate,
  activeChannel,
  BUSINESS,
  COMM,
  codes,
  createChannel,
  firstClientId,
  messages,
  send,
  sessionBody,
} from '../testing'

let ref: ReferenceApp
beforeEach(() => {
  ref = buildReferenceApp()
})

/** What a consumer notices of a channel's status: whether a session can be opened on it. */
async function sessionAnswer(channel: string): Promise<{ status: number; message: string }> {
  const answer = await send(
    ref.app,
    'POST',
    `${COMM}/sessions`,
    sessionBody(channel, await firstClientId(ref.app)),
  )
  return { status: answer.status, message: messages(answer) }
}

describe('POST /channels', () => {
  it('creates a pending channel: 201 with the channel in the envelope', async () => {
    const answer = await send(ref.app, 'POST', `${COMM}/channels`, {
      business_uid: BUSINESS,
      type: 'promotional',
      display_name: 'Test Channel 1767225600',
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      success: true,
      data: {
        channel: {
          uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
          status: 'pending',
          display_name: 'Test Channel 1767225600',
          type: 'promotional',
          business_uid: BUSINESS,
          open_channel: false,
        },
      },
    })
  })

  it('defaults display_name to the empty string (the swagger requires it in the answer)', async () => {
    const answer = await send(ref.app, 'POST', `${COMM}/channels`, {
      business_uid: BUSINESS,
      type: 'transactional',
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ data: { channel: { display_name: '' } } })
  })

  it.each([
    {
      name: 'no body',
      body: undefined,
      errors: [
        ['missing_field', 'business_uid is missing'],
        ['missing_field', 'type is missing'],
      ],
    },
    {
      name: 'unknown type',
      body: { business_uid: BUSINESS, type: 'sms' },
      errors: [['invalid', 'type must be one of transactional, promotional (got "sms")']],
    },
    {
      name: 'empty business_uid and numeric display_name',
      body: { business_uid: '', type: 'transactional', display_name: 7 },
      errors: [
        ['invalid', 'business_uid must not be empty'],
        ['invalid', 'display_name must be a string (got number 7)'],
      ],
    },
    {
      name: 'a body that is not an object',
      body: ['transactional'],
      errors: [['invalid', 'the request body must be a JSON object (got an array)']],
    },
  ])('422 for $name, every problem named', async ({ body, errors }) => {
    const answer = await send(ref.app, 'POST', `${COMM}/channels`, body)
    expect(answer.status).toBe(422)
    expect(answer.body).toEqual({
      success: false,
      errors: errors.map(([code, message]) => ({ code, message })),
    })
  })
})

describe('PUT /channels/{uid}', () => {
  it('answers 200 with empty data, as the swagger (BaseDto) says', async () => {
    const uid = await createChannel(ref.app)
    const answer = await send(ref.app, 'PUT', `${COMM}/channels/${uid}`, {
      display_name: 'Renamed',
      open_channel: true,
    })
    expect(answer).toEqual({ status: 200, body: { success: true, data: {} } })
    expect(ref.store.channels.get(uid)).toMatchObject({
      display_name: 'Renamed',
      open_channel: true,
    })
  })

  it('accepts status active on a pending channel but does not activate it: only the gateway does', async () => {
    const uid = await createChannel(ref.app)
    const put = await send(ref.app, 'PUT', `${COMM}/channels/${uid}`, {
      status: 'active',
      display_name: 'Active Test Channel',
      open_channel: true,
    })
    expect(put.status).toBe(200)
    const session = await sessionAnswer(uid)
    expect(session.status).toBe(422)
    expect(session.message).toContain('is pending, not active')
  })

  it('deactivates an active channel and reopens it', async () => {
    const uid = await activeChannel(ref.app)
    expect(
      (await send(ref.app, 'PUT', `${COMM}/channels/${uid}`, { status: 'inactive' })).status,
    ).toBe(200)
    expect(await sessionAnswer(uid)).toMatchObject({
      status: 422,
      message: expect.stringContaining('inactive'),
    })
    expect(
      (await send(ref.app, 'PUT', `${COMM}/channels/${uid}`, { status: 'active' })).status,
    ).toBe(200)
    expect((await sessionAnswer(uid)).status).toBe(201)
  })

  it.each([
    {
      name: 'a gateway-owned status',
      body: { status: 'blocked' },
      code: 'invalid',
      text: 'set by the gateway',
    },
    {
      name: 'a status outside the enum',
      body: { status: 'open' },
      code: 'invalid',
      text: 'pending, active, inactive, deleted, blocked, error',
    },
    {
      name: 'open_channel that is not a boolean',
      body: { open_channel: 'yes' },
      code: 'invalid',
      text: 'open_channel must be a boolean',
    },
    { name: 'nothing to update', body: {}, code: 'missing_field', text: 'nothing to update' },
  ])('422 for $name', async ({ body, code, text }) => {
    const uid = await createChannel(ref.app)
    const answer = await send(ref.app, 'PUT', `${COMM}/channels/${uid}`, body)
    expect(answer.status).toBe(422)
    expect(codes(answer)).toEqual([code])
    expect(messages(answer)).toContain(text)
  })

  it('404 for an unknown uid', async () => {
    const answer = await send(ref.app, 'PUT', `${COMM}/channels/no-such-channel`, {
      status: 'active',
    })
    expect(answer).toEqual({
      status: 404,
      body: {
        success: false,
        errors: [{ code: 'missing', message: 'channel no-such-channel not found' }],
      },
    })
  })
})

describe('DELETE /channels/{uid}', () => {
  it('deletes: 200, then the channel answers 404 and takes no sessions', async () => {
    const uid = await activeChannel(ref.app)
    expect(await send(ref.app, 'DELETE', `${COMM}/channels/${uid}`)).toEqual({
      status: 200,
      body: { success: true, data: {} },
    })
    expect((await send(ref.app, 'DELETE', `${COMM}/channels/${uid}`)).status).toBe(404)
    expect(
      (await send(ref.app, 'PUT', `${COMM}/channels/${uid}`, { status: 'active' })).status,
    ).toBe(404)
    expect(await sessionAnswer(uid)).toMatchObject({
      status: 422,
      message: expect.stringContaining('deleted'),
    })
  })

  it('a deleted pending channel is not activated by a late gateway callback', async () => {
    const uid = await createChannel(ref.app)
    await send(ref.app, 'DELETE', `${COMM}/channels/${uid}`)
    expect((await activate(ref.app, uid)).status).toBe(422)
  })

  it('404 for an unknown uid', async () => {
    const answer = await send(ref.app, 'DELETE', `${COMM}/channels/nope`)
    expect(answer.status).toBe(404)
    expect(codes(answer)).toEqual(['missing'])
  })
})
