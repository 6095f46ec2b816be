/**
 * Where a project's configuration is: the first `specpact.config.yaml` (or
 * `specs/specpact.config.yaml`) in a directory or any directory above it, as git finds its
 * repository. And, when there is none, a one-line notice of the defaults used instead: they
 * describe vCita's communication-gw and name no OpenAPI description, so response bodies come
 * only from the specs' `## Expected Response`.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export const CONFIG_CANDIDATES = ['specpact.config.yaml', 'specs/specpact.config.yaml'] as const

/** The configuration file for a project at `from` (a directory), or undefined. */
export function findConfigFile(from: string): string | undefined {
  let dir = resolve(from)
  for (;;) {
    for (const candidate of CONFIG_CANDIDATES) {
      const file = join(dir, candidate)
      if (existsSync(file)) return file
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** What running without a configuration means, in one line. */
export function defaultsNotice(root: string): string {
  return `specpact: no ${CONFIG_CANDIDATES[0]} in ${root} or above it; using the built-in defaults (consumer communication-ui, specs ./specs, pacts ./pacts, providers communication-gw and core-api, no OpenAPI descriptions: response bodies only from "## Expected Response"). Create ${CONFIG_CANDIDATES[0]} or pass --config.`
}

const told = new Set<string>()

/** Writes the notice to stderr, once per process and root. `SPECPACT_QUIET_DEFAULTS=1` silences it. */
export function tellDefaults(root: string): void {
  if (told.has(root) || process.env.SPECPACT_QUIET_DEFAULTS === '1') return
  told.add(root)
  process.stderr.write(`${defaultsNotice(root)}\n`)
}
