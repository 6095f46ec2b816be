/** vitest for the consumer-test benchmark only: one worker, no global setup, no timeout. */
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  root: join(__dirname, '..', '..'),
  test: {
    include: ['scripts/bench/consumer.harness.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 0,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
})
