/** Interactions derived from prerequisites: which steps, given which states, merged how, named how. */
import { describe, expect, it } from 'vitest'
import { buildContracts } from './build'
import { derivedDescription, mergeDerived } from './dedup'
import { reliedOnPrerequisites } from './prerequisites'
import { inferStates } from './states'
import {
  CATALOG,
  contextFor,
  createChannel,
  createSession,
  getClient,
  httpSpec,
  type StepInput,
} from './test-support/specs'
import type { HttpInteraction } from './types'

const typing = (name = 'typing'): StepInput => ({
  id: name,
  method: 'POST',
  path: '/business/communication/sessions/typing',
  body: { session_uid: '{{session_uid}}', contact_uid: '{{contact_uid}}' },
  expect: { status: 200 },
})
const providerOf = (path: string) =>
  path.startsWith('/platform/v1') ? 'core-api' : 'communication-gw'
const values = { configured: { business_id: 'bz3p8ja7a1b2c3d4' }, injected: new Map() }

describe('reliedOnPrerequisites', () => {
  it.each([
    {
      name: 'every step whose extracts a later step uses, with the states before it',
      steps: [createChannel, getClient, createSession],
      request: typing(),
      relied: [
        ['create_channel', ['channel_uid'], []],
        // A lookup is given the state of what it looks up; another provider's states only
        // when the request needs their values.
        ['get_client', ['contact_uid'], ['client exists']],
        ['create_session', ['session_uid'], ['a channel exists', 'client exists']],
      ],
    },
    {
      name: 'not a step whose extracts nobody uses',
      steps: [createChannel, { ...getClient, extract: { unused: '$.data.clients[0].id' } }],
      request: { ...typing(), body: { channel: '{{channel_uid}}' } },
      relied: [['create_channel', ['channel_uid'], []]],
    },
    {
      name: "a step whose extract a multipart request's form_fields use",
      steps: [createChannel],
      request: {
        id: 'upload',
        method: 'POST',
        path: '/business/communication/attachments',
        content_type: 'multipart',
        form_fields: { channel_uid: '{{channel_uid}}' },
        file_fields: [{ field_name: 'file', file_path: 'a.png' }],
        expect: { status: 201 },
      },
      relied: [['create_channel', ['channel_uid'], []]],
    },
  ])('$name', ({ steps, request, relied }) => {
    const spec = httpSpec('s', steps, request)
    const catalog = { states: CATALOG.states.filter((s) => s.name !== 'channel is pending') }
    const inferred = inferStates(spec, catalog, values)
    const found = reliedOnPrerequisites(spec, inferred, providerOf)
    expect(found.map((r) => [r.step.id, r.used, r.states.map((s) => s.name)])).toEqual(relied)
  })
})

describe('prerequisite interactions across specs', () => {
  const specs = [
    httpSpec('typing_a', [createChannel, getClient, createSession], typing()),
    httpSpec('typing_b', [createChannel, getClient, createSession], typing()),
    httpSpec('list_channels', [createChannel], {
      id: 'main',
      method: 'GET',
      path: '/business/communication/channels/{{channel_uid}}',
      expect: { status: 200 },
    }),
  ]
  const build = buildContracts(specs, contextFor(specs))
  const descriptions = (provider: string) =>
    build.contracts.find((c) => c.provider === provider)?.interactions.map((i) => i.description)
  const derived = (provider: string, description: string) =>
    build.contracts
      .find((c) => c.provider === provider)
      ?.interactions.find((i) => i.description === description) as HttpInteraction

  it('makes one interaction per request shape and status, in the pact of its provider', () => {
    expect(build.failed).toEqual([])
    expect(descriptions('communication-gw')).toEqual([
      'POST /business/communication/channels → 200 or 201',
      'POST /business/communication/sessions → 201, given channel is pending, client exists',
      'list_channels',
      'typing_a',
      'typing_b',
    ])
    expect(descriptions('core-api')).toEqual([
      'GET /platform/v1/clients → 200, given client exists',
    ])
  })

  it('names every spec step relying on it, and what they use', () => {
    const session = derived(
      'communication-gw',
      'POST /business/communication/sessions → 201, given channel is pending, client exists',
    )
    expect(session.prerequisite).toEqual({
      reliedOnBy: [
        { specFile: 'typing_a.md', specName: 'typing_a', stepId: 'create_session', line: 36 },
        { specFile: 'typing_b.md', specName: 'typing_b', stepId: 'create_session', line: 36 },
      ],
      uses: ['session_uid'],
    })
    expect(session.origin.specName).toBe('typing_a')
  })

  it('puts every path the specs extract in the body', () => {
    const lookup = derived('core-api', 'GET /platform/v1/clients → 200, given client exists')
    expect(lookup.response.body).toEqual({
      kind: 'object',
      fields: [
        [
          'data',
          {
            kind: 'object',
            fields: [
              [
                'clients',
                {
                  kind: 'eachLike',
                  min: 1,
                  item: {
                    kind: 'object',
                    fields: [['id', { kind: 'type', example: expect.any(String) }]],
                  },
                },
              ],
            ],
          },
        ],
      ],
    })
  })

  it('makes none where a spec’s own request verifies the same shape and an accepted status', () => {
    const own = httpSpec('create_channel', [], {
      ...createChannel,
      id: 'main',
      expect: { status: 201 },
    })
    const all = [...specs, own]
    const b = buildContracts(all, contextFor(all))
    const gw = b.contracts.find((c) => c.provider === 'communication-gw')
    expect(gw?.interactions.map((i) => i.description)).not.toContain(
      'POST /business/communication/channels → 200 or 201',
    )
    expect(gw?.interactions.map((i) => i.description)).toContain('create_channel')
  })
})

describe('naming', () => {
  const base: HttpInteraction = {
    kind: 'http',
    description: 'x',
    states: [],
    request: {
      method: 'GET',
      path: { kind: 'literal', value: '/v2/coupons' },
      query: [],
      headers: [],
      body: undefined,
    },
    response: { status: { kind: 'exact', status: 200 }, headers: [], body: undefined },
    origin: { specFile: 'a.md', specName: 'a', stepId: 's', line: 1 },
    tokenType: undefined,
    prerequisite: { reliedOnBy: [], uses: [] },
  }
  it.each<{ name: string; interaction: HttpInteraction; description: string }>([
    { name: 'a literal path and status', interaction: base, description: 'GET /v2/coupons → 200' },
    {
      name: 'an injected path as its template, the states given',
      interaction: {
        ...base,
        states: [{ name: 'a coupon exists', params: {} }],
        request: {
          ...base.request,
          path: {
            kind: 'injected',
            expression: '/v2/coupons/${coupon_uid}',
            example: '/v2/coupons/x',
          },
        },
      },
      description: 'GET /v2/coupons/{coupon_uid} → 200, given a coupon exists',
    },
    {
      name: 'the accepted statuses',
      interaction: {
        ...base,
        response: {
          ...base.response,
          status: { kind: 'oneOf', statuses: [201, 200], example: 201 },
        },
      },
      description: 'GET /v2/coupons → 200 or 201',
    },
  ])('$name', ({ interaction, description }) => {
    expect(derivedDescription(interaction)).toBe(description)
  })

  it('numbers shapes that would share a name, in an order independent of the specs’', () => {
    const withBody = (keys: string[]): HttpInteraction => ({
      ...base,
      request: {
        ...base.request,
        body: { kind: 'object', fields: keys.map((k) => [k, { kind: 'literal', value: 1 }]) },
      },
    })
    const names = (order: string[][]) =>
      mergeDerived(
        [],
        order.map((keys) => ({ provider: 'p', interaction: withBody(keys) })),
      ).map((d) => [d.interaction.description, d.interaction.request.body])
    const forward = names([['a'], ['b']])
    expect(forward.map(([d]) => d)).toEqual([
      'GET /v2/coupons → 200 (variant 1)',
      'GET /v2/coupons → 200 (variant 2)',
    ])
    expect(names([['b'], ['a']]).sort()).toEqual([...forward].sort())
  })
})

describe('a query string written in the path', () => {
  it('becomes query parameters, beside the step’s params', () => {
    const spec = httpSpec('search', [], {
      id: 'main',
      method: 'GET',
      path: '/v2/coupons?status=active&business={{business_id}}',
      params: { per_page: '5' },
      expect: { status: 200 },
    })
    const build = buildContracts([spec], contextFor([spec]))
    const [contract] = build.contracts
    const request = (contract?.interactions[0] as HttpInteraction | undefined)?.request
    expect(request?.path).toEqual({ kind: 'literal', value: '/v2/coupons' })
    expect(request?.query).toEqual([
      ['status', { kind: 'literal', value: 'active' }],
      ['business', { kind: 'injected', expression: '${business_id}', example: 'bz3p8ja7a1b2c3d4' }],
      ['per_page', { kind: 'literal', value: '5' }],
    ])
  })
})
