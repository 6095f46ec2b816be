import { describe, expect, it } from 'vitest'
import type { PactJson } from './pacts'
import { chunkPacts } from './verify'

const pact = (consumer: string, n: number): PactJson => ({
  consumer: { name: consumer },
  provider: { name: 'gw' },
  interactions: Array.from({ length: n }, (_, i) => ({ description: `${consumer}-${i}` })),
})

describe('chunkPacts', () => {
  it('splits each pact into pieces of at most the size, keeping order and each pact’s parties', () => {
    const pieces = chunkPacts([pact('ui', 5), pact('app', 2)], 2)
    expect(pieces.map((p) => [p.consumer.name, p.interactions.map((i) => i.description)])).toEqual([
      ['ui', ['ui-0', 'ui-1']],
      ['ui', ['ui-2', 'ui-3']],
      ['ui', ['ui-4']],
      ['app', ['app-0', 'app-1']],
    ])
  })

  it('keeps a pact that fits whole', () => {
    const whole = pact('ui', 3)
    expect(chunkPacts([whole], 100)).toEqual([whole])
  })
})
