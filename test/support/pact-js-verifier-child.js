// The child of test/support/pact-js-verifier.ts: one `new Verifier(options).verifyProvider()`.
const { Verifier } = require('@pact-foundation/pact')

const { states = {}, ...options } = JSON.parse(process.env.SPECPACT_TEST_VERIFIER_OPTIONS)
const stateHandlers = Object.fromEntries(
  Object.entries(states).map(([name, result]) => [name, async () => result]),
)
new Verifier({ ...options, stateHandlers }).verifyProvider().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`verifyProvider() rejected: ${error?.message ?? error}\n`)
    process.exit(1)
  },
)
