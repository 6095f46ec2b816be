/** The consumer's session code against the interactions of the session specs. */
import { describe, expect, it } from 'vitest'
import { CommunicationGwError } from '../../src/client'
import { specInteraction } from '../../src/consumer'
import { gatewayAt, nowTimestamp } from './support'

type Ids = 'business_id' | 'channel_uid' | 'contact_uid' | 'session_uid'

describe('sessions', () => {
  it('is refused a session on a channel that is still pending, with the gateway error', () =>
    specInteraction<Exclude<Ids, 'session_uid'>>('post_business_communication_sessions').run(
      async (url, values) => {
        const attempt = gatewayAt(url).createSession({
          business_uid: values.business_id,
          channel_uid: values.channel_uid,
          contact_uid: values.contact_uid,
          external_uid: `test-external-uid-${nowTimestamp()}`,
        })
        const error = await attempt.catch((e: unknown) => e)
        expect(error).toBeInstanceOf(CommunicationGwError)
        expect(error).toMatchObject({ status: 422, kind: 'http' })
        expect((error as CommunicationGwError).codes.length).toBeGreaterThan(0)
      },
    ))

  // Before the create, vCita's runner runs the POST /sessions workflow's own prerequisites,
  // whose channel_uid and contact_uid replace the spec's: the spec's are channel_uid_1 and
  // contact_uid_1 here.
  it('creates a session on an active channel, and reads its uid (what later steps rely on)', () =>
    specInteraction<'business_id' | 'channel_uid_1' | 'contact_uid_1'>(
      'POST /business/communication/sessions → 200 or 201, given channel is active, client exists, channel is pending',
    ).run(async (url, values) => {
      const session = await gatewayAt(url).createSession({
        business_uid: values.business_id,
        channel_uid: values.channel_uid_1,
        contact_uid: values.contact_uid_1,
        external_uid: `test-external-uid-${nowTimestamp()}`,
      })
      expect(session.uid).toEqual(expect.any(String))
    }))

  it("lists a contact's sessions on a channel", () =>
    specInteraction<'business_id' | 'session_channel_uid' | 'session_contact_uid'>(
      'get_business_communication_sessions',
    ).run(async (url, values) => {
      const sessions = await gatewayAt(url).listSessions({
        business_uid: values.business_id,
        // The spec's own channel and contact: vCita's runner replaces channel_uid and
        // contact_uid (see the spec's notes).
        channel_uid: values.session_channel_uid,
        contact_uid: values.session_contact_uid,
      })
      expect(sessions.length).toBeGreaterThan(0)
      expect(sessions[0]).toMatchObject({ uid: expect.any(String), status: expect.any(String) })
    }))

  it('updates a session', () =>
    specInteraction<'session_uid'>('put_business_communication_sessions_uid').run(
      async (url, values) => {
        const session = await gatewayAt(url).updateSession(values.session_uid, { status: 'active' })
        expect(session.uid).toEqual(expect.any(String))
      },
    ))

  it('deletes a session', () =>
    specInteraction<'session_uid'>('delete_business_communication_sessions_uid').run(
      async (url, values) => {
        await expect(gatewayAt(url).deleteSession(values.session_uid)).resolves.toBeUndefined()
      },
    ))

  it('shows the contact that someone is typing', () =>
    specInteraction<'session_uid' | 'contact_uid'>(
      'post_business_communication_sessions_typing',
    ).run(async (url, values) => {
      await expect(
        gatewayAt(url).sendTyping({
          session_uid: values.session_uid,
          contact_uid: values.contact_uid,
        }),
      ).resolves.toBeUndefined()
    }))
})
