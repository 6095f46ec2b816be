import { describe, expect, it } from 'vitest'
import { UsageError } from '../shared'
import { type PactJson, providerOfPacts } from './pacts'

const pactOf = (provider: string): PactJson => ({
  consumer: { name: 'ui' },
  provider: { name: provider },
  interactions: [],
})

describe('the provider to verify when none is named', () => {
  it.each([
    {
      name: 'the one the pacts name',
      providers: ['clients-api', 'clients-api'],
      want: 'clients-api',
    },
    {
      name: 'the embedded reference among several',
      providers: ['core-api', 'communication-gw'],
      want: 'communication-gw',
    },
    {
      name: 'the embedded reference when there is no pact',
      providers: [],
      want: 'communication-gw',
    },
  ])('$name', ({ providers, want }) => {
    expect(providerOfPacts(providers.map(pactOf))).toBe(want)
  })

  it('among several others, a usage error that lists them', () => {
    const refused = () => providerOfPacts(['scheduling-api', 'clients-api'].map(pactOf))
    expect(refused).toThrow(UsageError)
    expect(refused).toThrow(
      'these pacts name 2 providers (clients-api, scheduling-api): say which to verify with --provider',
    )
  })
})
