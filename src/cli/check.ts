import type { InteractionResult } from '../provider'
import type { GlobalOptions } from './main'

/**
 * The providers the embedded reference serves: the communication-gw, and the part of the core
 * API (the client lookup) that the gateway's specs depend on.
 */
const REFERENCE_PROVIDERS = ['communication-gw', 'core-api'] as const

export interface CheckOptions extends GlobalOptions {
  /** Also run the specs live against the reference and show both results side by side. */
  live?: boolean
  verbose?: boolean
  junit?: string
}

/** The main job: lint → generate → verify against the embedded reference (→ run live). */
export async function runCheck(options: CheckOptions): Promise<number> {
  const [{ loadConfig }, { brokerSecrets, redactor }, { tokensFromEnv }, { withRedactedOutput }] =
    await Promise.all([
      import('../config'),
      import('../provider/redact'),
      import('./verify'),
      import('./redacted-output'),
    ])
  // The whole job's output is redacted, not only the verification's.
  const tokens = tokensFromEnv(loadConfig({ file: options.config }).tokens)
  const broker = brokerSecrets()
  const redact = redactor([...Object.values(tokens), ...broker.secrets], broker.pairs)
  return withRedactedOutput(redact, () => check(options))
}

async function check(options: CheckOptions) {
  const { runGenerate } = await import('./generate')
  process.stdout.write('▶ lint and generate\n')
  // Warnings are counted here and listed by `specpact lint`; errors are shown in full.
  const { live: _live, ...generateOptions } = options
  const generated = await runGenerate([], { ...generateOptions, errorsOnly: true })
  if (generated !== 0) return generated
  const [{ runVerify, pactFilesIn }, { loadProject }, { configPath }, { readPact }] =
    await Promise.all([
      import('./verify'),
      import('../project'),
      import('../config'),
      import('../provider'),
    ])
  const project = await loadProject({ config: options.config })
  const specStatuses = new Map(
    project.specs.map((s) => [s.name, String(s.frontMatter.status ?? '—')] as const),
  )
  // Only the providers generate wrote a pact for: a project without core-api lookups has none.
  const pacts = await pactFilesIn([configPath(project.config, project.config.pacts)])
  const written = new Set<string>()
  // Read as verify reads them: a file that is not a pact is the user's error, naming it.
  for (const file of pacts) written.add((await readPact(file)).provider.name)
  let status = 0
  const verification: InteractionResult[] = []
  const providers = REFERENCE_PROVIDERS.filter((p) => written.has(p))
  for (const provider of providers) {
    process.stdout.write(`\n▶ verify the ${provider} pact against the embedded reference\n`)
    // One JUnit file per provider when there are several: results.xml → results.core-api.xml.
    const junit =
      options.junit && providers.length > 1
        ? options.junit.replace(/(\.xml)?$/, `.${provider}$1`)
        : options.junit
    const run = {
      ...options,
      provider,
      specStatuses,
      onResults: (results: readonly InteractionResult[]) => verification.push(...results),
      ...(junit ? { junit } : {}),
    }
    status = Math.max(status, await runVerify([], run))
  }
  if (!options.live) return status

  process.stdout.write('\n▶ run live against the embedded reference communication-gw\n')
  const [{ executeLive }, { formatLiveFailures, summary }, { formatSideBySide, sideBySide }] =
    await Promise.all([
      import('./run'),
      import('../report/live'),
      import('../report/contract-and-live'),
    ])
  const { report, steps } = await executeLive([], {
    config: options.config,
    against: 'reference',
    concurrency: '4',
    format: 'human',
    retries: '0',
  })
  const failures = formatLiveFailures(report, { steps })
  if (failures) process.stdout.write(`${failures}\n`)
  process.stdout.write(`${summary(report)}\n\n`)
  process.stdout.write(`${formatSideBySide(sideBySide(verification, report, specStatuses))}\n`)
  return status !== 0 ? status : report.ok ? 0 : 1
}
