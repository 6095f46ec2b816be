import { describe, expect, it } from 'vitest'
import type { PactJson } from './pacts'
import { selectInteractions } from './verify'

const pact = (provider: string, descriptions: Array<[string, string?]>): PactJson => ({
  consumer: { name: 'ui' },
  provider: { name: provider },
  interactions: descriptions.map(([description, type]) => ({
    description,
    ...(type ? { type } : {}),
  })),
})

const pacts = [
  pact('gw', [
    ['post_channels', 'Synchronous/HTTP'],
    ['put_channels_uid'],
    ['webhook_channel_activated', 'Asynchronous/Messages'],
  ]),
  pact('gw', [['webhook_session_status_changed', 'Asynchronous/Messages']]),
]

describe('selectInteractions', () => {
  it.each([
    { name: 'nothing asked: all', select: undefined, kept: 4 },
    { name: 'by description', select: { description: /channels/ }, kept: 2 },
    { name: 'by kind http', select: { kinds: ['http' as const] }, kept: 2 },
    { name: 'by kind message', select: { kinds: ['message' as const] }, kept: 2 },
    {
      name: 'both',
      select: { description: /channel/, kinds: ['message' as const] },
      kept: 1,
    },
  ])('$name', ({ select, kept }) => {
    const selected = selectInteractions(pacts, select)
    expect(selected.flatMap((p) => p.interactions)).toHaveLength(kept)
    // A pact left without interactions is dropped, not verified empty.
    expect(selected.every((p) => p.interactions.length > 0)).toBe(true)
  })
})
