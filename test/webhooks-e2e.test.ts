/**
 * Webhooks end to end, as a consumer team lives them: the reference communication-gw on a
 * real port, the consumer's own listener (a real HTTP server running the receiver of
 * src/client/webhooks.ts), the typed client creating a channel that stays pending, the
 * simulated gateway activation, and the consumer's handler seeing the channel active.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CommunicationGwError,
  createCommunicationClient,
  createCoreApiClient,
  createWebhookReceiver,
  type WebhookEvent,
  type WebhookHandlers,
} from '../src/client'
import {
  type JsonObject,
  type ReferenceServer,
  type StartOptions,
  startReference,
} from '../src/reference'

const BUSINESS = 'bz3p8ja7a1b2c3d4'
const TOKEN = 'e2e-staff-token'

/** The consumer's side: what it knows of its channels, kept up to date by webhooks. */
class ConsumerApp {
  readonly channels = new Map<string, string>()
  readonly events: WebhookEvent[] = []
  private waiters: Array<{ kind: string; resolve: (e: WebhookEvent) => void }> = []

  readonly handlers: WebhookHandlers = {
    'channel.activated': (e) => this.record(e, () => this.channels.set(e.channel.uid, 'active')),
    'channel.activation_failed': (e) =>
      this.record(e, () => this.channels.set(e.channel.uid, e.channel.status)),
    'session.status_changed': (e) => this.record(e),
    'message.status_updated': (e) => this.record(e),
  }

  private record(event: WebhookEvent, apply?: () => void) {
    apply?.()
    this.events.push(event)
    for (const waiter of this.waiters.filter((w) => w.kind === event.kind)) waiter.resolve(event)
    this.waiters = this.waiters.filter((w) => w.kind !== event.kind)
  }

  /** The next event of `kind` the listener handles (or one it already handled). */
  next<K extends WebhookEvent['kind']>(
    kind: K,
    ms = 5000,
  ): Promise<Extract<WebhookEvent, { kind: K }>> {
    const seen = this.events.find((e) => e.kind === kind)
    if (seen) return Promise.resolve(seen as Extract<WebhookEvent, { kind: K }>)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${kind} webhook within ${ms} ms`)), ms)
      this.waiters.push({
        kind,
        resolve: (e) => {
          clearTimeout(timer)
          resolve(e as Extract<WebhookEvent, { kind: K }>)
        },
      })
    })
  }
}

interface Setup {
  reference: ReferenceServer
  app: ConsumerApp
  listenerUrl: string
  gw: ReturnType<typeof createCommunicationClient>
  contact: () => Promise<string>
}

let listener: Server | undefined
let reference: ReferenceServer | undefined
afterEach(async () => {
  await reference?.close()
  await new Promise((resolve) => (listener ? listener.close(resolve) : resolve(undefined)))
  reference = undefined
  listener = undefined
})

/** The consumer's listener on a real port, registered with the gateway over HTTP. */
async function setUp(options: StartOptions = {}): Promise<Setup> {
  const app = new ConsumerApp()
  listener = createServer(createWebhookReceiver(app.handlers).requestListener())
  await new Promise<void>((resolve) => listener?.listen(0, '127.0.0.1', resolve))
  const listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/webhooks`
  reference = await startReference(options)
  const registered = await fetch(`${reference.url}/_gateway/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: listenerUrl }),
  })
  expect(registered.status).toBe(201)
  const gw = createCommunicationClient({ baseURL: reference.url, token: TOKEN })
  const core = createCoreApiClient({ baseURL: reference.url, token: TOKEN })
  const contact = async () => {
    const [client] = await core.listClients({ business_id: BUSINESS, per_page: 1 })
    if (!client) throw new Error('the reference has no client')
    return client.id
  }
  return { reference, app, listenerUrl, gw, contact }
}

const activation = (ref: ReferenceServer, uid: string, body?: object) =>
  fetch(`${ref.url}/_gateway/channels/${uid}/activation`, {
    method: 'POST',
    ...(body
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  })

describe('webhooks from the reference communication-gw to a consumer listener', () => {
  it('create channel → pending → gateway activation → the handler sees the channel active', async () => {
    const { reference, app, gw, contact } = await setUp()
    const channel = await gw.createChannel({
      business_uid: BUSINESS,
      type: 'transactional',
      display_name: 'E2E Channel',
    })
    expect(channel.status).toBe('pending')
    // Pending: the API refuses a session, and no webhook has come.
    const early = gw.createSession({
      business_uid: BUSINESS,
      channel_uid: channel.uid,
      contact_uid: await contact(),
      external_uid: 'e2e-ext-1',
    })
    await expect(early).rejects.toBeInstanceOf(CommunicationGwError)
    expect(app.events).toEqual([])

    expect((await activation(reference, channel.uid)).status).toBe(200)
    const event = await app.next('channel.activated')
    expect(event).toMatchObject({
      kind: 'channel.activated',
      businessUid: BUSINESS,
      channel: { uid: channel.uid, status: 'active', display_name: 'E2E Channel' },
    })
    expect(app.channels.get(channel.uid)).toBe('active')
    // What the webhook says is true: the channel is usable now.
    const session = await gw.createSession({
      business_uid: BUSINESS,
      channel_uid: channel.uid,
      contact_uid: await contact(),
      external_uid: 'e2e-ext-1',
    })
    expect(session.status).toBe('pending')
    await reference.webhooks.settled()
    expect(reference.webhooks.deliveries).toEqual([
      expect.objectContaining({ ok: true, status: 204 }),
    ])
  })

  it('tells the handler when the activation fails, and why', async () => {
    const { reference, app, gw } = await setUp()
    const channel = await gw.createChannel({ business_uid: BUSINESS, type: 'promotional' })
    await activation(reference, channel.uid, { result: 'blocked', reason: 'carrier refused' })
    const event = await app.next('channel.activation_failed')
    expect(event).toMatchObject({
      channel: { uid: channel.uid, status: 'blocked', type: 'promotional' },
      reason: 'carrier refused',
    })
    expect(app.channels.get(channel.uid)).toBe('blocked')
  })

  it('activates by itself after activationDelayMs, and the webhook still arrives', async () => {
    const { app, gw } = await setUp({ activationDelayMs: 20 })
    const channel = await gw.createChannel({ business_uid: BUSINESS, type: 'transactional' })
    expect(channel.status).toBe('pending')
    expect((await app.next('channel.activated')).channel.uid).toBe(channel.uid)
  })

  it('announces session and message status changes with what they were before', async () => {
    const { reference, app, gw, contact } = await setUp()
    const channel = await gw.createChannel({ business_uid: BUSINESS, type: 'transactional' })
    await activation(reference, channel.uid)
    await app.next('channel.activated')
    const contactUid = await contact()
    const session = await gw.createSession({
      business_uid: BUSINESS,
      channel_uid: channel.uid,
      contact_uid: contactUid,
      external_uid: 'e2e-ext-2',
    })
    await gw.updateSession(session.uid, { status: 'active' })
    expect(await app.next('session.status_changed')).toMatchObject({
      session: { uid: session.uid, status: 'active', channel_uid: channel.uid },
      previous: { status: 'pending', ai_status: 'none' },
    })
    const message = await gw.createMessage({
      channel_uid: channel.uid,
      external_uid: 'e2e-ext-2',
      contact_uid: contactUid,
      message: 'hello',
      message_uid: 'e2e-msg-1',
    })
    await gw.updateMessage(message.uid, { status: 'read', channel_uid: channel.uid })
    expect(await app.next('message.status_updated')).toMatchObject({
      message: { uid: message.uid, message_uid: 'e2e-msg-1', status: 'read' },
      previousStatus: 'pending',
    })
  })

  it('a sender that renamed a field: the listener refuses the webhook, the handler never sees it', async () => {
    const { reference, app, gw, listenerUrl } = await setUp({
      webhookOverrides: {
        'channel.activated': (event, original) => {
          const webhook = original(event)
          if (!webhook) return webhook
          const data = webhook.body.data as { channel: JsonObject }
          const { uid = null, ...rest } = data.channel
          return { ...webhook, body: { ...webhook.body, data: { channel: { ...rest, id: uid } } } }
        },
      },
    })
    const channel = await gw.createChannel({ business_uid: BUSINESS, type: 'transactional' })
    expect((await activation(reference, channel.uid)).status).toBe(200)
    await reference.webhooks.settled()
    expect(reference.webhooks.deliveries).toEqual([
      expect.objectContaining({
        ok: false,
        status: 400,
        subscription: expect.objectContaining({ url: listenerUrl }),
      }),
    ])
    expect(app.events).toEqual([])
    expect(app.channels.has(channel.uid)).toBe(false)
  })
})
