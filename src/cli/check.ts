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
}

/** The main job: lint → generate → verify against the embedded reference (→ run live). */
export async function runCheck(options: CheckOptions): Promise<number> {
  const { runGenerate } = await import('./generate')
  process.stdout.write('▶ lint and generate\n')
  const generated = await runGenerate([], { config: options.config })
  if (generated !== 0) return generated
  const [{ runVerify, pactFilesIn }, { loadProject }, { configPath }, { readFile }] =
    await Promise.all([
      import('./verify'),
      import('../project'),
      import('../config'),
      import('node:fs/promises'),
    ])
  const project = await loadProject({ config: options.config })
  const specStatuses = new Map(
    project.specs.map((s) => [s.name, String(s.frontMatter.status ?? '—')] as const),
  )
  // Only the providers generate wrote a pact for: a project without core-api lookups has none.
  const pacts = await pactFilesIn([configPath(project.config, project.config.pacts)])
  const written = new Set<string>()
  for (const file of pacts) {
    const name = (JSON.parse(await readFile(file, 'utf8')) as { provider?: { name?: unknown } })
      .provider?.name
    if (typeof name === 'string') written.add(name)
  }
  let status = 0
  const verification: InteractionResult[] = []
  for (const provider of REFERENCE_PROVIDERS.filter((p) => written.has(p))) {
    process.stdout.write(`\n▶ verify the ${provider} pact against the embedded reference\n`)
    const verified = await runVerify([], {
      config: options.config,
      provider,
      specStatuses,
      onResults: (results) => verification.push(...results),
    })
    status = Math.max(status, verified)
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
