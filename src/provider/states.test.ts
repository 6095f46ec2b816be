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
})
