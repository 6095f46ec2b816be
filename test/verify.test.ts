import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StateSource, VerifyError, type VerifyOptions, verifyPacts } from '../src/provider'
import { type ReferenceServer, startReference } from '../src/reference'

const pact = resolve(__dirname, '..', 'pacts', 'communication-ui-communication-gw.json')
const variables = { business_id: 'bz3p8ja7a1b2c3d4' }
/** Interactions in the generated pact (it grows as specs and derived interactions do). */
const PACT_SIZE = (JSON.parse(readFileSync(pact, 'utf8')) as { interactions: unknown[] })
  .interactions.length
let reference: ReferenceServer
/** The reference's state handlers and its message producers (for the webhook messages). */
let states: Extract<StateSource, { kind: 'handlers' }>

beforeAll(async () => {
  reference = await startReference()
  states = {
    kind: 'handlers',
    handlers: reference.stateHandlers,
    messages: reference.messageProducers,
    teardown: async () => reference.reset(),
  }
})

const WEBHOOKS = [
  'webhook_channel_activated',
  'webhook_channel_activation_failed',
  'webhook_message_status_updated',
  'webhook_session_status_changed',
]
afterAll(async () => {
  await reference.close()
})

/** The project's pact against the reference, with its states and the configured values. */
const verify = (options: Partial<VerifyOptions> = {}) =>
  verifyPacts({
    pactFiles: [pact],
    provider: 'communication-gw',
    providerBaseUrl: reference.url,
    states,
    variables,
    ...options,
  })

describe('verifying the generated pact against the reference communication-gw', () => {
  it('verifies every interaction', async () => {
    const result = await verify()
    expect(result.results.filter((r) => r.kind === 'failed')).toEqual([])
    expect(result.ok).toBe(true)
    // Every HTTP interaction and the 4 webhook messages, in one run.
    expect(result.results).toHaveLength(PACT_SIZE)
    expect(result.results.filter((r) => r.description.startsWith('webhook_'))).toEqual(
      WEBHOOKS.map((description) => expect.objectContaining({ kind: 'passed', description })),
    )
  })

  it('fails a message whose state handler throws, by its own description, and only it', async () => {
    const handlers = {
      ...reference.stateHandlers,
      'channel is pending': async () => {
        throw new Error('provisioning queue is down')
      },
    }
    const result = await verify({ states: { ...states, handlers } })
    const failed = result.results.filter((r) => r.kind === 'failed')
    // "channel is pending" is the first state of two HTTP specs and of two webhooks, and a
    // state of the four specs (and the session create) whose POST /sessions workflow's own
    // prerequisites create a channel, as vCita's runner runs them.
    expect(failed.map((r) => r.description)).toEqual([
      'POST /business/communication/sessions → 200 or 201, given channel is active, client exists, channel is pending',
      'delete_business_communication_channels_uid',
      'delete_business_communication_sessions_uid',
      'get_business_communication_sessions',
      'post_business_communication_sessions',
      'post_business_communication_sessions_typing',
      'put_business_communication_channels_uid',
      'put_business_communication_sessions_uid',
      'webhook_channel_activated',
      'webhook_channel_activation_failed',
    ])
    expect(failed.find((r) => r.description === 'webhook_channel_activated')).toMatchObject({
      spec: expect.stringContaining('webhooks/webhook_channel_activated.md'),
      reasons: ['provider state "channel is pending" failed: provisioning queue is down'],
    })
  })

  it('fails every message, saying why, when the provider gives no message producers', async () => {
    const result = await verify({ states: { kind: 'handlers', handlers: reference.stateHandlers } })
    expect(result.ok).toBe(false)
    const failed = result.results.filter((r) => r.kind === 'failed')
    expect(failed.map((r) => r.description)).toEqual(WEBHOOKS)
    expect(failed[0]).toMatchObject({
      reasons: ['no message producer is registered for "channel.activated" (producers: none)'],
    })
  })

  it('fails an interaction whose state handler throws, naming the state, the spec and the cause', async () => {
    const handlers = {
      ...reference.stateHandlers,
      'session exists': async () => {
        throw new Error('database is down')
      },
    }
    const result = await verify({ states: { ...states, handlers } })
    expect(result.ok).toBe(false)
    const typing = result.results.find(
      (r) => r.description === 'post_business_communication_sessions_typing',
    )
    expect(typing).toMatchObject({
      kind: 'failed',
      spec: expect.stringContaining('post_business_communication_sessions_typing.md'),
      reasons: ['provider state "session exists" failed: database is down'],
    })
    const channels = result.results.find(
      (r) => r.description === 'post_business_communication_channels',
    )
    expect(channels?.kind).toBe('passed')
  })

  it('verifies a pact in pieces with the same results, a failing state still on its interaction', async () => {
    const handlers = {
      ...reference.stateHandlers,
      'session exists': async () => {
        throw new Error('database is down')
      },
    }
    const inPieces = (chunkSize?: number) => verify({ states: { ...states, handlers }, chunkSize })
    const whole = await inPieces()
    // Pieces of 3: every interaction still verified once, in several verifier runs.
    const pieces = await inPieces(3)
    expect(pieces.results).toEqual(whole.results)
    expect(pieces.results.filter((r) => r.kind === 'failed').map((r) => r.description)).toEqual([
      'delete_business_communication_sessions_uid',
      'get_business_communication_sessions',
      'post_business_communication_sessions_typing',
      'put_business_communication_sessions_uid',
      'webhook_session_status_changed',
    ])
  })

  it('fails an interaction whose state has no handler', async () => {
    const { 'message exists': _, ...handlers } = reference.stateHandlers
    const result = await verify({ states: { ...states, handlers } })
    const message = result.results.find(
      (r) => r.description === 'put_business_communication_messages_messageuid',
    )
    expect(message).toMatchObject({
      kind: 'failed',
      reasons: [expect.stringMatching(/no state handler is registered for "message exists"/)],
    })
  })

  it('treats zero interactions as a failure, not a pass', async () => {
    const run = verifyPacts({
      pactFiles: [pact],
      provider: 'some-other-provider',
      providerBaseUrl: reference.url,
      states,
    })
    await expect(run).rejects.toBeInstanceOf(VerifyError)
    await expect(run).rejects.toThrow(
      /no interactions to verify for provider "some-other-provider"/,
    )
  })

  it('splits interactions across shards without loss or overlap', async () => {
    const shards = await Promise.all(
      [1, 2, 3].map(async (index) => {
        const r = await verify({ shard: { index, total: 3 } })
        return r.results.map((x) => x.description)
      }),
    )
    const all = shards.flat()
    expect(new Set(all).size).toBe(all.length)
    expect(all).toHaveLength(PACT_SIZE)
  })
})
