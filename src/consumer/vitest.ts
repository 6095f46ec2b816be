/**
 * `specpact/vitest`: the global setup of a consumer-test run.
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['specpact/vitest'] } })
 * ```
 *
 * Exported by name (`setup`), not as a default: vitest loads an installed package's CommonJS
 * through Node, where a `default` export would be the whole module object.
 */
export { default as setup } from './setup'
