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

  // The create PUT /messages/{messageUid} relies on. Before it, vCita's runner runs the POST
  // /messages workflow's own prerequisites, whose contact_uid replaces the spec's: the spec's
  // is contact_uid_1 here.
  it('sends the message a status update relies on', () =>
    specInteraction<'message_channel_uid' | 'contact_uid_1'>(
      'POST /business/communication/messages → 201, given channel is active, client exists',
    ).run(async (url, values) => {
      const now = nowTimestamp()
      const message = await gatewayAt(url).createMessage({
        channel_uid: values.message_channel_uid,
        contact_uid: values.contact_uid_1,
        external_uid: `test-external-uid-${now}`,
        message: `Test message ${now}`,
        message_uid: `test-msg-${now}`,
      })
      expect(message.uid).toEqual(expect.any(String))
    }))

  it('updates the status of a message', () =>
    specInteraction<'message_channel_uid' | 'message_uid'>(
      'put_business_communication_messages_messageuid',
    ).run(async (url, values) => {
      await expect(
        gatewayAt(url).updateMessage(values.message_uid, {
          status: 'read',
          channel_uid: values.message_channel_uid,
        }),
      ).resolves.toBeUndefined()
    }))
})
