import { describe, expect, it } from 'vitest'
import { memoize } from './memo'

describe('memoize', () => {
  it('computes each argument once, an undefined answer included', () => {
    const calls: string[] = []
    const lookup = memoize((key: string) => {
      calls.push(key)
      return key === 'none' ? undefined : key.length
    })
    expect([lookup('abc'), lookup('none'), lookup('abc'), lookup('none')]).toEqual([
      3,
      undefined,
      3,
      undefined,
    ])
    expect(calls).toEqual(['abc', 'none'])
  })

  it('holds at most `max` answers, starting over when full', () => {
    const calls: number[] = []
    const square = memoize((n: number) => {
      calls.push(n)
      return n * n
    }, 2)
    for (const n of [1, 2, 1, 3, 3, 1]) square(n)
    // 1 and 2 fill it (1 is remembered); 3 empties it and is remembered; 1 is computed again.
    expect(calls).toEqual([1, 2, 3, 1])
  })
})
