/**
 * Where the official `pact` binary is: asked of @pact-foundation/pact-cli itself, with the same
 * function its `bin/pact.js` (what `npx pact` runs) uses, so both always agree. PATH is never
 * consulted: a different `pact` on PATH would silently change behaviour.
 */
import { existsSync } from 'node:fs'

/** The module @pact-foundation/pact-cli's bin scripts use; it ships no type declarations. */
const STANDALONE_MODULE = '@pact-foundation/pact-cli/src/pact-standalone'

let cached: string | undefined

/** The `pact` binary's path, or why it cannot be found (thrown as a plain Error). */
export function findPactCli(): string {
  if (cached !== undefined) return cached
  let loaded: unknown
  try {
    loaded = require(STANDALONE_MODULE)
  } catch (error) {
    throw new Error(`cannot load ${STANDALONE_MODULE}`, { cause: error })
  }
  const found = fullPath(loaded)
  if (typeof found !== 'string') throw new Error(found.problem)
  const path = found
  if (!existsSync(path)) throw new Error(`${path} does not exist`)
  cached = path
  return path
}

/** `require(STANDALONE_MODULE).standalone().pactFullPath`, checked step by step. */
function fullPath(mod: unknown): string | { problem: string } {
  const unexpected = { problem: `${STANDALONE_MODULE} has no standalone().pactFullPath` }
  if (typeof mod !== 'object' || mod === null || !('standalone' in mod)) return unexpected
  const { standalone } = mod
  if (typeof standalone !== 'function') return unexpected
  let paths: unknown
  try {
    // Throws when the platform package (@pact-foundation/pact-cli-<os>-<arch>) is missing.
    paths = standalone()
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) }
  }
  if (typeof paths !== 'object' || paths === null || !('pactFullPath' in paths)) return unexpected
  return typeof paths.pactFullPath === 'string' ? paths.pactFullPath : unexpected
}
