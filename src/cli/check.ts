import type { GlobalOptions } from './main'

/**
 * The providers the embedded reference serves: the communication-gw, and the part of the core
 * API (the client lookup) that the gateway's specs depend on.
 */
const REFERENCE_PROVIDERS = ['communication-gw', 'core-api'] as const

/** The main job: lint → generate → verify against the embedded reference. */
export async function runCheck(
  options: GlobalOptions & { verbose?: boolean; junit?: string },
): Promise<number> {
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

async function check(options: GlobalOptions & { verbose?: boolean; junit?: string }) {
  const { runGenerate } = await import('./generate')
  process.stdout.write('▶ lint and generate\n')
  // Warnings are counted here and listed by `specpact lint`; errors are shown in full.
  const generated = await runGenerate([], { ...options, errorsOnly: true })
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
  const providers = REFERENCE_PROVIDERS.filter((p) => written.has(p))
  for (const provider of providers) {
    process.stdout.write(`\n▶ verify the ${provider} pact against the embedded reference\n`)
    // One JUnit file per provider when there are several: results.xml → results.core-api.xml.
    const junit =
      options.junit && providers.length > 1
        ? options.junit.replace(/(\.xml)?$/, `.${provider}$1`)
        : options.junit
    const run = { ...options, provider, specStatuses, ...(junit ? { junit } : {}) }
    status = Math.max(status, await runVerify([], run))
  }
  return status
}
