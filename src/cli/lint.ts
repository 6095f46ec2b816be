import { resolve } from 'node:path'
import { loadConfig } from '../config'
import { compile, loadProject } from '../project'
import { formatHuman, formatJson, type ReportedDiagnostic, summarize } from '../report/diagnostics'
import { groupByFile } from '../report/group'
import type { GlobalOptions } from './main'
import { configuredSpecPaths } from './paths'

export interface LintOptions extends GlobalOptions {
  format: 'human' | 'json'
  /** Also check every interaction against its provider's OpenAPI (PactFlow's comparator). */
  drift?: boolean
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
  if (options.drift) await addDrift(results, paths, options.config)
  const text = options.format === 'json' ? formatJson(results) : formatHuman(results)
  process.stdout.write(`${text}\n`)
  return summarize(results).errors > 0 ? 1 : 0
}

/**
 * Drift needs the whole project translated (an interaction's response carries what every
 * spec extracts from its endpoint) and costs the comparator's schema compilation, so it is
 * asked for with --drift rather than paid by every lint.
 */
async function addDrift(
  results: Array<{ file: string; diagnostics: ReportedDiagnostic[] }>,
  paths: string[],
  config: string | undefined,
): Promise<void> {
  const [{ projectCoverage }, { driftDiagnostics }] = await Promise.all([
    import('./coverage'),
    import('./drift-diagnostics'),
  ])
  const report = await projectCoverage(paths, config)
  const byFile = new Map(results.map((r) => [resolve(r.file), r]))
  for (const d of driftDiagnostics(report.drift)) {
    const entry = byFile.get(resolve(d.file))
    if (!entry) continue
    entry.diagnostics.push(d)
    entry.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
  }
}
