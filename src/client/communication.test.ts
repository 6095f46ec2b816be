import axios from 'axios'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type CommunicationClient, createCommunicationClient } from './communication'
import { type RecordedRequest, startTestServer, type TestServer } from './test-server'

const TOKEN = 'staff-token-123'
const channel = {
  uid: 'c697a91c-ce0c-469e-918b-fdc2ff6f8a04',
  status: 'pending',
  display_name: 'Desk',
}
const session = { uid: '3f2b8e6a-7c1d-4e9f', status: 'pending', ai_status: 'none' }
const message = { uid: '8d0f4c1e-2b7a', status: 'pending' }
const ok = (data: unknown) => ({ success: true, data })

interface Case {
  name: string
  call: (gw: CommunicationClient) => Promise<unknown>
  method: string
  url: string
  body: unknown
  status: number
  reply: unknown
  result: unknown
}

const cases: Case[] = [
  {
    name: 'createChannel',
    call: (gw) =>
      gw.createChannel({
        business_uid: 'bz3p8ja7a1b2c3d4',
        type: 'transactional',
        display_name: 'Desk',
      }),
    method: 'POST',
    url: '/business/communication/channels',
    body: { business_uid: 'bz3p8ja7a1b2c3d4', type: 'transactional', display_name: 'Desk' },
    status: 201,
    reply: ok({ channel }),
    result: channel,
  },
  {
    name: 'updateChannel',
    call: (gw) => gw.updateChannel('ch-1', { status: 'active', open_channel: true }),
    method: 'PUT',
    url: '/business/communication/channels/ch-1',
    body: { status: 'active', open_channel: true },
    status: 200,
    reply: ok({}),
    result: undefined,
  },
  {
    name: 'deleteChannel',
    call: (gw) => gw.deleteChannel('ch-1'),
    method: 'DELETE',
    url: '/business/communication/channels/ch-1',
    body: undefined,
    status: 200,
    reply: ok({}),
    result: undefined,
  },
  {
    name: 'createSession',
    call: (gw) =>
      gw.createSession({
        business_uid: 'bz1',
        channel_uid: 'ch-1',
        contact_uid: 'ct-1',
        external_uid: 'ext-1',
      }),
    method: 'POST',
    url: '/business/communication/sessions',
    body: { business_uid: 'bz1', channel_uid: 'ch-1', contact_uid: 'ct-1', external_uid: 'ext-1' },
    status: 201,
    reply: ok({ session }),
    result: session,
  },
  {
    name: 'listSessions with every filter',
    call: (gw) =>
      gw.listSessions({ business_uid: 'bz1', channel_uid: 'ch-1', contact_uid: 'ct 1' }),
    method: 'GET',
    url: '/business/communication/sessions?filter%5Bbusiness_uid%5D=bz1&filter%5Bchannel_uid%5D=ch-1&filter%5Bcontact_uid%5D=ct+1',
    body: undefined,
    status: 200,
    reply: ok({ sessions: [session] }),
    result: [session],
  },
  {
    name: 'listSessions without a contact',
    call: (gw) => gw.listSessions({ business_uid: 'bz1', channel_uid: 'ch-1' }),
    method: 'GET',
    url: '/business/communication/sessions?filter%5Bbusiness_uid%5D=bz1&filter%5Bchannel_uid%5D=ch-1',
    body: undefined,
    status: 200,
    reply: ok({ sessions: [] }),
    result: [],
  },
  {
    name: 'updateSession',
    call: (gw) => gw.updateSession('se-1', { status: 'active' }),
    method: 'PUT',
    url: '/business/communication/sessions/se-1',
    body: { status: 'active' },
    status: 200,
    reply: ok({ session: { ...session, status: 'active' } }),
    result: { ...session, status: 'active' },
  },
  {
    name: 'deleteSession',
    call: (gw) => gw.deleteSession('se-1'),
    method: 'DELETE',
    url: '/business/communication/sessions/se-1',
    body: undefined,
    status: 200,
    reply: ok({}),
    result: undefined,
  },
  {
    name: 'sendTyping',
    call: (gw) => gw.sendTyping({ session_uid: 'se-1', contact_uid: 'ct-1' }),
    method: 'POST',
    url: '/business/communication/sessions/typing',
    body: { session_uid: 'se-1', contact_uid: 'ct-1' },
    status: 200,
    reply: ok({}),
    result: undefined,
  },
  {
    name: 'createMessage',
    call: (gw) =>
      gw.createMessage({
        channel_uid: 'ch-1',
        external_uid: 'ext-1',
        contact_uid: 'ct-1',
        message: 'Hello',
        message_uid: 'msg-1',
      }),
    method: 'POST',
    url: '/business/communication/messages',
    body: {
      channel_uid: 'ch-1',
      external_uid: 'ext-1',
      contact_uid: 'ct-1',
      message: 'Hello',
      message_uid: 'msg-1',
    },
    status: 201,
    reply: ok({ message }),
    result: message,
  },
  {
    name: 'updateMessage',
    call: (gw) => gw.updateMessage('8d0f4c1e-2b7a', { status: 'read', channel_uid: 'ch-1' }),
    method: 'PUT',
    url: '/business/communication/messages/8d0f4c1e-2b7a',
    body: { status: 'read', channel_uid: 'ch-1' },
    status: 200,
    reply: ok({}),
    result: undefined,
  },
]

let server: TestServer
let gw: CommunicationClient

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
  gw = createCommunicationClient({ baseURL: server.baseURL, token: TOKEN })
})

function only(requests: RecordedRequest[]): RecordedRequest {
  expect(requests).toHaveLength(1)
  return requests[0]!
}

describe('createCommunicationClient', () => {
  it.each(cases)('$name', async (c) => {
    server.reply({ kind: 'json', status: c.status, body: c.reply })

    const result = await c.call(gw)

    const sent = only(server.requests)
    expect(sent.method).toBe(c.method)
    expect(sent.url).toBe(c.url)
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(sent.headers.accept).toBe('application/json')
    if (c.body === undefined) {
      expect(sent.body).toBe('')
      expect(sent.headers['content-type']).toBeUndefined()
    } else {
      expect(sent.headers['content-type']).toBe('application/json')
      expect(JSON.parse(sent.body)).toEqual(c.body)
    }
    expect(result).toEqual(c.result)
  })

  it('encodes path parameters', async () => {
    await gw.deleteSession('a/b c?d')

    expect(only(server.requests).url).toBe('/business/communication/sessions/a%2Fb%20c%3Fd')
  })

  it('keeps fields it does not know in the returned entity', async () => {
    const richer = { ...channel, created_at: '2026-01-01' }
    server.reply({ kind: 'json', status: 201, body: ok({ channel: richer }) })

    await expect(gw.createChannel({ business_uid: 'bz1', type: 'promotional' })).resolves.toEqual(
      richer,
    )
  })

  it('sends through the given axios instance without changing it', async () => {
    const instance = axios.create({ headers: { 'X-Trace-Id': 'trace-7' } })
    const client = createCommunicationClient({
      baseURL: server.baseURL,
      token: TOKEN,
      axios: instance,
    })
    server.reply({ kind: 'json', status: 200, body: ok({}) })

    await client.deleteChannel('ch-1')

    const sent = only(server.requests)
    expect(sent.headers['x-trace-id']).toBe('trace-7')
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(instance.defaults.baseURL).toBeUndefined()
    expect(instance.defaults.headers.common.Authorization).toBeUndefined()
  })
})
