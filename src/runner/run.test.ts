import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { runSteps } from './run'
import { startServer, step, type TestServer } from './test-support/server'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const now = () => new Date('2026-01-01T09:00:00.000Z')
const variables = { business_id: 'bz3p8ja7a1b2c3d4' }

describe('runSteps: a prerequisite feeds the request', () => {
  const steps = [
    step({
      id: 'create_channel',
      method: 'POST',
      path: '/business/communication/channels',
      body: {
        business_uid: '{{business_id}}',
        type: 'transactional',
        display_name: 'Test Channel {{now_timestamp}}',
      },
      extract: { channel_uid: '$.data.channel.uid' },
      expect: { status: [200, 201] },
      onFail: 'abort',
    }),
    step({
      id: 'activate_channel',
      method: 'PUT',
      path: '/business/communication/channels/{{channel_uid}}',
      body: { status: 'active' },
      expect: { status: 200 },
    }),
  ]

  it('sends resolved values and passes extracted ones on', async () => {
    server.route('POST /business/communication/channels', {
      status: 201,
      body: { success: true, data: { channel: { uid: 'ch_42', status: 'pending' } } },
    })
    server.route('PUT /business/communication/channels/ch_42', { body: { success: true } })

    const result = await runSteps(steps, { baseURL: server.url, variables, now })

    expect(result).toMatchObject({
      ok: true,
      outcome: 'passed',
      values: { channel_uid: 'ch_42' },
      generated: { now_timestamp: '1767258000' },
    })
    expect(result.steps.map((s) => [s.stepId, s.kind])).toEqual([
      ['create_channel', 'passed'],
      ['activate_channel', 'passed'],
    ])
    expect(JSON.parse(server.received[0]!.body)).toEqual({
      business_uid: 'bz3p8ja7a1b2c3d4',
      type: 'transactional',
      display_name: 'Test Channel 1767258000',
    })
    expect(server.received[0]!.headers['content-type']).toBe('application/json')
    expect(server.received[1]!.path).toBe('/business/communication/channels/ch_42')
    expect(result.steps[0]).toMatchObject({
      kind: 'passed',
      extracted: { channel_uid: 'ch_42' },
      request: {
        method: 'POST',
        url: `${server.url}/business/communication/channels`,
        body: { kind: 'json', value: { display_name: 'Test Channel 1767258000' } },
      },
      response: { status: 201, body: { data: { channel: { uid: 'ch_42' } } } },
    })
  })

  it('reports where a prerequisite extracted nothing, and does not send the request', async () => {
    server.route('POST /business/communication/channels', {
      status: 201,
      body: { success: true, data: { uid: 'ch_42' } },
    })

    const result = await runSteps(steps, { baseURL: server.url, variables, now })

    expect(result.outcome).toBe('failed')
    expect(result.values).toEqual({})
    expect(result.steps.map((s) => s.kind)).toEqual(['failed', 'not-run'])
    expect(result.steps[0]).toMatchObject({
      problems: [
        { kind: 'extract-not-found', variable: 'channel_uid', path: '$.data.channel.uid' },
      ],
      reason: expect.stringContaining('{"success":true,"data":{"uid":"ch_42"}}'),
    })
    expect(server.received).toHaveLength(1)
  })
})

describe('runSteps: expected status', () => {
  it.each([
    { name: 'one code, matched', expect: 200, status: 200, kind: 'passed' },
    { name: 'a list, matched by its second code', expect: [200, 201], status: 201, kind: 'passed' },
    { name: 'an expected error status', expect: 422, status: 422, kind: 'passed' },
    { name: 'one code, missed', expect: 200, status: 422, kind: 'failed' },
    { name: 'a list, missed', expect: [200, 201], status: 500, kind: 'failed' },
    { name: 'a success when an error is expected', expect: [404], status: 200, kind: 'failed' },
  ])('$name → $kind', async ({ expect: status, status: actual, kind }) => {
    server.route('GET /x', { status: actual, body: { success: actual < 400 } })
    const result = await runSteps([step({ path: '/x', expect: { status } })], {
      baseURL: server.url,
    })
    expect(result.steps[0]).toMatchObject({ kind, response: { status: actual } })
    expect(result.ok).toBe(kind === 'passed')
  })

  it('says what was expected, what came, and what the body said', async () => {
    server.route('POST /sessions', {
      status: 422,
      body: { success: false, errors: [{ code: 'invalid', message: 'channel not active' }] },
    })
    const result = await runSteps(
      [step({ method: 'POST', path: '/sessions', expect: { status: [200, 201] } })],
      {
        baseURL: server.url,
      },
    )
    expect(result.steps[0]?.kind === 'failed' && result.steps[0].reason).toMatchInlineSnapshot(
      `"expected status one of 200, 201, got 422: {"success":false,"errors":[{"code":"invalid","message":"channel not active"}]}"`,
    )
  })

  it('does not extract from a response with the wrong status', async () => {
    server.route('GET /x', { status: 500, body: { data: { uid: 'u' } } })
    const result = await runSteps(
      [step({ path: '/x', extract: { uid: '$.data.uid' }, expect: { status: 200 } })],
      { baseURL: server.url },
    )
    expect(result.values).toEqual({})
    expect(result.steps[0]).toMatchObject({ kind: 'failed', extracted: {} })
  })
})

describe('runSteps: values', () => {
  it('keeps the type of an extracted number used as a whole value', async () => {
    server.route('GET /platform/v1/clients', { body: { data: { clients: [{ id: 7 }] } } })
    server.route('POST /sessions', { status: 201, body: {} })
    await runSteps(
      [
        step({
          id: 'get_client',
          path: '/platform/v1/clients',
          extract: { contact_uid: '$.data.clients[0].id' },
        }),
        step({
          method: 'POST',
          path: '/sessions',
          body: { contact_uid: '{{contact_uid}}', external_uid: 'ext-{{contact_uid}}' },
          expect: { status: 201 },
        }),
      ],
      { baseURL: server.url },
    )
    expect(JSON.parse(server.received[1]!.body)).toEqual({ contact_uid: 7, external_uid: 'ext-7' })
  })

  it('uses the same built-in value in every step of a run', async () => {
    server.route('POST /a', { status: 201 })
    server.route('GET /b', {})
    const result = await runSteps(
      [
        step({
          method: 'POST',
          path: '/a',
          body: { external_uid: 'x-{{unique_id}}' },
          expect: { status: 201 },
        }),
        step({ path: '/b', params: { external_uid: 'x-{{unique_id}}' } }),
      ],
      { baseURL: server.url },
    )
    const sent = JSON.parse(server.received[0]!.body).external_uid
    expect(server.received[1]!.query.get('external_uid')).toBe(sent)
    expect(sent).toBe(`x-${result.generated.unique_id}`)
  })

  it('starts from given values, as a second run after the prerequisites would', async () => {
    server.route('GET /channels/ch_9', {})
    const result = await runSteps([step({ path: '/channels/{{channel_uid}}' })], {
      baseURL: server.url,
      values: { channel_uid: 'ch_9' },
    })
    expect(result.ok).toBe(true)
    expect(result.values).toEqual({ channel_uid: 'ch_9' })
  })

  it('encodes inserted values in the path', async () => {
    server.route('GET /channels/a%2Fb%20c', {})
    const result = await runSteps([step({ path: '/channels/{{uid}}' })], {
      baseURL: server.url,
      values: { uid: 'a/b c' },
    })
    expect(result.steps[0]?.kind).toBe('passed')
  })
})

describe('runSteps: responses', () => {
  it.each([
    { name: 'JSON', reply: { body: { a: 1 } }, body: { a: 1 } },
    { name: 'text', reply: { body: '<html>Bad gateway</html>' }, body: '<html>Bad gateway</html>' },
    { name: 'empty', reply: { status: 204 }, body: undefined },
  ])('keeps a $name body', async ({ reply, body }) => {
    server.route('GET /x', { status: 200, ...reply })
    const result = await runSteps([step({ path: '/x', expect: { status: [200, 204] } })], {
      baseURL: server.url,
    })
    expect(result.steps[0]).toMatchObject({ kind: 'passed' })
    expect(result.steps[0]?.kind === 'passed' && result.steps[0].response.body).toEqual(body)
  })
})

describe('runSteps: manners', () => {
  it('prints nothing, even when steps fail', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    )
    const write = vi.spyOn(process.stdout, 'write')
    try {
      await runSteps(
        [step({ path: '/nowhere', onFail: 'continue' }), step({ path: '/{{missing}}' })],
        {
          baseURL: server.url,
        },
      )
      for (const spy of [...spies, write]) expect(spy).not.toHaveBeenCalled()
    } finally {
      for (const spy of [...spies, write]) spy.mockRestore()
    }
  })

  it('does not change the options it is given', async () => {
    server.route('GET /x', { body: { uid: 'u' } })
    const options = Object.freeze({
      baseURL: server.url,
      variables: Object.freeze({ business_id: 'b' }),
      values: Object.freeze({ seed: 1 }),
      tokens: Object.freeze({ staff: 'tok' }),
      defaultToken: 'staff',
    })
    const result = await runSteps([step({ path: '/x', extract: { uid: '$.uid' } })], options)
    expect(result.values).toEqual({ seed: 1, uid: 'u' })
    expect(options.values).toEqual({ seed: 1 })
  })

  it('passes with no steps', async () => {
    expect(await runSteps([], { baseURL: server.url })).toEqual({
      ok: true,
      outcome: 'passed',
      steps: [],
      values: {},
      generated: {},
    })
  })
})
