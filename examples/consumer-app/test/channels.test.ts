import { specInteraction } from 'specpact'
import { describe, expect, it } from 'vitest'
import { channelsClient } from '../src/channels.js'

const clientAt = (url: string) => channelsClient({ baseURL: url, token: 'consumer-test-token' })
/** What the specs' {{now_timestamp}} stands for: Unix time in seconds, as vCita's runner has it. */
const nowSeconds = () => Math.floor(Date.now() / 1000)

describe('channels', () => {
  it('creates a channel, which starts pending', () =>
    specInteraction<'business_id'>('post_business_communication_channels').run(
      async (url, values) => {
        const channel = await clientAt(url).create({
          business_uid: values.business_id,
          display_name: `Test Channel ${nowSeconds()}`,
        })
        expect(channel.status).toBe('pending')
      },
    ))

  it('activates a pending channel', () =>
    specInteraction<'channel_uid'>('put_business_communication_channels_uid').run(
      async (url, values) => {
        await clientAt(url).activate(values.channel_uid, `Updated Test Channel ${nowSeconds()}`)
      },
    ))
})
