import type { GlobalOptions } from './main'

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
  const generated = await runGenerate([], { ...options })
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
  return runVerify([], { ...options, provider: 'communication-gw', specStatuses })
}
