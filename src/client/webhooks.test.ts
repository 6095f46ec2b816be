import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createWebhookReceiver,
  parseWebhook,
  WebhookError,
  type WebhookErrorCode,
} from './webhooks'

const ENVELOPE = {
  event_uid: '0b7e4c2a-9d51-4f3e-8a6b-2c1d0e9f8a7b',
  occurred_at: '2026-01-01T10:00:00.000Z',
  business_uid: 'bz3p8ja7a1b2c3d4',
}
const CHANNEL = {
  uid: 'ch-1',
  status: 'active',
  display_name: 'Test Channel',
  type: 'transactional',
}

const PAYLOADS = {
  'channel.activated': { event: 'channel.activated', ...ENVELOPE, data: { channel: CHANNEL } },
  'channel.activation_failed': {
    event: 'channel.activation_failed',
    ...ENVELOPE,
    data: { channel: { ...CHANNEL, status: 'blocked' }, reason: 'carrier refused' },
  },
  'session.status_changed': {
    event: 'session.status_changed',
    ...ENVELOPE,
    data: {
      session: {
        uid: 'se-1',
        status: 'inactive',
        ai_status: 'none',
        channel_uid: 'ch-1',
        contact_uid: 'co-1',
        external_uid: 'ext-1',
      },
      previous: { status: 'active', ai_status: 'none' },
    },
  },
  'message.status_updated': {
    event: 'message.status_updated',
    ...ENVELOPE,
    data: {
      message: {
        uid: 'me-1',
        message_uid: 'msg-1',
        channel_uid: 'ch-1',
        contact_uid: null,
        status: 'read',
      },
      previous_status: 'sent',
    },
  },
}

const common = {
  id: ENVELOPE.event_uid,
  occurredAt: new Date(ENVELOPE.occurred_at),
  businessUid: ENVELOPE.business_uid,
}

describe('parseWebhook', () => {
  it.each([
    {
      name: 'channel.activated',
      body: PAYLOADS['channel.activated'],
      event: { kind: 'channel.activated', ...common, channel: CHANNEL },
    },
    {
      name: 'channel.activation_failed',
      body: PAYLOADS['channel.activation_failed'],
      event: {
        kind: 'channel.activation_failed',
        ...common,
        channel: { ...CHANNEL, status: 'blocked' },
        reason: 'carrier refused',
      },
    },
    {
      name: 'session.status_changed',
      body: PAYLOADS['session.status_changed'],
      event: {
        kind: 'session.status_changed',
        ...common,
        session: PAYLOADS['session.status_changed'].data.session,
        previous: { status: 'active', ai_status: 'none' },
      },
    },
    {
      name: 'message.status_updated',
      body: PAYLOADS['message.status_updated'],
      event: {
        kind: 'message.status_updated',
        ...common,
        message: PAYLOADS['message.status_updated'].data.message,
        previousStatus: 'sent',
      },
    },
  ])('turns a $name payload into a typed event', ({ body, event }) => {
    expect(parseWebhook({ body })).toEqual(event)
    // As text, as a listener reads it off the wire, with the header naming the event.
    const headers = { 'X-Webhook-Event': body.event }
    expect(parseWebhook({ headers, body: JSON.stringify(body) })).toEqual(event)
  })

  it('keeps fields it does not know: a newer gateway may add some', () => {
    const body = {
      ...PAYLOADS['channel.activated'],
      data: { channel: { ...CHANNEL, open_channel: true } },
    }
    const event = parseWebhook({ body })
    expect(event.kind === 'channel.activated' && event.channel).toMatchObject({ uid: 'ch-1' })
  })

  const activated = PAYLOADS['channel.activated']
  it.each<{ name: string; code: WebhookErrorCode; webhook: Parameters<typeof parseWebhook>[0] }>([
    { name: 'a body that is not JSON', code: 'not-json', webhook: { body: '{"event": ' } },
    {
      name: 'an event it does not know',
      code: 'unknown-event',
      webhook: { body: { ...activated, event: 'channel.deleted' } },
    },
    { name: 'no event', code: 'unknown-event', webhook: { body: { data: {} } } },
    { name: 'a JSON array', code: 'unknown-event', webhook: { body: [activated] } },
    {
      name: 'a header naming another event',
      code: 'event-mismatch',
      webhook: { headers: { 'x-webhook-event': 'channel.activation_failed' }, body: activated },
    },
    {
      name: 'a channel without uid',
      code: 'malformed',
      webhook: { body: { ...activated, data: { channel: { ...CHANNEL, uid: undefined } } } },
    },
    {
      name: 'an activated channel that is not active',
      code: 'malformed',
      webhook: { body: { ...activated, data: { channel: { ...CHANNEL, status: 'pending' } } } },
    },
    {
      name: 'a session status outside the enum',
      code: 'malformed',
      webhook: {
        body: {
          ...PAYLOADS['session.status_changed'],
          data: {
            ...PAYLOADS['session.status_changed'].data,
            previous: { status: 'paused', ai_status: 'none' },
          },
        },
      },
    },
    {
      name: 'a time that is not ISO 8601',
      code: 'malformed',
      webhook: { body: { ...activated, occurred_at: 'yesterday' } },
    },
  ])('refuses $name ($code)', ({ code, webhook }) => {
    const error = (() => {
      try {
        parseWebhook(webhook)
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(WebhookError)
    expect((error as WebhookError).code).toBe(code)
  })

  it('names every problem of a malformed webhook with its path', () => {
    const body = {
      ...activated,
      event_uid: '',
      data: { channel: { status: 'active', display_name: 'x', type: 'sms' } },
    }
    expect(() => parseWebhook({ body })).toThrowErrorMatchingInlineSnapshot(
      `[WebhookError: the channel.activated webhook is malformed: event_uid: Too small: expected string to have >=1 characters; data.channel.uid: Invalid input: expected string, received undefined; data.channel.type: Invalid option: expected one of "transactional"|"promotional"]`,
    )
  })

  it('says which events it knows when it gets another one', () => {
    expect(() =>
      parseWebhook({ body: { ...activated, event: 'channel.deleted' } }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[WebhookError: the webhook's event is "channel.deleted"; this receiver knows channel.activated, channel.activation_failed, session.status_changed, message.status_updated]`,
    )
  })
})

describe('a webhook receiver', () => {
  it('dispatches each event to the handler of its kind only', async () => {
    const activatedHandler = vi.fn()
    const sessionHandler = vi.fn()
    const receiver = createWebhookReceiver({
      'channel.activated': activatedHandler,
      'session.status_changed': sessionHandler,
    })
    const event = await receiver.receive({ body: PAYLOADS['session.status_changed'] })
    expect(event.kind).toBe('session.status_changed')
    expect(sessionHandler).toHaveBeenCalledWith(event)
    expect(activatedHandler).not.toHaveBeenCalled()
    // An event nobody handles is accepted: the gateway may send more than a consumer uses.
    await expect(receiver.receive({ body: PAYLOADS['message.status_updated'] })).resolves.toEqual(
      expect.objectContaining({ kind: 'message.status_updated' }),
    )
  })

  it('refuses an invalid webhook before any handler runs', async () => {
    const handler = vi.fn()
    const receiver = createWebhookReceiver({ 'channel.activated': handler })
    await expect(
      receiver.receive({ body: { ...PAYLOADS['channel.activated'], data: {} } }),
    ).rejects.toThrow(/data.channel: Invalid input/)
    expect(handler).not.toHaveBeenCalled()
  })

  describe('as an HTTP listener', () => {
    let server: Server | undefined
    afterEach(async () => {
      await new Promise((resolve) => server?.close(resolve))
      server = undefined
    })

    async function post(
      handlers: Parameters<typeof createWebhookReceiver>[0],
      body: string,
    ): Promise<{ status: number; body: string }> {
      server = createServer(createWebhookReceiver(handlers).requestListener())
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
      const { port } = server.address() as AddressInfo
      const response = await fetch(`http://127.0.0.1:${port}/hooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      return { status: response.status, body: await response.text() }
    }

    it.each([
      {
        name: 'answers 204 once the handler is done',
        handlers: {},
        body: JSON.stringify(PAYLOADS['channel.activated']),
        status: 204,
        answer: '',
      },
      {
        name: 'answers 400 with the reason for a webhook it refuses',
        handlers: {},
        body: JSON.stringify({ ...PAYLOADS['channel.activated'], event: 'nope.never' }),
        status: 400,
        answer: expect.stringContaining('"code":"unknown-event"'),
      },
      {
        name: 'answers 500 when a handler throws',
        handlers: {
          'channel.activated': () => {
            throw new Error('database is down')
          },
        },
        body: JSON.stringify(PAYLOADS['channel.activated']),
        status: 500,
        answer: expect.stringContaining('database is down'),
      },
    ])('$name', async ({ handlers, body, status, answer }) => {
      expect(await post(handlers, body)).toEqual({ status, body: answer })
    })
  })
})
