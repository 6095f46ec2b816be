/**
 * The contract catches a consumer that sends the wrong thing: a client that names the
 * contact `contact_id` instead of `contact_uid` fails its test with Pact's own mismatch
 * report, and the interaction is not recorded as passing.
 */
import { describe, expect, it } from 'vitest'
import type { TypingRequest } from '../../src/client'
import { specInteraction } from '../../src/consumer'
import { gatewayAt } from './support'

describe('a consumer that breaks the contract', () => {
  it('fails with the mock server mismatch naming the field it got wrong', async () => {
    const attempt = specInteraction<'session_uid' | 'contact_uid'>(
      'post_business_communication_sessions_typing',
    ).run(async (url, values) => {
      // What a client bug looks like once it reaches the wire.
      const wrong = { session_uid: values.session_uid, contact_id: values.contact_uid }
      await gatewayAt(url).sendTyping(wrong as unknown as TypingRequest)
    })
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toMatch(/^Test failed for the following reasons:/)
    expect(message).toContain(
      'Expected a Map with keys [contact_uid, session_uid] but received one with keys [contact_id, session_uid]',
    )
    // And what the consumer's code saw: the mock server's 500, as a typed client error.
    expect(message).toContain(
      'The test itself failed with: POST /business/communication/sessions/typing failed with 500',
    )
  })

  it.each([
    ['another path entirely', '/anything/else'],
    ['another resource with an id', '/business/communication/channels/some-uid'],
    ['an extra segment', '/business/communication/sessions/a/b'],
  ])(
    'is refused by a mock server primed with an injected path when it calls %s',
    async (_, path) => {
      const attempt = specInteraction('put_business_communication_sessions_uid').run(
        async (url) => {
          const response = await fetch(`${url}${path}`, {
            method: 'PUT',
            headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
            body: JSON.stringify({ status: 'active' }),
          })
          return response.status
        },
      )
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toContain('The following request was not expected')
    },
  )

  it('is answered by that mock server for any one-segment id, not only the example', async () => {
    const status = await specInteraction('put_business_communication_sessions_uid').run(
      async (url) => {
        const response = await fetch(`${url}/business/communication/sessions/another-uid-1`, {
          method: 'PUT',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'active' }),
        })
        return response.status
      },
    )
    expect(status).toBe(200)
  })

  it('asks for a value the spec does not inject, and is told which ones it does', async () => {
    const attempt = specInteraction('post_business_communication_sessions_typing').run(
      async (_url, values) => values.contact_id,
    )
    await expect(attempt).rejects.toThrow(
      'spec "post_business_communication_sessions_typing" injects no value named "contact_id"; it injects: contact_uid, session_uid',
    )
  })

  it('names the spec it cannot find', async () => {
    await expect(
      specInteraction('post_business_communication_typo').run(async () => 1),
    ).rejects.toThrow(
      /no spec named "post_business_communication_typo"; known: .*delete_business_communication_channels_uid, /,
    )
  })
})
