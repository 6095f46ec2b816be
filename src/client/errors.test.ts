import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommunicationClient } from './communication'
import { ApiRequestError, CommunicationGwError } from './errors'
import { startTestServer, type TestServer, unusedBaseURL } from './test-server'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

const sessionRequest = {
  business_uid: 'bz1',
  channel_uid: 'ch-1',
  contact_uid: 'ct-1',
  external_uid: 'ext-1',
}

async function failure(promise: Promise<unknown>): Promise<CommunicationGwError> {
  const outcome = await promise.then(
    (value: unknown) => ({ rejected: false, value }),
    (value: unknown) => ({ rejected: true, value }),
  )
  if (!outcome.rejected)
    throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`)
  if (!(outcome.value instanceof CommunicationGwError)) throw outcome.value
  return outcome.value
}

describe('CommunicationGwError', () => {
  it('carries the error envelope of a refused request', async () => {
    server.reply({
      kind: 'json',
      status: 422,
      body: {
        success: false,
        errors: [{ code: 'channel_not_active', message: 'Channel is not active' }],
      },
    })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't' })

    const error = await failure(gw.createSession(sessionRequest))

    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error.name).toBe('CommunicationGwError')
    expect(error.kind).toBe('http')
    expect(error.status).toBe(422)
    expect(error.method).toBe('POST')
    expect(error.path).toBe('/business/communication/sessions')
    expect(error.codes).toEqual(['channel_not_active'])
    expect(error.errors).toEqual([{ code: 'channel_not_active', message: 'Channel is not active' }])
    expect(error.message).toMatchInlineSnapshot(
      `"POST /business/communication/sessions failed with 422: channel_not_active: Channel is not active"`,
    )
  })

  it('lists every error of the envelope in the message', async () => {
    server.reply({
      kind: 'json',
      status: 422,
      body: {
        success: false,
        errors: [
          { code: 'missing_field', message: 'channel_uid is missing' },
          { code: 'too_long', message: 'external_uid is too long' },
        ],
      },
    })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't' })

    const error = await failure(gw.createSession(sessionRequest))

    expect(error.codes).toEqual(['missing_field', 'too_long'])
    expect(error.message).toMatchInlineSnapshot(
      `"POST /business/communication/sessions failed with 422: missing_field: channel_uid is missing; too_long: external_uid is too long"`,
    )
  })

  it('quotes a body that is not an envelope', async () => {
    server.reply({
      kind: 'text',
      status: 502,
      contentType: 'text/html',
      body: '<html>\n  <body>Bad gateway</body>\n</html>',
    })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't' })

    const error = await failure(gw.deleteChannel('ch-1'))

    expect(error.kind).toBe('http')
    expect(error.status).toBe(502)
    expect(error.codes).toEqual([])
    expect(error.errors).toEqual([])
    expect(error.message).toMatchInlineSnapshot(
      `"DELETE /business/communication/channels/ch-1 failed with 502: <html> <body>Bad gateway</body> </html>"`,
    )
  })

  it('says when an error response has no body', async () => {
    server.reply({ kind: 'text', status: 401, contentType: 'text/plain', body: '' })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't' })

    const error = await failure(gw.deleteSession('se-1'))

    expect(error.status).toBe(401)
    expect(error.message).toBe(
      'DELETE /business/communication/sessions/se-1 failed with 401: empty body',
    )
  })

  it('treats an error envelope with a success status as a refusal', async () => {
    server.reply({
      kind: 'json',
      status: 200,
      body: { success: false, errors: [{ code: 'invalid', message: 'Unknown session' }] },
    })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't' })

    const error = await failure(gw.sendTyping({ session_uid: 'se-1', contact_uid: 'ct-1' }))

    expect(error.kind).toBe('http')
    expect(error.status).toBe(200)
    expect(error.codes).toEqual(['invalid'])
  })

  it('names the missing field of a success body the consumer relies on', async () => {
    server.reply({
      kind: 'json',
      status: 201,
      body: { success: true, data: { channel: { status: 'pending', display_name: 'Desk' } } },
    })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't' })

    const error = await failure(gw.createChannel({ business_uid: 'bz1', type: 'transactional' }))

    expect(error.kind).toBe('invalid_response')
    expect(error.status).toBe(201)
    expect(error.codes).toEqual([])
    expect(error.message).toMatchInlineSnapshot(
      `"POST /business/communication/channels returned 201 with an unexpected body: data.channel.uid: Invalid input: expected string, received undefined"`,
    )
  })

  it('rejects a status outside the enum', async () => {
    server.reply({
      kind: 'json',
      status: 200,
      body: {
        success: true,
        data: { sessions: [{ uid: 's', status: 'open', ai_status: 'none' }] },
      },
    })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't' })

    const error = await failure(gw.listSessions({ business_uid: 'bz1', channel_uid: 'ch-1' }))

    expect(error.kind).toBe('invalid_response')
    expect(error.message).toContain('data.sessions.0.status')
  })

  it('reports a refused connection with no status', async () => {
    const gw = createCommunicationClient({ baseURL: await unusedBaseURL(), token: 't' })

    const error = await failure(gw.createChannel({ business_uid: 'bz1', type: 'transactional' }))

    expect(error.kind).toBe('network')
    expect(error.status).toBeUndefined()
    expect(error.codes).toEqual([])
    expect(error.message).toMatch(
      /^POST \/business\/communication\/channels failed without a response: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    )
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('reports a timeout as a network failure', async () => {
    server.reply({ kind: 'hang' })
    const gw = createCommunicationClient({ baseURL: server.baseURL, token: 't', timeout: 50 })

    const error = await failure(gw.listSessions({ business_uid: 'bz1', channel_uid: 'ch-1' }))

    expect(error.kind).toBe('network')
    expect(error.status).toBeUndefined()
    expect(error.message).toBe(
      'GET /business/communication/sessions failed without a response: timeout of 50ms exceeded',
    )
  })
})
