import type { InteractionResult } from '../provider'
import type { GlobalOptions } from './main'

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
  process.stdout.write('\n▶ verify against the embedded reference communication-gw\n')
  const [{ runVerify }, { loadProject }] = await Promise.all([
    import('./verify'),
    import('../project'),
  ])
  const project = await loadProject({ config: options.config })
  const specStatuses = new Map(
    project.specs.map((s) => [s.name, String(s.frontMatter.status ?? '—')] as const),
  )
  let verification: readonly InteractionResult[] = []
  const verified = await runVerify([], {
    config: options.config,
    provider: 'communication-gw',
    specStatuses,
    onResults: (results) => {
      verification = results
    },
  })
  if (!options.live) return verified

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
  return verified !== 0 ? verified : report.ok ? 0 : 1
}
