/**
 * `specpact/vitest`: the global setup of a consumer-test run.
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['specpact/vitest'] } })
 * ```
 *
 * The module is the setup function itself (`module.exports = setup`): vitest loads an
 * installed package's CommonJS through Node, whose `default` is then that function.
 */
import setup from './setup'

export = setup
