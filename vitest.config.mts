import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 4,
    testTimeout: 30_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    // A green run prints its summary only: the failing files and tests with their errors, not
    // a line per passing file and slow test. Output of passing tests still shows (silent off),
    // so anything that writes to the terminal is seen and fixed where it is written.
    reporters: [['minimal', { silent: false }]],
    // Consumer tests record what passed; the run's end writes whole pacts (src/consumer).
    // and the real Pact Broker tests share one migrated database per run (test/broker/real).
    globalSetup: ['src/consumer/setup.ts', 'test/broker/real/setup.ts'],
  },
})
