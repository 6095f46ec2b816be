import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    env: { PACT_DO_NOT_TRACK: 'true' },
    // Records each passing consumer test; writes the pacts when the run ends.
    globalSetup: ['specpact/vitest'],
  },
})
