/**
 * A request budget shared by every spec of a live run: at most `perSecond` requests start
 * in any second, spaced evenly (vCita's runner calls it `requestsPerSecond`). Shared
 * environments throttle whole accounts, so parallel specs draw from one budget.
 */
import type { RequestLimiter } from './retry'

export function createLimiter(
  perSecond: number,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): RequestLimiter {
  if (!(perSecond > 0))
    throw new RangeError(`requests per second must be more than 0, got ${perSecond}`)
  const interval = 1000 / perSecond
  let next = 0
  return {
    async acquire() {
      const now = clock.now()
      const slot = Math.max(now, next)
      next = slot + interval
      if (slot > now) await clock.sleep(slot - now)
    },
  }
}
