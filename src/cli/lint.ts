import { loadConfig } from '../config'
import { compile, loadProject } from '../project'
import { formatHuman, formatJson, summarize } from '../report/diagnostics'
import { groupByFile } from '../report/group'
import type { GlobalOptions } from './main'
import { configuredSpecPaths } from './paths'

export interface LintOptions extends GlobalOptions {
  format: 'human' | 'json'
}

/**
 * Reads the specs and translates them as `generate` would, reporting both: a spec that
 * lints clean translates, and one that `generate` refuses is an error here too.
 */
export async function runLint(paths: string[], options: LintOptions): Promise<number> {
  const config = loadConfig({ file: options.config })
  const project = await loadProject({
    config: options.config,
    paths: paths.length > 0 ? paths : configuredSpecPaths(config),
  })
  const build = compile(project)
  const results = groupByFile(project.files, build.diagnostics)
  const text = options.format === 'json' ? formatJson(results) : formatHuman(results)
  process.stdout.write(`${text}\n`)
  return summarize(results).errors > 0 ? 1 : 0
}
