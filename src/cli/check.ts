import type { GlobalOptions } from './main'

/**
 * The providers the embedded reference serves: the communication-gw, and the part of the core
 * API (the client lookup) that the gateway's specs depend on.
 */
const REFERENCE_PROVIDERS = ['communication-gw', 'core-api'] as const

/** The main job: lint → generate → verify against the embedded reference. */
export async function runCheck(options: GlobalOptions): Promise<number> {
  const { runGenerate } = await import('./generate')
  process.stdout.write('▶ lint and generate\n')
  const generated = await runGenerate([], { ...options })
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
  for (const provider of REFERENCE_PROVIDERS.filter((p) => written.has(p))) {
    process.stdout.write(`\n▶ verify the ${provider} pact against the embedded reference\n`)
    status = Math.max(status, await runVerify([], { ...options, provider, specStatuses }))
  }
  return status
}
