/**
 * The consumer's webhook code against the message interactions of the webhook specs: each
 * message, as pact-js's V4 asynchronous-message API reifies it from the contract, is fed by
 * `specMessage` to the receiver of src/client/webhooks.ts, and the consumer's handler must act
 * on it; the pass is recorded so the run's pact includes the message. Separately, the
 * interaction pact-js records for each message must be the one specpact renders.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import { createWebhookReceiver, type WebhookEvent, type WebhookHandlers } from '../../src/client'
import {
  findMessageInteraction,
  projectContracts,
  type ReceivedMessage,
  specMessage,
} from '../../src/consumer'
import { addMessage, pactFileName, renderInteraction } from '../../src/pact'

type Json = Record<string, unknown>

/** What the consumer keeps of the gateway's state, updated only by webhooks. */
class ConsumerState {
  readonly channels = new Map<string, string>()
  readonly sessions = new Map<string, string>()
  readonly messages = new Map<string, string>()
  readonly handlers: WebhookHandlers = {
    'channel.activated': (e) => void this.channels.set(e.channel.uid, e.channel.status),
    'channel.activation_failed': (e) => void this.channels.set(e.channel.uid, e.channel.status),
    'session.status_changed': (e) => void this.sessions.set(e.session.uid, e.session.status),
    'message.status_updated': (e) => void this.messages.set(e.message.uid, e.message.status),
  }
}

/** The message as the gateway POSTs it: metadata as headers, the content type the POST's. */
function receive(state: ConsumerState, message: ReceivedMessage): Promise<WebhookEvent> {
  const headers = { ...message.metadata, 'content-type': message.metadata.contentType }
  return createWebhookReceiver(state.handlers).receive({ headers, body: message.contents })
}

const WEBHOOKS = [
  'webhook_channel_activated',
  'webhook_channel_activation_failed',
  'webhook_session_status_changed',
  'webhook_message_status_updated',
]

describe('webhook messages', () => {
  it('marks the channel active when it is told so', () =>
    specMessage<'channel_uid'>('webhook_channel_activated').run(async (message, values) => {
      const state = new ConsumerState()
      const event = await receive(state, message)
      expect(event.kind).toBe('channel.activated')
      expect(state.channels.get(values.channel_uid)).toBe('active')
    }))

  it('records why a channel failed to activate', () =>
    specMessage('webhook_channel_activation_failed').run(async (message) => {
      const state = new ConsumerState()
      const event = await receive(state, message)
      if (event.kind !== 'channel.activation_failed') throw new Error(`got ${event.kind}`)
      expect(['error', 'blocked']).toContain(state.channels.get(event.channel.uid))
      expect(event.reason).not.toBe('')
    }))

  it('follows a session status change', () =>
    specMessage('webhook_session_status_changed').run(async (message) => {
      const state = new ConsumerState()
      const event = await receive(state, message)
      if (event.kind !== 'session.status_changed') throw new Error(`got ${event.kind}`)
      expect(state.sessions.get(event.session.uid)).toBe(event.session.status)
      expect(event.previous.status).not.toBe(event.session.status)
    }))

  it('follows a message status update', () =>
    specMessage('webhook_message_status_updated').run(async (message) => {
      const state = new ConsumerState()
      const event = await receive(state, message)
      if (event.kind !== 'message.status_updated') throw new Error(`got ${event.kind}`)
      expect(state.messages.get(event.message.uid)).toBe('read')
      expect(event.previousStatus).toBe('pending')
    }))

  it('fails the test when the handler rejects the message', async () => {
    await expect(
      specMessage('webhook_channel_activated').run(async () => {
        throw new Error('handler refused')
      }),
    ).rejects.toThrow('handler refused')
  })

  it('names the API to use for an HTTP spec, and the values a message injects', async () => {
    await expect(
      specMessage('post_business_communication_sessions_typing').run(async () => undefined),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ConsumerSetupError: "post_business_communication_sessions_typing" is an HTTP interaction, not a message: use specInteraction]`,
    )
    await expect(
      specMessage<'nope'>('webhook_channel_activated').run(async (_m, values) => values.nope),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[Error: spec "webhook_channel_activated" injects no value named "nope"; it injects: business_id, channel_uid]`,
    )
  })
})

describe('the message pact-js records', () => {
  it.each(WEBHOOKS)('%s is the interaction specpact renders', async (name) => {
    const { contract, interaction } = findMessageInteraction(await projectContracts(), name)
    const dir = await mkdtemp(join(tmpdir(), 'specpact-message-'))
    try {
      const pact = new PactV4({ ...contract, dir, logLevel: 'error' })
      await addMessage(pact, interaction).executeTest(async () => undefined)
      const recorded = JSON.parse(await readFile(join(dir, pactFileName(contract)), 'utf8')) as {
        interactions: Json[]
      }
      expect(recorded.interactions).toHaveLength(1)
      const { comments: _theirs, ...theirs } = recorded.interactions[0] as Json
      const { comments: _ours, ...ours } = renderInteraction(interaction) as Json
      expect(theirs).toEqual(ours)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
