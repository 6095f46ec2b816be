import { loadConfig } from '../config'
import { formatHuman, formatJson, summarize } from '../report/diagnostics'
import { discoverSpecs, readSpec } from '../spec'
import type { GlobalOptions } from './main'
import { configuredSpecPaths } from './paths'

export interface LintOptions extends GlobalOptions {
  format: 'human' | 'json'
}

export async function runLint(paths: string[], options: LintOptions): Promise<number> {
  const config = loadConfig({ file: options.config })
  const files = await discoverSpecs(paths.length > 0 ? paths : configuredSpecPaths(config))
  const variables = Object.keys(config.variables)
  const results = await Promise.all(
    files.map(async (file) => ({
      file,
      diagnostics: (await readSpec(file, { variables })).diagnostics,
    })),
  )
  const text = options.format === 'json' ? formatJson(results) : formatHuman(results)
  process.stdout.write(`${text}\n`)
  return summarize(results).errors > 0 ? 1 : 0
}
