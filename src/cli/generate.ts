import { relative } from 'node:path'
import { configPath } from '../config'
import { writePacts } from '../pact'
import { compile, loadProject } from '../project'
import { formatHuman, summarize } from '../report/diagnostics'
import { groupByFile } from '../report/group'
import type { GlobalOptions } from './main'

export interface GenerateOptions extends GlobalOptions {
  out?: string
  keepGoing?: boolean
  quiet?: boolean
  /** Show only errors (the summary still counts warnings): `check` keeps a pass on one screen. */
  errorsOnly?: boolean
}

export async function runGenerate(paths: string[], options: GenerateOptions): Promise<number> {
  const project = await loadProject({ config: options.config, paths })
  const build = compile(project)
  const results = groupByFile(project.files, build.diagnostics)
  const unreadable = project.files.length - project.specs.length
  const failed = unreadable + build.failed.length
  const shown = options.errorsOnly
    ? results.map((r) => ({
        ...r,
        diagnostics: r.diagnostics.filter((d) => d.severity === 'error'),
      }))
    : results
  const problems = shown.filter((r) => r.diagnostics.length > 0)
  if (problems.length > 0) process.stderr.write(`${formatHuman(problems)}\n`)
  if (failed > 0 && !options.keepGoing) {
    process.stderr.write(
      `specpact: ${failed} of ${project.files.length} specs cannot be translated; no pact written (use --keep-going to write the others)\n`,
    )
    return 1
  }
  const out = options.out ?? configPath(project.config, project.config.pacts)
  const files = await writePacts(out, build.contracts)
  for (const [i, file] of files.entries()) {
    const n = build.contracts[i]?.interactions.length ?? 0
    process.stdout.write(
      `wrote ${relative(process.cwd(), file)} (${n} interaction${n === 1 ? '' : 's'})\n`,
    )
  }
  const translated = project.files.length - failed
  const summary = summarize(results)
  process.stdout.write(
    `${translated} of ${project.files.length} specs translated, ${failed} not translated; ${summary.errors} errors, ${summary.warnings} warnings\n`,
  )
  return failed > 0 ? 1 : 0
}
