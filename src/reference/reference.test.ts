import { createServer } from 'node:net'
import axios, { type AxiosInstance } from 'axios'
import { afterEach, describe, expect, it } from 'vitest'
import { buildReferenceApp, type ReferenceServer, startReference } from './reference'
import { BUSINESS, COMM, field, send, text } from './testing'

let server: ReferenceServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const client = (url: string): AxiosInstance =>
  axios.create({
    baseURL: url,
    headers: { Authorization: 'Bearer staff-token' },
    validateStatus: () => true,
  })

describe('startReference (a real listening server)', () => {
  it('serves the typing seed’s steps: PUT active does not activate, the gateway callback does', async () => {
    server = await startReference()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const http = client(server.url)

    const channel = await http.post(`${COMM}/channels`, {
      business_uid: BUSINESS,
      type: 'transactional',
      display_name: 'Test Channel 1',
    })
    expect(channel.status).toBe(201)
    const channelUid = text(channel.data, 'data.channel.uid')
    const put = await http.put(`${COMM}/channels/${channelUid}`, {
      status: 'active',
      display_name: 'Active Test Channel',
      open_channel: true,
    })
    expect(put.status).toBe(200)
    const clients = await http.get('/platform/v1/clients', {
      params: { business_id: BUSINESS, per_page: '1' },
    })
    expect(clients.status).toBe(200)
    const contactUid = text(clients.data, 'data.clients.0.id')
    const sessionBody = {
      business_uid: BUSINESS,
      channel_uid: channelUid,
      contact_uid: contactUid,
      external_uid: 'test-external-uid-1',
    }

    const refused = await http.post(`${COMM}/sessions`, sessionBody)
    expect(refused.status).toBe(422)
    expect(refused.headers['content-type']).toContain('application/json')

    expect(
      (
        await http.post(`/_gateway/channels/${channelUid}/activation`, undefined, {
          headers: { Authorization: '' },
        })
      ).status,
    ).toBe(200)
    const session = await http.post(`${COMM}/sessions`, sessionBody)
    expect(session.status).toBe(201)
    const sessionUid = text(session.data, 'data.session.uid')
    expect((await http.put(`${COMM}/sessions/${sessionUid}`, { status: 'active' })).status).toBe(
      200,
    )
    const typing = await http.post(`${COMM}/sessions/typing`, {
      session_uid: sessionUid,
      contact_uid: contactUid,
    })
    expect(typing.status).toBe(200)
    expect(typing.data).toEqual({ success: true, data: {} })
  })

  it('with activationDelayMs, a spec that sleeps after creating the channel can send a message', async () => {
    const reference = await startReference({ activationDelayMs: 300 })
    server = reference
    const http = client(reference.url)
    const channel = await http.post(`${COMM}/channels`, {
      business_uid: BUSINESS,
      type: 'transactional',
    })
    const channelUid = text(channel.data, 'data.channel.uid')
    const message = {
      channel_uid: channelUid,
      external_uid: 'e-1',
      message: 'hi',
      message_uid: 'm-1',
    }
    expect((await http.post(`${COMM}/messages`, message)).status).toBe(422)
    // The spec's `sleep`: wait until the gateway's activation has happened.
    while (reference.store.channels.get(channelUid)?.status !== 'active') {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const sent = await http.post(`${COMM}/messages`, message)
    expect(sent.status).toBe(201)
    expect(field(sent.data, 'data.message.status')).toBe('pending')
  })

  it('reset empties the store; close frees the port', async () => {
    server = await startReference()
    const http = client(server.url)
    await http.post(`${COMM}/channels`, { business_uid: BUSINESS, type: 'transactional' })
    expect(server.store.channels.size).toBe(1)
    server.reset()
    expect(server.store.channels.size).toBe(0)
    const { url } = server
    await server.close()
    server = undefined
    const port = Number(new URL(url).port)
    const probe = createServer()
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen(port, '127.0.0.1', resolve)
    })
    await new Promise((resolve) => probe.close(resolve))
  })
})

describe('overrides (building a deliberately wrong provider)', () => {
  it('replaces one operation, with the faithful handler at hand, and leaves the others alone', async () => {
    const { app } = buildReferenceApp({
      overrides: {
        createChannel: (request, context, original) => {
          const reply = original(request, context)
          return { status: 200, body: { ...reply.body, data: { channel: { status: 'pending' } } } }
        },
      },
    })
    const mutated = await send(app, 'POST', `${COMM}/channels`, {
      business_uid: BUSINESS,
      type: 'transactional',
    })
    expect(mutated).toEqual({
      status: 200,
      body: { success: true, data: { channel: { status: 'pending' } } },
    })
    expect((await send(app, 'GET', `/platform/v1/clients?business_id=${BUSINESS}`)).status).toBe(
      200,
    )

    const faithful = await send(buildReferenceApp().app, 'POST', `${COMM}/channels`, {
      business_uid: BUSINESS,
      type: 'transactional',
    })
    expect(faithful.status).toBe(201)
  })

  it('can change a rule: a provider that opens sessions on pending channels', async () => {
    const { app, stateHandlers, store } = buildReferenceApp({
      overrides: {
        createSession: (request, context, original) => {
          for (const channel of context.store.channels.values()) channel.status = 'active'
          return original(request, context)
        },
      },
    })
    const channel = await stateHandlers['channel is pending']?.({ business_uid: BUSINESS })
    const answer = await send(app, 'POST', `${COMM}/sessions`, {
      business_uid: BUSINESS,
      channel_uid: channel?.uid,
      contact_uid: 'c',
      external_uid: 'e',
    })
    expect(answer.status).toBe(201)
    expect(store.sessions.size).toBe(1)
  })
})
