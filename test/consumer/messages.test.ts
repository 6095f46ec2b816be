/** The consumer's message code against the interactions of the message specs. */
import { describe, expect, it } from 'vitest'
import { specInteraction } from '../../src/consumer'
import { gatewayAt, nowTimestamp } from './support'

describe('messages', () => {
  it('sends a message on an active channel', () =>
    specInteraction<'channel_uid' | 'contact_uid'>('post_business_communication_messages').run(
      async (url, values) => {
        const now = nowTimestamp()
        const message = await gatewayAt(url).createMessage({
          channel_uid: values.channel_uid,
          contact_uid: values.contact_uid,
          external_uid: `test-external-uid-${now}`,
          message: `Test message ${now}`,
          message_uid: `test-msg-${now}`,
        })
        expect(message).toMatchObject({ uid: expect.any(String), status: expect.any(String) })
      },
    ))

  it('updates the status of a message', () =>
    specInteraction<'channel_uid' | 'message_uid'>(
      'put_business_communication_messages_messageuid',
    ).run(async (url, values) => {
      await expect(
        gatewayAt(url).updateMessage(values.message_uid, {
          status: 'read',
          channel_uid: values.channel_uid,
        }),
      ).resolves.toBeUndefined()
    }))
})
