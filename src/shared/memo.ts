/**
 * A function's answers remembered by argument, for pure functions called again and again with
 * the same few arguments (JSONPath and path-template parsing). Bounded: when `max` answers are
 * held the memory is emptied and starts over, so a long-running process fed ever new arguments
 * does not grow without end, at no cost per call for ordering (an LRU's bookkeeping costs more
 * than the re-parse it would save for these inputs). An `undefined` answer is remembered too.
 */
export function memoize<K, V>(compute: (key: K) => V, max = 10_000): (key: K) => V {
  // Boxed, so that a remembered `undefined` is told apart from a key not seen.
  const answers = new Map<K, { answer: V }>()
  return (key) => {
    const known = answers.get(key)
    if (known) return known.answer
    if (answers.size >= max) answers.clear()
    const answer = compute(key)
    answers.set(key, { answer })
    return answer
  }
}

/**
 * `memoize` for two arguments, without building a combined key on every call: the first
 * argument picks a memory, bounded as `memoize`'s. For a first argument of few values (a
 * path template) and a second of many (a spec's path).
 */
export function memoize2<A, B, V>(compute: (a: A, b: B) => V, max = 10_000): (a: A, b: B) => V {
  const byFirst = new Map<A, Map<B, { answer: V }>>()
  return (a, b) => {
    let answers = byFirst.get(a)
    if (!answers) {
      if (byFirst.size >= max) byFirst.clear()
      answers = new Map()
      byFirst.set(a, answers)
    }
    const known = answers.get(b)
    if (known) return known.answer
    if (answers.size >= max) answers.clear()
    const answer = compute(a, b)
    answers.set(b, { answer })
    return answer
  }
}
