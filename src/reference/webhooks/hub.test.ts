import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { buildReferenceApp, type ReferenceApp } from '../reference'
import {
  activate,
  activeChannel,
  BUSINESS,
  COMM,
  createChannel,
  firstClientId,
  send,
  sessionBody,
  text,
} from '../testing'
import type { ReferenceEvent } from '../types'

interface Received {
  headers: IncomingHttpHeaders
  body: unknown
}

/** A real HTTP listener that records what it is sent and answers `status`. */
async function listen(
  status = 204,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    let data = ''
    request.on('data', (chunk) => {
      data += chunk
    })
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(data) })
      response.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hooks`, received, server }
}

const servers: Server[] = []
let ref: ReferenceApp | undefined
afterEach(async () => {
  await ref?.app.close()
  ref = undefined
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
})

async function withListener(status = 204, options: Parameters<typeof buildReferenceApp>[0] = {}) {
  const listener = await listen(status)
  servers.push(listener.server)
  ref = buildReferenceApp({ ...options, webhookUrls: [listener.url] })
  return { ref, received: listener.received, url: listener.url }
}

describe('the webhook sender', () => {
  it('POSTs channel.activated to a listener registered through /_gateway/webhooks', async () => {
    const listener = await listen()
    servers.push(listener.server)
    ref = buildReferenceApp()
    const registered = await send(ref.app, 'POST', '/_gateway/webhooks', { url: listener.url }, {})
    expect(registered.status).toBe(201)
    expect(registered.body).toEqual({
      success: true,
      data: { subscription: { uid: expect.any(String), url: listener.url } },
    })
    const uid = await activeChannel(ref.app)
    await ref.webhooks.settled()
    expect(listener.received).toHaveLength(1)
    const [webhook] = listener.received
    expect(webhook?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-webhook-event': 'channel.activated',
      'x-webhook-delivery': expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    expect(webhook?.body).toEqual({
      event: 'channel.activated',
      event_uid: webhook?.headers['x-webhook-delivery'],
      occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      business_uid: BUSINESS,
      data: {
        channel: {
          uid,
          status: 'active',
          display_name: 'Test Channel 1767225600',
          type: 'transactional',
        },
      },
    })
    expect(ref.webhooks.deliveries).toMatchObject([{ ok: true, status: 204 }])
  })

  it.each([
    {
      name: 'a failed activation',
      event: 'channel.activation_failed',
      act: async (r: ReferenceApp) => {
        const uid = await createChannel(r.app)
        await send(r.app, 'POST', `/_gateway/channels/${uid}/activation`, {
          result: 'blocked',
          reason: 'carrier refused',
        })
        return { channel: { uid, status: 'blocked' }, reason: 'carrier refused' }
      },
    },
    {
      name: 'a session deactivated by PUT',
      event: 'session.status_changed',
      act: async (r: ReferenceApp) => {
        const channel = await activeChannel(r.app)
        const created = await send(
          r.app,
          'POST',
          `${COMM}/sessions`,
          sessionBody(channel, await firstClientId(r.app)),
        )
        const uid = text(created.body, 'data.session.uid')
        await send(r.app, 'PUT', `${COMM}/sessions/${uid}`, { status: 'inactive' })
        return {
          session: { uid, status: 'inactive', channel_uid: channel },
          previous: { status: 'pending', ai_status: 'none' },
        }
      },
    },
    {
      name: 'a message marked read by PUT',
      event: 'message.status_updated',
      act: async (r: ReferenceApp) => {
        const channel = await activeChannel(r.app)
        const created = await send(r.app, 'POST', `${COMM}/messages`, {
          channel_uid: channel,
          external_uid: 'ext-1',
          message: 'hello',
          message_uid: 'msg-1',
        })
        const uid = text(created.body, 'data.message.uid')
        await send(r.app, 'PUT', `${COMM}/messages/${uid}`, {
          status: 'read',
          channel_uid: channel,
        })
        return {
          message: { uid, message_uid: 'msg-1', channel_uid: channel, contact_uid: null },
          previous_status: 'pending',
        }
      },
    },
  ])('sends $event for $name', async ({ event, act }) => {
    const { ref, received } = await withListener()
    const data = await act(ref)
    await ref.webhooks.settled()
    const matching = received.filter((r) => r.headers['x-webhook-event'] === event)
    expect(matching).toHaveLength(1)
    expect(matching[0]?.body).toMatchObject({ event, business_uid: BUSINESS, data })
  })

  it('sends nothing for a status the app changed itself (PUT or DELETE of a channel)', async () => {
    const { ref, received } = await withListener()
    const uid = await createChannel(ref.app)
    await send(ref.app, 'PUT', `${COMM}/channels/${uid}`, { status: 'inactive' })
    await send(ref.app, 'DELETE', `${COMM}/channels/${uid}`)
    await ref.webhooks.settled()
    expect(received).toEqual([])
    expect(ref.webhooks.sent).toEqual([])
  })

  it.each([
    { name: 'answers 500', status: 500, error: 'the listener answered 500' },
    { name: 'is not listening', status: undefined, error: expect.stringMatching(/ECONNREFUSED/) },
  ])('logs a delivery to a listener that $name, and the API answers as usual', async (c) => {
    const { ref, url } = await withListener(c.status ?? 204)
    if (c.status === undefined) await new Promise((r) => servers.pop()?.close(r))
    const uid = await createChannel(ref.app)
    const answer = await activate(ref.app, uid)
    expect(answer.status).toBe(200)
    await ref.webhooks.settled()
    expect(ref.webhooks.deliveries).toEqual([
      expect.objectContaining({
        ok: false,
        status: c.status,
        error: c.error,
        subscription: expect.objectContaining({ url }),
      }),
    ])
  })

  it('stops sending to a listener once it is unregistered; 404 for an unknown one', async () => {
    const { ref, received } = await withListener()
    const listed = await send(ref.app, 'GET', '/_gateway/webhooks', undefined, {})
    const uid = text(listed.body, 'data.subscriptions.0.uid')
    expect((await send(ref.app, 'DELETE', `/_gateway/webhooks/${uid}`, undefined, {})).status).toBe(
      200,
    )
    expect((await send(ref.app, 'DELETE', `/_gateway/webhooks/${uid}`, undefined, {})).status).toBe(
      404,
    )
    await activeChannel(ref.app)
    await ref.webhooks.settled()
    expect(received).toEqual([])
    expect(ref.webhooks.sent.map((w) => w.event)).toEqual(['channel.activated'])
  })

  it.each([
    { name: 'no url', body: {}, message: 'url is missing' },
    {
      name: 'a relative url',
      body: { url: '/hooks' },
      message: 'url must be an absolute http(s) URL',
    },
    {
      name: 'a non-http url',
      body: { url: 'ftp://example.com/x' },
      message: 'absolute http(s) URL',
    },
  ])('refuses to register $name (422)', async ({ body, message }) => {
    ref = buildReferenceApp()
    const answer = await send(ref.app, 'POST', '/_gateway/webhooks', body, {})
    expect(answer.status).toBe(422)
    expect(JSON.stringify(answer.body)).toContain(message)
  })

  it('builds a webhook through an override, and still tells onEvent about the event', async () => {
    const events: ReferenceEvent[] = []
    const { ref, received } = await withListener(204, {
      onEvent: (event) => events.push(event),
      webhookOverrides: {
        'channel.activated': (event, original) => {
          const webhook = original(event)
          return webhook && { ...webhook, body: { ...webhook.body, event: 'channel.ready' } }
        },
      },
    })
    await activeChannel(ref.app)
    await ref.webhooks.settled()
    expect(received.map((r) => (r.body as { event: string }).event)).toEqual(['channel.ready'])
    expect(events.map((e) => e.kind)).toEqual(['channel.activated'])
  })
})
