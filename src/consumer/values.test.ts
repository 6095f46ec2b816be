import { describe, expect, it } from 'vitest'
import type { HttpInteraction, Matcher } from '../contract'
import { injectedValues, namesOfInjected } from './values'

const injected = (expression: string, example: string): Matcher => ({
  kind: 'injected',
  expression,
  example,
})

describe('namesOfInjected', () => {
  it.each([
    {
      name: 'one name in a path',
      matcher: injected('/channels/${channel_uid}', '/channels/ev0czlhbqtbx5ana'),
      values: { channel_uid: 'ev0czlhbqtbx5ana' },
    },
    {
      name: 'two names with text between',
      matcher: injected('/b/${business_id}/c/${channel_uid}', '/b/bz3/c/ch.1'),
      values: { business_id: 'bz3', channel_uid: 'ch.1' },
    },
    {
      name: 'regex characters in the text around the name',
      matcher: injected('(${id})+', '(x.y)+'),
      values: { id: 'x.y' },
    },
    {
      name: 'a whole value',
      matcher: injected('${session_uid}', 's1'),
      values: { session_uid: 's1' },
    },
    {
      name: 'an example that does not fit the expression',
      matcher: injected('/channels/${channel_uid}', '/sessions/x'),
      values: {},
    },
    {
      name: 'not an injected matcher',
      matcher: { kind: 'literal', value: 'x' } as Matcher,
      values: {},
    },
  ])('$name', ({ matcher, values }) => {
    expect(namesOfInjected(matcher)).toEqual(values)
  })
})

describe('injectedValues', () => {
  it('collects names from path, query, headers and nested bodies, sorted by name', () => {
    const interaction: HttpInteraction = {
      kind: 'http',
      description: 'd',
      states: [],
      tokenType: undefined,
      origin: { specFile: 'f', specName: 'd', stepId: 's', line: 1 },
      request: {
        method: 'POST',
        path: injected('/sessions/${session_uid}', '/sessions/s1'),
        query: [['filter[business_uid]', injected('${business_id}', 'bz1')]],
        headers: [],
        body: {
          kind: 'object',
          fields: [
            ['channel', { kind: 'array', items: [injected('${channel_uid}', 'c1')] }],
            ['note', { kind: 'literal', value: 'x' }],
          ],
        },
      },
      response: {
        status: { kind: 'exact', status: 200 },
        headers: [],
        body: { kind: 'eachLike', min: 1, item: injected('${contact_uid}', 'k1') },
      },
    }
    expect(injectedValues(interaction)).toEqual({
      business_id: 'bz1',
      channel_uid: 'c1',
      contact_uid: 'k1',
      session_uid: 's1',
    })
    expect(Object.keys(injectedValues(interaction))).toEqual([
      'business_id',
      'channel_uid',
      'contact_uid',
      'session_uid',
    ])
  })
})
