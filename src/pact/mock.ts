/**
 * Running code against the Pact mock server. The one place that knows about the mock
 * server's race.
 */
import type { V3MockServer } from '@pact-foundation/pact'
import { type ConsumerPact, makeConsumerPact } from '@pact-foundation/pact-core'
import type { ReadyInteraction } from './dsl'

/**
 * The pact mock server (pact_ffi 0.5.4) can answer a request before it records the match;
 * executeTest, checking right after the test function returns, then reports the request as
 * "expected but not received" although the right mock answered it. Seen about once in 200
 * interactions with three processes busy; never in 2,700 with a 25 ms pause. Instead of
 * always pausing, specpact asks the mock server whether everything matched and waits only
 * while it does not, for at most this long: a passing test pays microseconds, a failing one
 * (which never matches) the whole wait.
 */
export const MOCK_SERVER_SETTLE_MS = 25

/** pact-core's `FfiSpecificationVersion.SPECIFICATION_VERSION_V4` (not exported by name). */
const SPECIFICATION_VERSION_V4 = 5

/** Any handle asks the core about any mock server: the question is keyed by port. */
let core: ConsumerPact | undefined
const coreHandle = () => {
  core ??= makeConsumerPact('specpact', 'specpact', SPECIFICATION_VERSION_V4, 'error')
  return core
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

async function settle(port: number): Promise<void> {
  const deadline = Date.now() + MOCK_SERVER_SETTLE_MS
  while (!coreHandle().mockServerMatchedSuccessfully(port) && Date.now() < deadline) await tick()
}

/**
 * `ready.executeTest(test)`, waiting for the mock server to record what it answered before
 * pact-js checks it.
 *
 * When the mock server saw a request other than the one expected, the rejection is pact-js's
 * mismatch report ("Test failed for the following reasons: … Expected a Map with keys
 * [contact_uid, session_uid] but received one with keys [contact_id, session_uid]"), with
 * the test's own error (usually the client's reaction to the mock's 500) after it and as
 * `cause`. pact-js alone would throw only the test's error and log the report.
 */
export async function executeOnMockServer<T>(
  ready: ReadyInteraction,
  test: (server: V3MockServer) => Promise<T>,
): Promise<T> {
  let failure: { error: unknown } | undefined
  // Boxed: a test may resolve to undefined, which must not read as "did not run".
  let result: { value: T } | undefined
  try {
    await ready.executeTest(async (server) => {
      try {
        result = { value: await test(server) }
      } catch (error) {
        // Kept for later: thrown here, pact-js would hide its mismatch report behind it.
        failure = { error }
      } finally {
        // Also after a failing test body: the mismatch report should list what was received.
        await settle(server.port)
      }
    })
  } catch (mismatch) {
    if (!failure) throw mismatch
    const report = mismatch instanceof Error ? mismatch.message : String(mismatch)
    const own = failure.error instanceof Error ? failure.error.message : String(failure.error)
    throw new Error(`${report}\n\nThe test itself failed with: ${own}`, { cause: failure.error })
  }
  if (failure) throw failure.error
  if (!result) throw new Error('pact-js did not run the consumer test')
  return result.value
}
