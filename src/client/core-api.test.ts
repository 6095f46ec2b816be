import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCoreApiClient } from './core-api'
import { CoreApiError } from './errors'
import { startTestServer, type TestServer } from './test-server'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
})

const client = {
  id: 'czpvt3f246p4cw9i',
  first_name: 'First Name',
  mobile_phone: null,
  tags: [],
}

async function rejection(promise: Promise<unknown>): Promise<CoreApiError> {
  const outcome = await promise.then(
    (value: unknown) => ({ rejected: false, value }),
    (value: unknown) => ({ rejected: true, value }),
  )
  if (!outcome.rejected)
    throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`)
  if (!(outcome.value instanceof CoreApiError)) throw outcome.value
  return outcome.value
}

describe('createCoreApiClient', () => {
  it('lists clients with the business and page size as query parameters', async () => {
    server.reply({ kind: 'json', status: 200, body: { status: 'OK', data: { clients: [client] } } })
    const core = createCoreApiClient({ baseURL: server.baseURL, token: 'core-token' })

    const clients = await core.listClients({ business_id: 'bz3p8ja7a1b2c3d4', per_page: 1 })

    expect(clients).toEqual([client])
    expect(server.requests).toHaveLength(1)
    const sent = server.requests[0]!
    expect(sent.method).toBe('GET')
    expect(sent.url).toBe('/platform/v1/clients?business_id=bz3p8ja7a1b2c3d4&per_page=1')
    expect(sent.headers.authorization).toBe('Bearer core-token')
    expect(sent.body).toBe('')
  })

  it('sends the page when one is asked for', async () => {
    server.reply({ kind: 'json', status: 200, body: { status: 'OK', data: { clients: [] } } })
    const core = createCoreApiClient({ baseURL: server.baseURL, token: 't' })

    await core.listClients({ business_id: 'bz1', per_page: 25, page: 3 })

    expect(server.requests[0]?.url).toBe('/platform/v1/clients?business_id=bz1&per_page=25&page=3')
  })

  it('fails with a CoreApiError on an error status', async () => {
    server.reply({
      kind: 'json',
      status: 429,
      body: { status: 'Error', message: 'Too many requests' },
    })
    const core = createCoreApiClient({ baseURL: server.baseURL, token: 't' })

    const error = await rejection(core.listClients({ business_id: 'bz1' }))

    expect(error).toMatchObject({ name: 'CoreApiError', kind: 'http', status: 429, codes: [] })
    expect(error.message).toMatchInlineSnapshot(
      `"GET /platform/v1/clients failed with 429: {"status":"Error","message":"Too many requests"}"`,
    )
  })

  it('fails when the list is not in the core envelope', async () => {
    server.reply({
      kind: 'json',
      status: 200,
      body: { success: true, data: { clients: [client] } },
    })
    const core = createCoreApiClient({ baseURL: server.baseURL, token: 't' })

    const error = await rejection(core.listClients({ business_id: 'bz1' }))

    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 })
    expect(error.message).toContain('status: Invalid input: expected "OK"')
  })
})
