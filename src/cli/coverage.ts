import { readFile } from 'node:fs/promises'
import {
  type CoverageReport,
  coverageReport,
  gateFailures,
  parseVerification,
  type VerificationResults,
} from '../coverage'
import { renderInteraction, writeFileAtomic } from '../pact'
import { compile, loadProject } from '../project'
import { coverageHtml } from '../report/coverage-html'
import { coverageJunit } from '../report/coverage-junit'
import { formatCoverage } from '../report/coverage-text'
import { useColor } from '../report/diagnostics'
import { UsageError, UserError } from './errors'
import type { GlobalOptions } from './main'
import { openApiSources } from './openapi-sources'

export interface CoverageOptions extends GlobalOptions {
  format: 'text' | 'json'
  json?: string
  junit?: string
  html?: string
  verification?: string
  minCoverage?: string
  failOnUnverifiedExtract?: boolean
  drift: boolean
}

export async function runCoverage(paths: string[], options: CoverageOptions): Promise<number> {
  const minCoverage = parseMin(options.minCoverage)
  const verification = options.verification
    ? await readVerification(options.verification)
    : undefined
  const report = await projectCoverage(paths, options.config, {
    verification,
    drift: options.drift,
  })
  const json = `${JSON.stringify(report, null, 2)}\n`
  if (options.json) await writeFileAtomic(options.json, json)
  if (options.junit) await writeFileAtomic(options.junit, coverageJunit(report))
  if (options.html) await writeFileAtomic(options.html, coverageHtml(report))
  process.stdout.write(options.format === 'json' ? json : `${formatCoverage(report, useColor())}\n`)
  const failures = gateFailures(report, {
    minCoverage,
    failOnUnverifiedExtract: options.failOnUnverifiedExtract,
  })
  for (const failure of failures) process.stderr.write(`specpact: coverage gate: ${failure}\n`)
  return failures.length > 0 ? 1 : 0
}

/** The coverage report of the project's specs (or of `paths`), drift included unless told. */
export async function projectCoverage(
  paths: readonly string[],
  config: string | undefined,
  options: { verification?: VerificationResults; drift?: boolean } = {},
): Promise<CoverageReport> {
  const project = await loadProject({ config, paths })
  const build = compile(project)
  return coverageReport({
    consumer: project.config.consumer,
    specs: project.specs,
    contracts: build.contracts,
    providers: project.config.providers,
    openapi: openApiSources(project),
    verification: options.verification,
    render: options.drift === false ? undefined : renderInteraction,
  })
}

function parseMin(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new UsageError(
      'option-invalid',
      `--min-coverage must be a percentage from 0 to 100, got "${value}"`,
    )
  return n
}

async function readVerification(file: string): Promise<VerificationResults> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error)
    throw new UserError(
      'verification-results-invalid',
      `--verification ${file}: cannot read it as JSON: ${cause}`,
      { path: file },
    )
  }
  const parsed = parseVerification(value, file)
  if (!parsed.ok)
    throw new UserError('verification-results-invalid', parsed.message, { path: file })
  return parsed.results
}
