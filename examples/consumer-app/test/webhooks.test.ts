import { specMessage } from 'specpact/consumer'
import { expect, it } from 'vitest'
import { handleWebhook } from '../src/webhooks.js'

it('marks the channel active when the gateway says so', () =>
  specMessage<'channel_uid'>('webhook_channel_activated').run(async (message, values) => {
    const statuses = new Map<string, string>()
    const store = { setStatus: (uid: string, status: string) => void statuses.set(uid, status) }
    expect(handleWebhook(store, { headers: message.metadata, body: message.contents })).toBe(
      'channel.activated',
    )
    expect(statuses.get(values.channel_uid)).toBe('active')
  }))
