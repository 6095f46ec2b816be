/**
 * The consumer's webhook code against the message interactions of the webhook specs: each
 * message, as pact-js's V4 asynchronous-message API reifies it from the contract, is fed to
 * the receiver of src/client/webhooks.ts, and the consumer's handler must act on it. A
 * passing test is recorded (src/consumer) so the run's pact includes the message; the
 * interaction pact-js records must be the one specpact renders.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import { createWebhookReceiver, type WebhookEvent, type WebhookHandlers } from '../../src/client'
import { findInteraction, projectContracts, recordPassed } from '../../src/consumer'
import { exampleOfTemplate, type MessageInteraction } from '../../src/contract'
import { dslOf, pactFileName, renderInteraction } from '../../src/pact'

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

/** The message's metadata as the webhook's headers: literal values, as the sender sends them. */
function metadataOf(interaction: MessageInteraction): Record<string, string> {
  return Object.fromEntries(
    interaction.metadata.map(([name, m]) => [name, String(exampleOfTemplate(m))]),
  )
}

/**
 * Runs the consumer's receiver on the message `name` as pact-js produces it, checks the pact
 * pact-js writes for it, and records the pass. Resolves to what the handler saw.
 */
async function receiveMessage(name: string, state: ConsumerState): Promise<WebhookEvent> {
  const { contract, interaction } = findInteraction(await projectContracts(), name)
  if (interaction.kind !== 'message') throw new Error(`${name} is not a message interaction`)
  const dir = await mkdtemp(join(tmpdir(), 'specpact-message-'))
  const startedAt = Date.now()
  try {
    const pact = new PactV4({
      consumer: contract.consumer,
      provider: contract.provider,
      dir,
      logLevel: 'error',
    })
    let dsl = pact.addAsynchronousInteraction()
    for (const s of interaction.states) dsl = dsl.given(s.name, s.params as never)
    const metadata = metadataOf(interaction)
    const receiver = createWebhookReceiver(state.handlers)
    let seen: WebhookEvent | undefined
    await dsl
      .expectsToReceive(interaction.description, (m) =>
        m.withJSONContent(dslOf(interaction.contents)).withMetadata(metadata),
      )
      .executeTest(async (message) => {
        // The header names become the receiver's; the content type is the POST's.
        const headers = { ...metadata, 'content-type': metadata.contentType }
        seen = await receiver.receive({ headers, body: message.contents.content })
      })
    const recorded = JSON.parse(await readFile(join(dir, pactFileName(contract)), 'utf8')) as {
      interactions: Json[]
    }
    expect(recorded.interactions).toHaveLength(1)
    const { comments: _theirs, ...theirs } = recorded.interactions[0] as Json
    const { comments: _ours, ...ours } = renderInteraction(interaction) as Json
    expect(theirs).toEqual(ours)
    await recordPassed(contract, interaction.description, startedAt)
    if (!seen) throw new Error(`the receiver saw no event for ${name}`)
    return seen
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('webhook messages', () => {
  it('marks the channel active when it is told so', async () => {
    const state = new ConsumerState()
    const event = await receiveMessage('webhook_channel_activated', state)
    expect(event.kind).toBe('channel.activated')
    if (event.kind !== 'channel.activated') return
    expect(state.channels.get(event.channel.uid)).toBe('active')
  })

  it('records why a channel failed to activate', async () => {
    const state = new ConsumerState()
    const event = await receiveMessage('webhook_channel_activation_failed', state)
    if (event.kind !== 'channel.activation_failed') throw new Error(`got ${event.kind}`)
    expect(['error', 'blocked']).toContain(state.channels.get(event.channel.uid))
    expect(event.reason).not.toBe('')
  })

  it('follows a session status change', async () => {
    const state = new ConsumerState()
    const event = await receiveMessage('webhook_session_status_changed', state)
    if (event.kind !== 'session.status_changed') throw new Error(`got ${event.kind}`)
    expect(state.sessions.get(event.session.uid)).toBe(event.session.status)
    expect(event.previous.status).not.toBe(event.session.status)
  })

  it('follows a message status update', async () => {
    const state = new ConsumerState()
    const event = await receiveMessage('webhook_message_status_updated', state)
    if (event.kind !== 'message.status_updated') throw new Error(`got ${event.kind}`)
    expect(state.messages.get(event.message.uid)).toBe('read')
    expect(event.previousStatus).toBe('pending')
  })
})
