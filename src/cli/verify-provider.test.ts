import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UsageError } from '../shared'
import { defaultProvider } from './verify'

let dir: string
const pactOf = async (provider: string) => {
  const file = join(dir, `ui-${provider}.json`)
  const pact = { consumer: { name: 'ui' }, provider: { name: provider }, interactions: [] }
  await writeFile(file, JSON.stringify(pact))
  return file
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-verify-provider-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('the provider verify takes when --provider is not given', () => {
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
  ])('$name', async ({ providers, want }) => {
    const files = await Promise.all(providers.map(pactOf))
    expect(await defaultProvider(files, false)).toBe(want)
  })

  it('with --broker, communication-gw: the pacts are fetched later', async () => {
    expect(await defaultProvider([await pactOf('clients-api')], true)).toBe('communication-gw')
  })

  it('among several others, a usage error that lists them', async () => {
    const files = await Promise.all(['scheduling-api', 'clients-api'].map(pactOf))
    const refused = defaultProvider(files, false)
    await expect(refused).rejects.toBeInstanceOf(UsageError)
    await expect(refused).rejects.toThrow(
      'these pacts name 2 providers (clients-api, scheduling-api): say which to verify with --provider',
    )
  })
})
