import { describe, expect, it } from 'vitest'
import { leftInStates } from './translate'
import type { ProviderState } from './types'

const state = (params: ProviderState['params']): ProviderState => ({
  name: 'a matter exists',
  params,
})

describe('leftInStates', () => {
  it.each<{ name: string; params: ProviderState['params']; found: string | undefined }>([
    { name: 'plain params', params: { uid: '${matter_uid}', n: 3 }, found: undefined },
    {
      name: 'a template in a param',
      params: { field: '{{matter_name_field_uid}}' },
      found: '{{matter_name_field_uid}} (in the params of the state "a matter exists")',
    },
    {
      name: 'a template deep in a list',
      params: { fields: [{ value: 'x' }, { value: 'a {{b}} c' }] },
      found: '{{b}} (in the params of the state "a matter exists")',
    },
    {
      name: 'an unclosed template',
      params: { v: 'half {{' },
      found: '{{ (in the params of the state "a matter exists")',
    },
    { name: 'null and booleans', params: { a: null, b: true }, found: undefined },
  ])('$name', ({ params, found }) => {
    expect(leftInStates([state(params)])).toBe(found)
  })
})
