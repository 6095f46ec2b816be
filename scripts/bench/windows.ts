/**
 * Sampling a long consumer-test suite: a hand-written pact-js suite slows down test by test
 * (each executeTest merges into the growing pact file), so a 1,000-test run takes minutes.
 * Three windows of tests, at the start, middle and end of the suite, estimate the mean per
 * test by Simpson's rule, which is exact for costs growing linearly or quadratically.
 */

export interface Window {
  /** Index of the window's first test in the suite. */
  start: number
  end: number
}

/** The windows sampling a suite of `n` tests, `size` tests each; the whole suite when `size` is 0 or too large. */
export function windowsOf(n: number, size: number): Window[] {
  if (size <= 0 || 3 * size >= n) return [{ start: 0, end: n }]
  const middle = Math.floor((n - size) / 2)
  return [
    { start: 0, end: size },
    { start: middle, end: middle + size },
    { start: n - size, end: n },
  ]
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** The estimated mean per test of the whole suite, from each window's test times. */
export function suiteMean(windowTimes: readonly (readonly number[])[]): number {
  if (windowTimes.length === 1) return mean(windowTimes[0] as number[])
  const [start, middle, end] = windowTimes.map(mean) as [number, number, number]
  return (start + 4 * middle + end) / 6
}
