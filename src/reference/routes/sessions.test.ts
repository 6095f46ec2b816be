import { beforeEach, describe, expect, it } from 'vitest'
import { buildReferenceApp, type ReferenceApp } from '../reference'
import {
  activate,
  activeChannel,
  BUSINESS,
  COMM,
  codes,
  createChannel,
  field,
  firstClientId,
  messages,
  send,
  sessionBody,
  text,
} from '../testing'

let ref: ReferenceApp
let contact: string
beforeEach(async () => {
  ref = buildReferenceApp()
  contact = await firstClientId(ref.app)
})

const createSession = (body: unknown) => send(ref.app, 'POST', `${COMM}/sessions`, body)

async function activeSession(channel: string, external = 'ext-1'): Promise<string> {
  const created = await createSession(sessionBody(channel, contact, external))
  const uid = text(created.body, 'data.session.uid')
  await send(ref.app, 'PUT', `${COMM}/sessions/${uid}`, { status: 'active' })
  return uid
}

describe('POST /sessions', () => {
  it('creates a pending session on an active channel: 201', async () => {
    const channel = await activeChannel(ref.app)
    const answer = await createSession(
      sessionBody(channel, contact, 'test-external-uid-1767225600'),
    )
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      success: true,
      data: {
        session: {
          uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
          status: 'pending',
          ai_status: 'none',
          business_uid: BUSINESS,
          channel_uid: channel,
          contact_uid: contact,
          external_uid: 'test-external-uid-1767225600',
        },
      },
    })
  })

  it('422 on a pending channel, and 201 for the same request once the gateway activated it', async () => {
    const channel = await createChannel(ref.app)
    const body = sessionBody(channel, contact)
    const refused = await createSession(body)
    expect(refused.status).toBe(422)
    expect(refused.body).toEqual({
      success: false,
      errors: [
        {
          code: 'invalid',
          message: `channel ${channel} is pending, not active: the gateway activates channels asynchronously after creation`,
        },
      ],
    })
    expect((await activate(ref.app, channel)).status).toBe(200)
    expect((await createSession(body)).status).toBe(201)
  })

  it.each([
    { name: 'the same pairing', contactSame: true, external: 'ext-1' },
    { name: 'the same contact with another external_uid', contactSame: true, external: 'ext-2' },
    { name: 'the same external_uid with another contact', contactSame: false, external: 'ext-1' },
  ])('422 already_exists for $name on the channel', async ({ contactSame, external }) => {
    const channel = await activeChannel(ref.app)
    expect((await createSession(sessionBody(channel, contact, 'ext-1'))).status).toBe(201)
    const other = contactSame ? contact : 'another-contact'
    const answer = await createSession(sessionBody(channel, other, external))
    expect(answer.status).toBe(422)
    expect(codes(answer)).toEqual(['already_exists'])
    expect(messages(answer)).toContain(`on channel ${channel}`)
  })

  it('allows the same pairing on another channel, and again after the session was deleted', async () => {
    const first = await activeChannel(ref.app)
    const second = await activeChannel(ref.app)
    const created = await createSession(sessionBody(first, contact))
    expect((await createSession(sessionBody(second, contact))).status).toBe(201)
    await send(ref.app, 'DELETE', `${COMM}/sessions/${text(created.body, 'data.session.uid')}`)
    expect((await createSession(sessionBody(first, contact))).status).toBe(201)
  })

  it('404 when the channel is unknown or belongs to another business', async () => {
    const channel = await activeChannel(ref.app, 'otherbusiness001')
    for (const body of [sessionBody('no-such-channel', contact), sessionBody(channel, contact)]) {
      const answer = await createSession(body)
      expect(answer.status).toBe(404)
      expect(codes(answer)).toEqual(['missing'])
    }
  })

  it('422 naming every missing field', async () => {
    const answer = await createSession({ business_uid: BUSINESS })
    expect(answer.status).toBe(422)
    expect(answer.body).toEqual({
      success: false,
      errors: ['channel_uid', 'contact_uid', 'external_uid'].map((name) => ({
        code: 'missing_field',
        message: `${name} is missing`,
      })),
    })
  })
})

describe('GET /sessions', () => {
  const list = (query: string) => send(ref.app, 'GET', `${COMM}/sessions?${query}`)

  it('lists the sessions of the channel, narrowed by contact', async () => {
    const channel = await activeChannel(ref.app)
    const created = await createSession(sessionBody(channel, contact))
    await createSession(sessionBody(channel, 'second-contact', 'ext-2'))
    const all = await list(`filter[business_uid]=${BUSINESS}&filter[channel_uid]=${channel}`)
    expect(all.status).toBe(200)
    expect(field(all.body, 'data.sessions')).toHaveLength(2)
    const mine = await list(
      `filter[business_uid]=${BUSINESS}&filter[channel_uid]=${channel}&filter[contact_uid]=${contact}`,
    )
    expect(mine.body).toEqual({
      success: true,
      data: { sessions: [field(created.body, 'data.session')] },
    })
  })

  it('reads percent-encoded brackets, as Pact and most HTTP clients send them', async () => {
    const channel = await activeChannel(ref.app)
    await createSession(sessionBody(channel, contact))
    const answer = await list(
      `filter%5Bbusiness_uid%5D=${BUSINESS}&filter%5Bchannel_uid%5D=${channel}`,
    )
    expect(answer.status).toBe(200)
    expect(field(answer.body, 'data.sessions')).toHaveLength(1)
  })

  it('an unknown channel has no sessions: 200 with an empty list', async () => {
    const answer = await list(
      `filter[business_uid]=${BUSINESS}&filter[channel_uid]=test-channel-uid`,
    )
    expect(answer).toEqual({ status: 200, body: { success: true, data: { sessions: [] } } })
  })

  it.each([
    { name: 'no filters', query: '', missing: ['filter[business_uid]', 'filter[channel_uid]'] },
    {
      name: 'no channel filter',
      query: `filter[business_uid]=${BUSINESS}`,
      missing: ['filter[channel_uid]'],
    },
  ])('422 missing_field for $name', async ({ query, missing }) => {
    const answer = await list(query)
    expect(answer.status).toBe(422)
    expect(answer.body).toEqual({
      success: false,
      errors: missing.map((name) => ({ code: 'missing_field', message: `${name} is missing` })),
    })
  })

  it('explains deep-object style when the filters are sent flat', async () => {
    const answer = await list(`business_uid=${BUSINESS}&channel_uid=abc`)
    expect(answer.status).toBe(422)
    expect(messages(answer)).toContain('send filter[channel_uid], not channel_uid')
  })
})

describe('PUT /sessions/{uid}', () => {
  it('changes status and ai_status: 200 with the session', async () => {
    const channel = await activeChannel(ref.app)
    const uid = text((await createSession(sessionBody(channel, contact))).body, 'data.session.uid')
    const answer = await send(ref.app, 'PUT', `${COMM}/sessions/${uid}`, {
      status: 'active',
      ai_status: 'ai_intercepted',
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      success: true,
      data: { session: { uid, status: 'active', ai_status: 'ai_intercepted' } },
    })
  })

  it('cannot activate a session whose channel was deactivated', async () => {
    const channel = await activeChannel(ref.app)
    const uid = text((await createSession(sessionBody(channel, contact))).body, 'data.session.uid')
    await send(ref.app, 'PUT', `${COMM}/channels/${channel}`, { status: 'inactive' })
    const answer = await send(ref.app, 'PUT', `${COMM}/sessions/${uid}`, { status: 'active' })
    expect(answer.status).toBe(422)
    expect(messages(answer)).toContain('is inactive, not active')
  })

  it.each([
    {
      name: 'a status an app may not set',
      body: { status: 'pending' },
      code: 'invalid',
      text: 'status must be one of inactive, active, deleted (got "pending")',
    },
    {
      name: 'an unknown ai_status',
      body: { ai_status: 'bot' },
      code: 'invalid',
      text: 'ai_status must be one of none, ai_intercepted, ai_released',
    },
    {
      name: 'nothing to change',
      body: {},
      code: 'missing_field',
      text: 'status or ai_status is missing',
    },
  ])('422 for $name', async ({ body, code, text: expected }) => {
    const channel = await activeChannel(ref.app)
    const uid = text((await createSession(sessionBody(channel, contact))).body, 'data.session.uid')
    const answer = await send(ref.app, 'PUT', `${COMM}/sessions/${uid}`, body)
    expect(answer.status).toBe(422)
    expect(codes(answer)).toEqual([code])
    expect(messages(answer)).toContain(expected)
  })

  it('404 for an unknown uid', async () => {
    const answer = await send(ref.app, 'PUT', `${COMM}/sessions/nope`, { status: 'active' })
    expect(answer.status).toBe(404)
    expect(codes(answer)).toEqual(['missing'])
  })
})

describe('DELETE /sessions/{uid}', () => {
  it('deletes logically: 200, listed as deleted, then 404 for changes', async () => {
    const channel = await activeChannel(ref.app)
    const uid = text((await createSession(sessionBody(channel, contact))).body, 'data.session.uid')
    expect(await send(ref.app, 'DELETE', `${COMM}/sessions/${uid}`)).toEqual({
      status: 200,
      body: { success: true, data: {} },
    })
    const listed = await send(
      ref.app,
      'GET',
      `${COMM}/sessions?filter[business_uid]=${BUSINESS}&filter[channel_uid]=${channel}`,
    )
    expect(field(listed.body, 'data.sessions.0.status')).toBe('deleted')
    expect((await send(ref.app, 'DELETE', `${COMM}/sessions/${uid}`)).status).toBe(404)
    expect(
      (await send(ref.app, 'PUT', `${COMM}/sessions/${uid}`, { status: 'active' })).status,
    ).toBe(404)
  })
})

describe('POST /sessions/typing', () => {
  const typing = (body: unknown) => send(ref.app, 'POST', `${COMM}/sessions/typing`, body)

  it('200 for an active session and its contact', async () => {
    const session = await activeSession(await activeChannel(ref.app))
    expect(await typing({ session_uid: session, contact_uid: contact })).toEqual({
      status: 200,
      body: { success: true, data: {} },
    })
  })

  it('422 while the session is still pending', async () => {
    const channel = await activeChannel(ref.app)
    const session = text(
      (await createSession(sessionBody(channel, contact))).body,
      'data.session.uid',
    )
    const answer = await typing({ session_uid: session, contact_uid: contact })
    expect(answer.status).toBe(422)
    expect(messages(answer)).toBe(`session ${session} is pending, not active`)
  })

  it('422 when the contact is not the session’s', async () => {
    const session = await activeSession(await activeChannel(ref.app))
    const answer = await typing({ session_uid: session, contact_uid: 'someone-else' })
    expect(answer.status).toBe(422)
    expect(codes(answer)).toEqual(['invalid'])
  })

  it('404 for an unknown session, 422 for missing fields', async () => {
    expect((await typing({ session_uid: 'nope', contact_uid: contact })).status).toBe(404)
    const missing = await typing({})
    expect(missing.status).toBe(422)
    expect(codes(missing)).toEqual(['missing_field', 'missing_field'])
  })
})
