import { describe, expect, it } from 'vitest'
import { asFilterContract, filterField } from './filters'
import type { HttpInteraction, Matcher, Template } from './types'

const injected = (name: string): Matcher => ({
  kind: 'injected',
  expression: `\${${name}}`,
  example: `${name}-example`,
})
const sessions: Template = {
  kind: 'object',
  fields: [
    [
      'data',
      {
        kind: 'object',
        fields: [
          [
            'sessions',
            {
              kind: 'eachLike',
              min: 1,
              item: { kind: 'object', fields: [['uid', { kind: 'type', example: 'u' }]] },
            },
          ],
        ],
      },
    ],
  ],
}
const list = (query: Array<[string, Matcher]>, method = 'GET'): HttpInteraction => ({
  kind: 'http',
  description: 'list_sessions',
  states: [
    { name: 'channel is active', params: { provides: { channel_uid: 'uid' } } },
    {
      name: 'session exists',
      params: {
        business_uid: 'bz1',
        channel_uid: '${channel_uid}',
        external_uid: 'ext-1',
        provides: { session_uid: 'uid' },
      },
    },
  ],
  request: {
    method,
    path: { kind: 'literal', value: '/sessions' },
    query,
    headers: [],
    body: undefined,
  },
  response: { status: { kind: 'exact', status: 200 }, headers: [], body: sessions },
  origin: { specFile: 'a.md', specName: 'a', stepId: 'main', line: 1 },
  tokenType: undefined,
})
const entities = ['$.data.channel', '$.data.session']
const provided = new Set(['channel_uid', 'session_uid'])

describe('filters are contracts', () => {
  it.each([
    ['filter[channel_uid]', 'channel_uid'],
    ['channel_uid', 'channel_uid'],
    ['filter[a][b]', 'filter[a][b]'],
  ])('filterField(%j) = %j', (key, field) => {
    expect(filterField(key)).toBe(field)
  })

  it('adds the listed entity again with other filter values, and bounds the list', () => {
    const out = asFilterContract(
      list([
        ['filter[business_uid]', injected('business_id')],
        ['filter[channel_uid]', injected('channel_uid')],
      ]),
      entities,
      provided,
    )
    expect(out.states.slice(2)).toEqual([
      // Another business's session on another channel: what ignoring the filters leaks.
      {
        name: 'session exists',
        params: { business_uid: expect.any(String), channel_uid: expect.any(String) },
      },
      // Another channel's session of this business.
      { name: 'session exists', params: { business_uid: 'bz1', channel_uid: expect.any(String) } },
    ])
    const [everything, otherChannel] = out.states.slice(2).map((s) => s.params)
    expect(everything?.business_uid).not.toBe('bz1')
    expect(otherChannel?.channel_uid).not.toBe(everything?.channel_uid)
    expect(out.filter).toEqual({
      fields: ['business_uid', 'channel_uid'],
      excludedFrom: 2,
      max: 1,
      // What specpact verify checks of each item: the value each filter field was filtered by.
      list: ['data', 'sessions'],
      items: [
        ['business_uid', '${business_id}'],
        ['channel_uid', '${channel_uid}'],
      ],
    })
    const data = out.response.body?.kind === 'object' ? out.response.body.fields[0]?.[1] : undefined
    const array = data?.kind === 'object' ? data.fields[0]?.[1] : undefined
    expect(array).toMatchObject({ kind: 'eachLike', min: 1, max: 1 })
  })

  it.each([
    { name: 'not a GET', interaction: list([['channel_uid', injected('channel_uid')]], 'POST') },
    { name: 'no filter value from a state', interaction: list([['b', injected('business_id')]]) },
    {
      name: 'a literal filter value',
      interaction: list([['channel_uid', { kind: 'literal', value: 'c1' }]]),
    },
    {
      name: 'no state of the listed entity',
      interaction: { ...list([['channel_uid', injected('channel_uid')]]), states: [] },
    },
  ])('leaves an interaction alone when it has $name', ({ interaction }) => {
    expect(asFilterContract(interaction, entities, provided)).toBe(interaction)
  })
})
