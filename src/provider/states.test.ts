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
    ['[1, 2]', 'answered 200 with [1,2], not the entity as a JSON object'],
    ['"ch-1"', 'answered 200 with "ch-1", not the entity as a JSON object'],
    ['{"uid": ', 'answered 200 with a body that is not JSON: {"uid": '],
  ])('fails the state when it answers %s', async (body, cause) => {
    const server = await answering(body)
    try {
      const states = new StateRuntime({ kind: 'url', url: server.url }, {})
      await states.setup('channel is active', {})
      expect(states.beginRequest()).toEqual({
        state: 'channel is active',
        cause: `state-change URL ${server.url} ${cause}`,
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
