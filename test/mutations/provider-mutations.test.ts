/**
 * The provider mutation suite: deliberately wrong versions of the reference communication-gw
 * must fail verification of the project's pact, each for its own reason and only on the
 * interactions it breaks; harmless changes must keep it passing. See README.md here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InteractionResult } from '../../src/provider'
import { BREAKING } from './breaking'
import { HARMLESS } from './harmless'
import { type GeneratedPact, generatePact, verifyMutation } from './harness'

let pact: GeneratedPact

beforeAll(async () => {
  pact = await generatePact()
})
afterAll(async () => {
  await pact?.remove()
})

/** `it.each` rows titled by the full name: `$name` would cut it at 40 characters. */
const byName = <T extends { name: string }>(cases: readonly T[]) =>
  cases.map((c) => [c.name, c] as const)

const failed = (results: InteractionResult[]) =>
  results.flatMap((r) => (r.kind === 'failed' ? [r] : []))

/** The reasons of each failed interaction, by description: what a failing test prints. */
const reasonsOf = (results: InteractionResult[]) =>
  Object.fromEntries(failed(results).map((r) => [r.description, r.reasons]))

describe('the unmutated reference', () => {
  it('passes every interaction of the generated pact (the baseline the cases rely on)', async () => {
    const { result } = await verifyMutation(pact)
    expect(reasonsOf(result.results)).toEqual({})
    expect(result.results.map((r) => r.description).sort()).toEqual([...pact.descriptions].sort())
    expect(result.ok).toBe(true)
  })

  it('the cases name only interactions the pact has', () => {
    const known = new Set(pact.descriptions)
    const named = BREAKING.flatMap((c) => Object.keys(c.fails))
    expect(named.filter((d) => !known.has(d))).toEqual([])
  })
})

describe('breaking mutations fail verification, for the expected reason', () => {
  it.each(byName(BREAKING))('%s', async (_, { mutation, fails, only }) => {
    const { result } = await verifyMutation(pact, mutation)
    const reasons = reasonsOf(result.results)
    expect(result.ok).toBe(false)
    // Exactly these interactions fail; every other one still passes.
    expect(Object.keys(reasons).sort()).toEqual(Object.keys(fails).sort())
    expect(result.results.length).toBe(pact.descriptions.length)
    for (const [description, patterns] of Object.entries(fails)) {
      if (only) expect(reasons[description]).toHaveLength(patterns.length)
      for (const pattern of patterns) {
        expect(reasons[description], `${description} fails with ${pattern}`).toEqual(
          expect.arrayContaining([expect.stringMatching(pattern)]),
        )
      }
    }
  })
})

describe('harmless mutations keep verification passing', () => {
  it.each(byName(HARMLESS))('%s', async (_, { mutation, probe }) => {
    const { result, calls } = await verifyMutation(pact, mutation, probe)
    expect(reasonsOf(result.results)).toEqual({})
    expect(result.ok).toBe(true)
    // The mutated operations answered verified requests: the change was exercised.
    expect(Object.values(calls).some((n) => n > 0)).toBe(true)
  })
})
