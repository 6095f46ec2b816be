import axios from 'axios'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runSteps } from './run'
import { startServer, step, type TestServer } from './test-support/server'

let main: TestServer
let fallback: TestServer
beforeAll(async () => {
  ;[main, fallback] = await Promise.all([startServer(), startServer()])
})
afterAll(() => Promise.all([main.close(), fallback.close()]))
beforeEach(() => {
  for (const server of [main, fallback]) {
    server.reset()
    server.route('GET /x', {})
    server.route('POST /x', {})
  }
})

describe('fallback API', () => {
  it.each([
    { name: 'useFallback', fields: { useFallback: true }, server: 'fallback' },
    { name: 'useFallbackApi', fields: { useFallbackApi: true }, server: 'fallback' },
    { name: 'neither', fields: {}, server: 'main' },
    { name: 'useFallback: false', fields: { useFallback: false }, server: 'main' },
  ])('$name goes to the $server base URL', async ({ fields, server }) => {
    const result = await runSteps([step({ path: '/x', ...fields })], {
      baseURL: main.url,
      fallbackBaseURL: fallback.url,
    })
    expect(result.ok).toBe(true)
    expect(main.received).toHaveLength(server === 'main' ? 1 : 0)
    expect(fallback.received).toHaveLength(server === 'fallback' ? 1 : 0)
  })

  it('is an error, not a request to the main API, when no fallback URL is configured', async () => {
    const result = await runSteps([step({ path: '/x', useFallbackApi: true })], {
      baseURL: main.url,
    })
    expect(result.steps[0]).toMatchObject({
      kind: 'error',
      reason: 'the step uses the fallback API but no fallbackBaseURL was given',
    })
    expect(main.received).toHaveLength(0)
  })
})

describe('request encoding', () => {
  it('sends form_data as application/x-www-form-urlencoded', async () => {
    const result = await runSteps(
      [
        step({
          method: 'POST',
          path: '/x',
          form_data: { name: 'Test Channel {{id}}', tags: ['a', 'b'], meta: { n: 1 } },
        }),
      ],
      { baseURL: main.url, values: { id: 7 } },
    )
    const received = main.received[0]!
    expect(received.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect([...new URLSearchParams(received.body)]).toEqual([
      ['name', 'Test Channel 7'],
      ['tags[]', 'a'],
      ['tags[]', 'b'],
      ['meta[n]', '1'],
    ])
    expect(result.steps[0]).toMatchObject({
      request: {
        body: { kind: 'form', encoded: received.body, fields: { name: 'Test Channel 7' } },
      },
    })
  })

  it('refuses a step with both body and form_data', async () => {
    const result = await runSteps(
      [step({ method: 'POST', path: '/x', body: { a: 1 }, form_data: { a: 1 } })],
      { baseURL: main.url },
    )
    expect(result.steps[0]).toMatchObject({ kind: 'error', problems: [{ kind: 'body-and-form' }] })
    expect(main.received).toHaveLength(0)
  })

  it('sends params as the query string', async () => {
    const result = await runSteps(
      [
        step({
          path: '/x',
          params: { business_id: '{{business_id}}', per_page: '1', page: 2, q: 'a b&c' },
        }),
      ],
      { baseURL: main.url, variables: { business_id: 'bz1' } },
    )
    expect(Object.fromEntries(main.received[0]!.query)).toEqual({
      business_id: 'bz1',
      per_page: '1',
      page: '2',
      q: 'a b&c',
    })
    expect(result.steps[0]?.kind === 'passed' && result.steps[0].request.url).toBe(
      `${main.url}/x?business_id=bz1&per_page=1&page=2&q=a+b%26c`,
    )
  })

  it('joins a base URL with a path prefix and a trailing slash', async () => {
    main.route('GET /api2/x', {})
    const result = await runSteps([step({ path: '/x' })], { baseURL: `${main.url}/api2/` })
    expect(result.ok).toBe(true)
    expect(main.received[0]!.path).toBe('/api2/x')
  })

  it('sends step headers, resolved, and lets them override the defaults', async () => {
    await runSteps(
      [step({ path: '/x', headers: { 'X-Business': '{{business_id}}', accept: 'text/plain' } })],
      { baseURL: main.url, variables: { business_id: 'bz1' } },
    )
    const { headers } = main.received[0]!
    expect(headers['x-business']).toBe('bz1')
    expect(headers.accept).toBe('text/plain')
  })

  it('sends through the axios instance it is given', async () => {
    const instance = axios.create({ headers: { 'X-Client': 'consumer-test' } })
    await runSteps([step({ path: '/x' })], { baseURL: main.url, axios: instance })
    expect(main.received[0]!.headers['x-client']).toBe('consumer-test')
  })

  it('asks for JSON by default and sends no body type without a body', async () => {
    await runSteps([step({ path: '/x' })], { baseURL: main.url })
    const { headers, body } = main.received[0]!
    expect(headers.accept).toBe('application/json')
    expect(headers['content-type']).toBeUndefined()
    expect(body).toBe('')
  })
})

describe('tokens', () => {
  const tokens = { staff: 'staff-secret-1', directory: 'directory-secret-2' }

  it.each([
    {
      name: "the step's token type",
      fields: { token: 'directory' },
      sent: 'Bearer directory-secret-2',
    },
    { name: 'the default token type', fields: {}, sent: 'Bearer staff-secret-1' },
  ])('uses $name', async ({ fields, sent }) => {
    const result = await runSteps([step({ path: '/x', ...fields })], {
      baseURL: main.url,
      tokens,
      defaultToken: 'staff',
    })
    expect(main.received[0]!.headers.authorization).toBe(sent)
    expect(result.steps[0]?.kind === 'passed' && result.steps[0].request.headers).toMatchObject({
      Authorization: 'Bearer ***',
    })
  })

  it('sends no Authorization when neither the step nor the options name a token type', async () => {
    await runSteps([step({ path: '/x' })], { baseURL: main.url, tokens })
    expect(main.received[0]!.headers.authorization).toBeUndefined()
  })

  it('is an error, before any request, when the token type has no token', async () => {
    const result = await runSteps([step({ path: '/x', token: 'client' })], {
      baseURL: main.url,
      tokens,
    })
    expect(result.steps[0]).toMatchObject({
      kind: 'error',
      reason: 'no token for token type "client" (configured: staff, directory)',
    })
    expect(main.received).toHaveLength(0)
  })

  it('lets an explicit Authorization header in the step win', async () => {
    await runSteps([step({ path: '/x', headers: { authorization: 'Bearer from-spec' } })], {
      baseURL: main.url,
      tokens,
      defaultToken: 'staff',
    })
    expect(main.received[0]!.headers.authorization).toBe('Bearer from-spec')
  })
})
