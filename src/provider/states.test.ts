import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { StateRuntime } from './states'

const runtime = () =>
  new StateRuntime(
    {
      kind: 'handlers',
      handlers: {
        'channel is active': async () => ({ uid: 'ch-1' }),
        broken: async () => {
          throw new Error('database down')
        },
      },
    },
    { business_id: 'bz1' },
  )

describe('StateRuntime', () => {
  it('gives an interaction the values its states provided, and the next one without states only the configured ones', async () => {
    const states = runtime()
    await states.setup('channel is active', { provides: { channel_uid: 'uid' } })
    expect(states.beginRequest()).toBeUndefined()
    expect(states.resolve({ path: '/channels/${channel_uid}' })).toEqual({
      params: { path: '/channels/ch-1' },
      missing: [],
    })
    // The next interaction has no states: no setup before its request.
    expect(states.beginRequest()).toBeUndefined()
    expect(states.resolve({ path: '/channels/${channel_uid}', b: '${business_id}' })).toEqual({
      params: { path: '/channels/${channel_uid}', b: 'bz1' },
      missing: ['channel_uid'],
    })
  })

  it("reports a failed state on its interaction's request only", async () => {
    const states = runtime()
    await states.setup('broken', {})
    expect(states.beginRequest()).toEqual({ state: 'broken', cause: 'database down' })
    expect(states.beginRequest()).toBeUndefined()
  })

  it('resolves the escaped literal ${ of a contract back to the two characters', async () => {
    const states = runtime()
    const values = await states.setup('channel is active', {
      display_name: 'cost ${specpact_dollar_brace}5}',
    })
    expect(values.specpact_dollar_brace).toBe('${')
    expect(states.resolve({ name: 'cost ${specpact_dollar_brace}5} on ${business_id}' })).toEqual({
      params: { name: 'cost ${5} on bz1' },
      missing: [],
    })
  })

  it.each([
    { name: 'the verifier tears the interaction down', byVerifier: true },
    { name: 'the next interaction starts without the verifier tearing down', byVerifier: false },
  ])(
    'calls the handlers’ teardown once per interaction with states: $name',
    async ({ byVerifier }) => {
      let teardowns = 0
      const states = new StateRuntime(
        {
          kind: 'handlers',
          handlers: { 'channel is active': async () => ({ uid: 'ch-1' }) },
          teardown: async () => {
            teardowns++
          },
        },
        {},
      )
      const pact = states.pactHandlers(['channel is active'])['channel is active']
      await pact?.setup({})
      await pact?.setup({})
      states.beginRequest()
      if (byVerifier) {
        await pact?.teardown()
        await pact?.teardown()
      }
      expect(teardowns).toBe(byVerifier ? 1 : 0)
      await pact?.setup({})
      expect(teardowns).toBe(1)
    },
  )

  it('sends each state of the interaction to a state-change URL with action teardown', async () => {
    const calls: unknown[] = []
    const server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => {
        body += chunk
      })
      request.on('end', () => {
        calls.push(JSON.parse(body))
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"uid":"ch-9"}')
      })
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    try {
      const { port } = server.address() as AddressInfo
      const states = new StateRuntime({ kind: 'url', url: `http://127.0.0.1:${port}/states` }, {})
      await states.setup('channel is active', { provides: { channel_uid: 'uid' } })
      await states.setup('session exists', { channel_uid: '${channel_uid}' })
      states.beginRequest()
      await states.teardown()
      expect(calls).toEqual([
        { state: 'channel is active', params: {}, action: 'setup' },
        { state: 'session exists', params: { channel_uid: 'ch-9' }, action: 'setup' },
        { state: 'channel is active', params: {}, action: 'teardown' },
        { state: 'session exists', params: { channel_uid: 'ch-9' }, action: 'teardown' },
      ])
    } finally {
      await new Promise<void>((done) => server.close(() => done()))
    }
  })
})

describe('a state-change URL', () => {
  /** A real HTTP server answering every state change with `body`. */
  async function answering(body: string) {
    const server = createServer((_req, res) => res.end(body))
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}/_pact/states`, close: () => server.close() }
  }

  it.each([
    ['[1, 2]', 'answered 200 with [1,2], not a JSON object (the entity set up)'],
    ['"ch-1"', 'answered 200 with "ch-1", not a JSON object (the entity set up)'],
    ['{"uid": ', 'answered 200 with a body that is not JSON: {"uid": '],
  ])('fails the state when it answers %s', async (body, cause) => {
    const server = await answering(body)
    try {
      const states = new StateRuntime({ kind: 'url', url: server.url }, {})
      await states.setup('channel is active', {})
      expect(states.beginRequest()).toEqual({
        state: 'channel is active',
        cause: `POST ${server.url} ${cause}`,
      })
    } finally {
      server.close()
    }
  })

  it('takes the entity it answers', async () => {
    const server = await answering('{"uid": "ch-9"}')
    try {
      const states = new StateRuntime({ kind: 'url', url: server.url }, {})
      await states.setup('channel is active', { provides: { channel_uid: 'uid' } })
      expect(states.beginRequest()).toBeUndefined()
      expect(states.resolve({ p: '${channel_uid}' }).params).toEqual({ p: 'ch-9' })
    } finally {
      server.close()
    }
  })
})
