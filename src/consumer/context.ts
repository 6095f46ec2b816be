/**
 * What the global setup (`specpact/vitest`) hands the test workers: the run's record
 * directory and vitest's root, the consumer's project.
 */

/** The vitest `provide` key under which the global setup shares the run's record directory. */
export const RUN_DIR_KEY = 'specpactConsumerRun'
/** The same, for runs without the global setup (e.g. another test runner). */
export const RUN_DIR_ENV = 'SPECPACT_CONSUMER_RUN'
/** The `provide` key of vitest's root: the consumer's project, where its config is found. */
export const ROOT_KEY = 'specpactRoot'
/** The same, through the environment the test workers inherit from the setup. */
export const ROOT_ENV = 'SPECPACT_CONSUMER_ROOT'

declare module 'vitest' {
  export interface ProvidedContext {
    [RUN_DIR_KEY]: string
    [ROOT_KEY]: string
  }
}

/**
 * What the global setup provided under `key` through vitest's `inject`, or undefined outside
 * vitest (or without the setup). vitest is loaded only here, so that the module also loads
 * outside vitest. It works where vitest transforms this file (the sources); compiled to
 * CommonJS the import is a `require`, which vitest refuses, so an installed specpact reads
 * the environment the setup also sets (`RUN_DIR_ENV`, `ROOT_ENV`).
 */
export async function provided(
  key: typeof RUN_DIR_KEY | typeof ROOT_KEY,
): Promise<string | undefined> {
  try {
    const { inject } = await import('vitest')
    return inject(key)
  } catch {
    return undefined
  }
}
