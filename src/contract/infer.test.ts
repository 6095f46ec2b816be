import { describe, expect, it } from 'vitest'
import type { Step } from '../spec'
import { entityOf, existsName, inferGeneric, singular } from './infer'
import { inferStates } from './states'
import { CATALOG, httpSpec, type StepInput } from './test-support/specs'

const step = (method: string, path: string, extract?: Record<string, string>): Step =>
  ({ id: 's', method, path, expect: { status: 200 }, ...(extract ? { extract } : {}) }) as Step

describe('naming an entity', () => {
  it.each([
    ['sessions', 'session'],
    ['entries', 'entry'],
    ['addresses', 'address'],
    ['status', 'status'],
    ['staffs', 'staff'],
    ['coupon', 'coupon'],
  ])('singular(%j) = %j', (word, one) => {
    expect(singular(word)).toBe(one)
  })

  it.each([
    ['coupon', 'a coupon exists'],
    ['event instance', 'an event instance exists'],
    ['notification template', 'a notification template exists'],
  ])('existsName(%j) = %j', (words, name) => {
    expect(existsName(words)).toBe(name)
  })

  it.each([
    {
      name: 'the key holding the extracted fields',
      step: step('POST', '/v2/coupons', { coupon_uid: '$.data.coupon.uid' }),
      entity: { words: 'coupon', path: '$.data.coupon', action: undefined },
    },
    {
      name: 'a list item, singular',
      step: step('GET', '/v3/communication/notification_templates', {
        template_uid: '$.data.notification_templates[0].uid',
      }),
      entity: {
        words: 'notification template',
        path: '$.data.notification_templates[0]',
        action: undefined,
      },
    },
    {
      name: 'the path when the response only says data',
      step: step('POST', '/platform/v1/scheduling/calendar_syncs', { sync_id: '$.data.id' }),
      entity: { words: 'calendar sync', path: '$.data', action: undefined },
    },
    {
      name: 'the path, without its version, when nothing is extracted',
      step: step('POST', '/business/payments/v1/deposits'),
      entity: { words: 'deposit', path: '$', action: undefined },
    },
    {
      name: 'the common object of several extracts',
      step: step('POST', '/v2/coupons', {
        uid: '$.data.coupon.uid',
        code: '$.data.coupon.code',
      }),
      entity: { words: 'coupon', path: '$.data.coupon', action: undefined },
    },
    {
      name: 'the resource before a verb at the end of the path',
      step: step('PUT', '/business/clients/v1/matters/{{matter_uid}}/reassign'),
      entity: { words: 'matter', path: '$', action: 'reassign' },
    },
  ])('entityOf: $name', ({ step, entity }) => {
    expect(entityOf(step)).toEqual(entity)
  })
})

describe('inferGeneric', () => {
  const coupon = [{ provides: new Set(['coupon_uid']), generic: true }]
  it.each([
    {
      name: 'a create is a state of its own',
      step: step('POST', '/v2/coupons', { coupon_uid: '$.data.coupon.uid' }),
      earlier: [],
      expected: {
        kind: 'new',
        name: 'a coupon exists',
        words: 'coupon',
        entity: '$.data.coupon',
        action: undefined,
      },
    },
    {
      name: 'a lookup is a state of its own',
      step: step('GET', '/platform/v1/services', { service_id: '$.data.services[0].id' }),
      earlier: [],
      expected: {
        kind: 'new',
        name: 'a service exists',
        words: 'service',
        entity: '$.data.services[0]',
        action: undefined,
      },
    },
    {
      name: 'an update of an earlier state’s entity joins it',
      step: step('PUT', '/v2/coupons/{{coupon_uid}}'),
      earlier: coupon,
      expected: { kind: 'merge', into: 0, action: undefined },
    },
    {
      name: 'an action on it joins it and names it',
      step: step('POST', '/v2/coupons/{{coupon_uid}}/expire'),
      earlier: coupon,
      expected: { kind: 'merge', into: 0, action: 'expire' },
    },
    {
      name: 'a read of it joins it',
      step: step('GET', '/v2/coupons/{{coupon_uid}}', { code: '$.data.coupon.code' }),
      earlier: coupon,
      expected: { kind: 'merge', into: 0, action: undefined },
    },
    {
      name: 'a create below it is an entity of its own',
      step: step('POST', '/v2/coupons/{{coupon_uid}}/redemptions'),
      earlier: coupon,
      expected: {
        kind: 'new',
        name: 'a redemption exists',
        words: 'redemption',
        entity: '$',
        action: undefined,
      },
    },
    {
      name: 'a list below it is an entity of its own',
      step: step('GET', '/contacts/{{coupon_uid}}/matters', { m: '$.data.matters[0].uid' }),
      earlier: coupon,
      expected: {
        kind: 'new',
        name: 'a matter exists',
        words: 'matter',
        entity: '$.data.matters[0]',
        action: undefined,
      },
    },
    {
      name: 'an update needing a later state’s value stands alone',
      step: { ...step('PUT', '/v2/coupons/{{coupon_uid}}'), body: { field: '{{field_uid}}' } },
      earlier: [...coupon, { provides: new Set(['field_uid']), generic: true }],
      expected: {
        kind: 'new',
        name: 'a coupon exists',
        words: 'coupon',
        entity: '$',
        action: undefined,
      },
    },
    {
      name: 'an action on a catalog state joins it without renaming it',
      step: step('PUT', '/v2/coupons/{{coupon_uid}}/archive'),
      earlier: [{ provides: new Set(['coupon_uid']), generic: false }],
      expected: { kind: 'merge', into: 0, action: undefined },
    },
    {
      name: 'a delete cannot be a state',
      step: step('DELETE', '/v2/coupons/{{coupon_uid}}'),
      earlier: coupon,
      expected: {
        kind: 'unknown',
        reason: 'a DELETE prerequisite neither creates nor looks up an entity',
      },
    },
  ])('$name', ({ step, earlier, expected }) => {
    expect(inferGeneric(step, earlier)).toEqual(expected)
  })
})

describe('inferStates without a catalog entry', () => {
  const create: StepInput = {
    id: 'create_coupon',
    method: 'POST',
    path: '/v2/coupons',
    body: { business_id: '{{business_id}}', code: 'SAVE10' },
    extract: { coupon_uid: '$.data.coupon.uid' },
    expect: { status: 201 },
  }
  const byUid: StepInput = {
    id: 'main',
    method: 'GET',
    path: '/v2/coupons/{{coupon_uid}}',
    expect: { status: 200 },
  }
  it.each<{ name: string; steps: StepInput[]; request?: StepInput; states: unknown[] }>([
    {
      name: 'a create: its inputs as params, the values later steps use as provides',
      steps: [create],
      states: [
        {
          name: 'a coupon exists',
          params: {
            business_id: 'bz3p8ja7a1b2c3d4',
            code: 'SAVE10',
            provides: { coupon_uid: 'uid' },
          },
        },
      ],
    },
    {
      name: 'a create and an action on it: one state, named by the action',
      steps: [
        create,
        {
          id: 'expire',
          method: 'POST',
          path: '/v2/coupons/{{coupon_uid}}/expire',
          body: { reason: 'test' },
          expect: { status: 200 },
        },
      ],
      states: [
        {
          name: 'a coupon exists (expire)',
          params: {
            business_id: 'bz3p8ja7a1b2c3d4',
            code: 'SAVE10',
            reason: 'test',
            provides: { coupon_uid: 'uid' },
          },
        },
      ],
    },
    {
      name: 'a catalog state keeps its name, and a created client takes the catalog’s',
      steps: [
        {
          id: 'create_client',
          method: 'POST',
          path: '/platform/v1/clients',
          body: { first_name: 'Dana' },
          extract: { client_id: '$.data.client.id' },
          expect: { status: 201 },
        },
        {
          id: 'create_channel',
          method: 'POST',
          path: '/business/communication/channels',
          body: { type: 'transactional' },
          extract: { channel_uid: '$.data.channel.uid' },
          expect: { status: 201 },
        },
      ],
      request: {
        id: 'main',
        method: 'GET',
        path: '/v2/coupons',
        params: { client: '{{client_id}}', channel: '{{channel_uid}}' },
        expect: { status: 200 },
      },
      states: [
        { name: 'client exists', params: { first_name: 'Dana', provides: { client_id: 'id' } } },
        {
          name: 'channel is pending',
          params: { type: 'transactional', provides: { channel_uid: 'uid' } },
        },
      ],
    },
  ])('$name', ({ steps, request, states }) => {
    const spec = httpSpec('coupon_spec', steps, request ?? byUid)
    const inferred = inferStates(spec, CATALOG, {
      configured: { business_id: 'bz3p8ja7a1b2c3d4' },
      injected: new Map(),
    })
    expect(inferred.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(inferred.states).toEqual(states)
  })

  it('names the step it cannot understand', () => {
    const spec = httpSpec('cleanup', [
      { id: 'wipe', method: 'DELETE', path: '/v2/coupons', expect: { status: 200 } },
    ])
    const inferred = inferStates(spec, CATALOG, { configured: {}, injected: new Map() })
    expect(inferred.diagnostics.map((d) => [d.code, d.path, d.message])).toMatchInlineSnapshot(`
      [
        [
          "uncovered-prerequisite",
          "prerequisites[0]",
          "step "wipe" (DELETE /v2/coupons) cannot be a provider state: a DELETE prerequisite neither creates nor looks up an entity; add an infer rule to the state catalog (states.yaml) or move the step",
        ],
      ]
    `)
  })
})
