import { describe, expect, it } from 'vitest'
import { memoize, memoize2 } from './memo'

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

describe('memoize2', () => {
  it('computes each pair once, an undefined answer included, and tells pairs apart', () => {
    const calls: string[] = []
    const sized = memoize2((a: string, b: string) => {
      calls.push(`${a}|${b}`)
      return a === b ? undefined : a.length + b.length
    })
    const answers = [
      sized('a', 'bc'),
      sized('ab', 'c'),
      sized('a', 'a'),
      sized('a', 'bc'),
      sized('a', 'a'),
    ]
    expect(answers).toEqual([3, 3, undefined, 3, undefined])
    expect(calls).toEqual(['a|bc', 'ab|c', 'a|a'])
  })

  it('holds at most `max` answers per first argument, and `max` first arguments', () => {
    const calls: string[] = []
    const join = memoize2((a: number, b: number) => {
      calls.push(`${a}${b}`)
      return a * 10 + b
    }, 2)
    for (const [a, b] of [
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 1],
      [2, 1],
      [3, 1],
      [1, 3],
    ] as const)
      join(a, b)
    // 1's memory fills with 11, 12; 13 empties it; 11 again. 2 and 3: 3 empties the first
    // arguments' memory, so 13 is computed again.
    expect(calls).toEqual(['11', '12', '13', '11', '21', '31', '13'])
  })
})
