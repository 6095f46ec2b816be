import { describe, expect, it } from 'vitest'
import { buildReferenceApp } from './reference'
import { OPERATIONS } from './routes'
import { COMM, send } from './testing'

const concrete = (url: string): string => url.replace(/:(\w+)/g, 'some-$1')

describe('authentication', () => {
  const consumerFacing = OPERATIONS.filter((op) => op.api !== 'gateway')

  it.each(consumerFacing.map((op) => ({ id: op.id, op })))(
    '$id refuses a request without a bearer token',
    async ({ op }) => {
      const { app } = buildReferenceApp()
      const answer = await send(
        app,
        op.method,
        concrete(op.url),
        op.method === 'GET' || op.method === 'DELETE' ? undefined : {},
        {},
      )
      expect(answer.status).toBe(401)
      if (op.api === 'platform')
        expect(answer.body).toEqual({ status: 'Error', error: 'Unauthorized' })
      else
        expect(answer.body).toEqual({
          success: false,
          errors: [
            {
              code: 'unauthorized',
              message: 'Unauthorized to perform action: send Authorization: Bearer <token>',
            },
          ],
        })
    },
  )

  it.each([
    { name: 'a Basic header', authorization: 'Basic dXNlcjpwYXNz' },
    { name: 'an empty bearer token', authorization: 'Bearer ' },
  ])('refuses $name', async ({ authorization }) => {
    const { app } = buildReferenceApp()
    const answer = await send(app, 'DELETE', `${COMM}/channels/x`, undefined, { authorization })
    expect(answer.status).toBe(401)
  })

  it('accepts only the listed tokens when given some', async () => {
    const { app } = buildReferenceApp({ tokens: ['the-real-token'] })
    const wrong = await send(app, 'DELETE', `${COMM}/channels/x`, undefined, {
      authorization: 'Bearer other',
    })
    expect(wrong.body).toMatchObject({
      errors: [
        {
          code: 'unauthorized',
          message: 'Unauthorized to perform action: the token is not accepted',
        },
      ],
    })
    const right = await send(app, 'DELETE', `${COMM}/channels/x`, undefined, {
      authorization: 'Bearer the-real-token',
    })
    expect(right.status).toBe(404)
  })

  it('checks the token before reading the body', async () => {
    const { app } = buildReferenceApp()
    const answer = await app.inject({
      method: 'POST',
      url: `${COMM}/channels`,
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    })
    expect(answer.statusCode).toBe(401)
  })
})

describe('errors fastify would answer itself come out in the envelope', () => {
  const auth = { authorization: 'Bearer t' }

  it('400 invalid for a malformed JSON body', async () => {
    const { app } = buildReferenceApp()
    const answer = await app.inject({
      method: 'POST',
      url: `${COMM}/channels`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"business_uid": ',
    })
    expect(answer.statusCode).toBe(400)
    expect(answer.json()).toEqual({
      success: false,
      errors: [
        { code: 'invalid', message: expect.stringContaining('the request body is not valid JSON') },
      ],
    })
  })

  it('an empty JSON body counts as no body: fields are reported missing', async () => {
    const { app } = buildReferenceApp()
    const answer = await app.inject({
      method: 'POST',
      url: `${COMM}/channels`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '',
    })
    expect(answer.statusCode).toBe(422)
    expect(answer.json()).toMatchObject({
      errors: [{ code: 'missing_field' }, { code: 'missing_field' }],
    })
  })

  it('415 invalid for a form body', async () => {
    const { app } = buildReferenceApp()
    const answer = await app.inject({
      method: 'POST',
      url: `${COMM}/channels`,
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'type=transactional',
    })
    expect(answer.statusCode).toBe(415)
    expect(answer.json()).toEqual({
      success: false,
      errors: [
        {
          code: 'invalid',
          message:
            'Content-Type application/x-www-form-urlencoded is not supported: send application/json',
        },
      ],
    })
  })

  it('404 missing for an unknown route', async () => {
    const { app } = buildReferenceApp()
    const answer = await send(app, 'GET', `${COMM}/channels`)
    expect(answer).toEqual({
      status: 404,
      body: {
        success: false,
        errors: [{ code: 'missing', message: 'no operation GET /business/communication/channels' }],
      },
    })
  })

  it('500 unexpected when a handler throws', async () => {
    const { app } = buildReferenceApp({
      overrides: {
        deleteChannel: () => {
          throw new Error('boom')
        },
      },
    })
    const answer = await send(app, 'DELETE', `${COMM}/channels/x`)
    expect(answer).toEqual({
      status: 500,
      body: {
        success: false,
        errors: [{ code: 'unexpected', message: 'the reference gateway failed: boom' }],
      },
    })
  })
})

describe('bodies', () => {
  it('an empty body under any Content-Type is no body (clients send a default type without data)', async () => {
    const { app } = buildReferenceApp()
    const answer = await app.inject({
      method: 'POST',
      url: '/_gateway/channels/nope/activation',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(answer.statusCode).toBe(404)
  })
})
