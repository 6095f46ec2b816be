/** The filter item check: what the pact's comments ask for, and which items fail it. */
import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../spec'
import { describeFailure } from './failure'
import { checkFilterItems, filterItemsOf } from './filter-items'

const CHECK = {
  list: ['data', 'sessions'],
  items: { channel_uid: '${channel_uid}', business_uid: '${business_id}' },
}
const VALUES: Record<string, JsonValue> = { channel_uid: 'ch-1', business_id: 'bz-1' }
const resolve = (expression: string) => VALUES[expression.slice(2, -1)]
const sessions = (...items: JsonValue[]) => ({ success: true, data: { sessions: items } })

describe('filterItemsOf', () => {
  it.each([
    {
      name: 'the check a filter contract carries',
      comments: { text: [], specpact: { filter: { list: '$.data.sessions', items: CHECK.items } } },
      check: CHECK,
    },
    { name: 'none without one', comments: { text: ['From x.md'] }, check: undefined },
    {
      name: 'none for a malformed one (a list path that is not keys from the root)',
      comments: { specpact: { filter: { list: 'data.sessions[0]', items: {} } } },
      check: undefined,
    },
  ])('$name', ({ comments, check }) => {
    expect(filterItemsOf({ description: 'x', comments })).toEqual(check)
  })
})

describe('checkFilterItems', () => {
  it.each([
    {
      name: 'items with the filter values',
      body: sessions({ uid: 'a', channel_uid: 'ch-1', business_uid: 'bz-1' }),
      failures: [],
    },
    { name: 'an empty list', body: sessions(), failures: [] },
    {
      name: 'items without the filter fields (not checked)',
      body: sessions({ uid: 'a' }),
      failures: [],
    },
    { name: 'no list at that path', body: { success: true, data: {} }, failures: [] },
    { name: 'a body that is not JSON', body: undefined, failures: [] },
    {
      name: "another channel's item",
      body: sessions(
        { uid: 'a', channel_uid: 'ch-1', business_uid: 'bz-1' },
        { uid: 'b', channel_uid: 'ch-2', business_uid: 'bz-1' },
      ),
      failures: [
        "$.data.sessions[1].channel_uid: Expected 'ch-1' (the request's filter by channel_uid) but received 'ch-2': the list holds an item its filter excludes (uid 'b')",
      ],
    },
    {
      name: "another business's item fails on each field",
      body: sessions({ uid: 'c', channel_uid: 'ch-9', business_uid: 'bz-9' }),
      failures: [
        "$.data.sessions[0].channel_uid: Expected 'ch-1' (the request's filter by channel_uid) but received 'ch-9': the list holds an item its filter excludes (uid 'c')",
        "$.data.sessions[0].business_uid: Expected 'bz-1' (the request's filter by business_uid) but received 'bz-9': the list holds an item its filter excludes (uid 'c')",
      ],
    },
  ])('$name', ({ body, failures }) => {
    expect(checkFilterItems(CHECK, body, resolve).map(describeFailure)).toEqual(failures)
  })

  it('does not check a field whose value no state provided', () => {
    const body = sessions({ uid: 'a', channel_uid: 'ch-2', business_uid: 'bz-1' })
    expect(
      checkFilterItems(CHECK, body, (e) => (e === '${business_id}' ? 'bz-1' : undefined)),
    ).toEqual([])
  })
})
