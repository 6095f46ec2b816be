/** The consumer's channel code against the interactions of the channel specs. */
import { describe, expect, it } from 'vitest'
import { specInteraction } from '../../src/consumer'
import { gatewayAt, nowTimestamp } from './support'

describe('channels', () => {
  it('creates a channel, which starts pending', () =>
    specInteraction<'business_id'>('post_business_communication_channels').run(
      async (url, values) => {
        const channel = await gatewayAt(url).createChannel({
          business_uid: values.business_id,
          type: 'transactional',
          display_name: `Test Channel ${nowTimestamp()}`,
        })
        expect(channel.status).toBe('pending')
        expect(channel.uid).toEqual(expect.any(String))
      },
    ))

  it('updates a channel', () =>
    specInteraction<'channel_uid'>('put_business_communication_channels_uid').run(
      async (url, values) => {
        await expect(
          gatewayAt(url).updateChannel(values.channel_uid, {
            status: 'active',
            display_name: `Updated Test Channel ${nowTimestamp()}`,
            open_channel: true,
          }),
        ).resolves.toBeUndefined()
      },
    ))

  it('deletes a channel', () =>
    specInteraction<'channel_uid'>('delete_business_communication_channels_uid').run(
      async (url, values) => {
        await expect(gatewayAt(url).deleteChannel(values.channel_uid)).resolves.toBeUndefined()
      },
    ))
})
