import { describe, expect, it } from 'vitest'
import { closest } from './suggest'

const KEYS = ['id', 'description', 'method', 'path', 'params', 'extract', 'expect', 'onFail']

describe('closest', () => {
  it.each([
    { name: 'two letters swapped', word: 'onFial', match: 'onFail' },
    { name: 'a letter missing', word: 'extrac', match: 'extract' },
    { name: 'another case', word: 'METHOD', match: 'method' },
    { name: 'two edits in a long word', word: 'descriptoin_', match: 'description' },
    { name: 'a short word is not guessed at', word: 'ip', match: undefined },
    { name: 'a different word', word: 'retries', match: undefined },
    { name: 'a key that is right', word: 'path', match: undefined },
  ])('$name', ({ word, match }) => {
    expect(closest(word, KEYS)).toBe(match)
  })
})
