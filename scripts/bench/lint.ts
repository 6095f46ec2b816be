/**
 * `lint` as the CLI runs it: every configured spec read and checked. Its own module, so the
 * lint measurement loads what `specpact lint` loads and not the Pact core.
 */
import { join } from 'node:path'
import { loadConfig } from '../../src/config'
import { discoverSpecs, readSpec } from '../../src/spec'
import type { LintSample } from './results'
import { since } from './stats'

/** One `specpact lint` of the configured specs of `cwd` (without printing). */
export async function lintOnce(cwd: string): Promise<LintSample> {
  const t0 = performance.now()
  const config = loadConfig({ cwd })
  const files = await discoverSpecs(
    config.specs.map((p) => join(config.root, p)),
    cwd,
  )
  const variables = Object.keys(config.variables)
  const results = await Promise.all(files.map((f) => readSpec(join(cwd, f), { variables })))
  const errors = results.flatMap((r) => r.diagnostics).filter((d) => d.severity === 'error').length
  return { totalMs: since(t0), specs: files.length, errors }
}
