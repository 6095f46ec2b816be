import { afterEach, describe, expect, it } from 'vitest'
import { buildReferenceApp, type ReferenceApp } from './reference'
import {
  activate,
  activeChannel,
  COMM,
  createChannel,
  field,
  firstClientId,
  send,
  sessionBody,
  text,
} from './testing'
import type { ReferenceEvent } from './types'

let ref: ReferenceApp | undefined
afterEach(async () => {
  await ref?.app.close()
  ref = undefined
})

function build(options: Parameters<typeof buildReferenceApp>[0] = {}): {
  ref: ReferenceApp
  events: ReferenceEvent[]
} {
  const events: ReferenceEvent[] = []
  ref = buildReferenceApp({ ...options, onEvent: (event) => events.push(event) })
  return { ref, events }
}

const waitFor = async (condition: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('the simulated gateway activation (POST /_gateway/channels/{uid}/activation)', () => {
  it('activates a pending channel and opens it: 200 with the channel, event channel.activated', async () => {
    const { ref, events } = build()
    const uid = await createChannel(ref.app)
    const answer = await activate(ref.app, uid)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      success: true,
      data: { channel: { uid, status: 'active', open_channel: true } },
    })
    expect(events).toEqual([
      { kind: 'channel.activated', channel: expect.objectContaining({ uid, status: 'active' }) },
    ])
  })

  it('refuses a second activation (422) and an unknown channel (404)', async () => {
    const { ref } = build()
    const uid = await activeChannel(ref.app)
    const again = await activate(ref.app, uid)
    expect(again.status).toBe(422)
    expect(again.body).toMatchObject({
      errors: [
        {
          code: 'invalid',
          message: `channel ${uid} is active: only a pending channel can be activated`,
        },
      ],
    })
    expect((await activate(ref.app, 'nope')).status).toBe(404)
  })

  it.each(['error', 'blocked'] as const)(
    'a failed activation leaves the channel %s and sessions refused',
    async (result) => {
      const { ref, events } = build()
      const uid = await createChannel(ref.app)
      const answer = await send(
        ref.app,
        'POST',
        `/_gateway/channels/${uid}/activation`,
        { result, reason: 'number not provisioned' },
        {},
      )
      expect(field(answer.body, 'data.channel.status')).toBe(result)
      expect(events).toEqual([
        {
          kind: 'channel.activation_failed',
          channel: expect.objectContaining({ uid, status: result }),
          reason: 'number not provisioned',
        },
      ])
      const session = await send(
        ref.app,
        'POST',
        `${COMM}/sessions`,
        sessionBody(uid, await firstClientId(ref.app)),
      )
      expect(session.status).toBe(422)
    },
  )
})

describe('activationDelayMs', () => {
  it('activates channels created through the API after the delay, like production', async () => {
    const { ref, events } = build({ activationDelayMs: 200 })
    const uid = await createChannel(ref.app)
    expect(ref.store.channels.get(uid)?.status).toBe('pending')
    await waitFor(() => ref.store.channels.get(uid)?.status === 'active')
    expect(events.map((e) => e.kind)).toEqual(['channel.activated'])
  })

  it('reset cancels the activations still to come', async () => {
    const { ref, events } = build({ activationDelayMs: 100 })
    await createChannel(ref.app)
    ref.reset()
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(events).toEqual([])
    expect(ref.store.timers.size).toBe(0)
  })

  it('rejects a negative delay', () => {
    expect(() => buildReferenceApp({ activationDelayMs: -1 })).toThrow(
      'activationDelayMs must be a non-negative number of milliseconds, got -1',
    )
  })
})

describe('sessionActivationDelayMs', () => {
  const createSession = async (app: ReferenceApp['app'], channel: string) => {
    const answer = await send(
      app,
      'POST',
      `${COMM}/sessions`,
      sessionBody(channel, await firstClientId(app)),
    )
    return text(answer.body, 'data.session.uid')
  }

  it('activates sessions created through the API after the delay, announcing it', async () => {
    const { ref, events } = build({ sessionActivationDelayMs: 50 })
    const channel = await activeChannel(ref.app)
    const uid = await createSession(ref.app, channel)
    expect(ref.store.sessions.get(uid)?.status).toBe('pending')
    await waitFor(() => ref.store.sessions.get(uid)?.status === 'active')
    expect(events.filter((e) => e.kind === 'session.status_changed')).toMatchObject([
      { session: { uid, status: 'active' }, previous: { status: 'pending' } },
    ])
  })

  it('leaves a session that a PUT changed meanwhile as it is', async () => {
    const { ref, events } = build({ sessionActivationDelayMs: 50 })
    const uid = await createSession(ref.app, await activeChannel(ref.app))
    await send(ref.app, 'PUT', `${COMM}/sessions/${uid}`, { status: 'inactive' })
    // The activation timer has fired once it left the store's timers.
    await waitFor(() => ref.store.timers.size === 0)
    expect(ref.store.sessions.get(uid)?.status).toBe('inactive')
    expect(events.filter((e) => e.kind === 'session.status_changed')).toHaveLength(1)
  })

  it('rejects a negative delay', () => {
    expect(() => buildReferenceApp({ sessionActivationDelayMs: -1 })).toThrow(
      'sessionActivationDelayMs must be a non-negative number of milliseconds, got -1',
    )
  })
})

describe('events', () => {
  it('announces session and channel status changes with the previous status', async () => {
    const { ref, events } = build()
    const channel = await activeChannel(ref.app)
    const created = await send(
      ref.app,
      'POST',
      `${COMM}/sessions`,
      sessionBody(channel, await firstClientId(ref.app)),
    )
    const session = text(created.body, 'data.session.uid')
    await send(ref.app, 'PUT', `${COMM}/sessions/${session}`, { status: 'active' })
    await send(ref.app, 'PUT', `${COMM}/sessions/${session}`, { status: 'active' })
    await send(ref.app, 'DELETE', `${COMM}/channels/${channel}`)
    expect(events.map((e) => e.kind)).toEqual([
      'channel.activated',
      'session.status_changed',
      'channel.status_changed',
    ])
    expect(events[1]).toMatchObject({
      session: { uid: session, status: 'active' },
      previous: { status: 'pending', ai_status: 'none' },
    })
    expect(events[2]).toMatchObject({
      channel: { uid: channel, status: 'deleted' },
      previous: 'active',
    })
  })

  it('a listener that throws does not break the API; its error is kept', async () => {
    ref = buildReferenceApp({
      onEvent: () => {
        throw new Error('webhook down')
      },
    })
    const uid = await createChannel(ref.app)
    expect((await activate(ref.app, uid)).status).toBe(200)
    expect(ref.store.eventErrors).toEqual([new Error('webhook down')])
  })
})
