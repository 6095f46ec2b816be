import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { configPath } from '../config'
import { coverageReport, providerOperations, scaffoldSpec } from '../coverage'
import { writeFileAtomic } from '../pact'
import { compile, loadProject } from '../project'
import { UsageError } from './errors'
import type { GlobalOptions } from './main'
import { openApiSources } from './openapi-sources'

export interface ScaffoldOptions extends GlobalOptions {
  provider?: string
  out?: string
  domain?: string
  token?: string
  dryRun?: boolean
}

/**
 * Writes a spec skeleton for every documented operation that no interaction covers (or
 * for the operations named, `"GET /path"` or an operationId). An existing file is never
 * overwritten: it is named and left alone.
 */
export async function runScaffold(selected: string[], options: ScaffoldOptions): Promise<number> {
  const project = await loadProject({ config: options.config })
  const sources = openApiSources(project)
  if (options.provider && !sources.has(options.provider))
    throw new UsageError(
      'option-invalid',
      `--provider ${options.provider}: no configured provider with an OpenAPI description (${[...sources.keys()].join(', ') || 'none'})`,
    )
  const report = await coverageReport({
    consumer: project.config.consumer,
    specs: project.specs,
    contracts: compile(project).contracts,
    providers: project.config.providers,
    openapi: sources,
  })
  const covered = new Set(
    report.providers.flatMap((p) =>
      p.operations
        .filter((o) => o.statuses.some((s) => s.interactions.length > 0))
        .map((o) => `${p.provider} ${o.method} ${o.path}`),
    ),
  )
  const out = options.out ?? configPath(project.config, project.config.specs[0] ?? '.')
  const domain = options.domain ?? commonDomain(project.specs.map((s) => s.frontMatter.domain))
  const variables = Object.keys(project.config.variables)
  const matched = new Set<string>()
  let written = 0
  for (const [provider, list] of sources) {
    if (options.provider && provider !== options.provider) continue
    const operations = providerOperations(project.config, provider, list)
    for (const operation of operations) {
      const id = `${operation.method} ${operation.path}`
      const wanted = selected.find(
        (s) =>
          s.replace(/\s+/g, ' ').toUpperCase() === id.toUpperCase() || s === operation.operationId,
      )
      if (selected.length > 0 ? !wanted : covered.has(`${provider} ${id}`)) continue
      if (wanted) matched.add(wanted)
      const spec = scaffoldSpec(operation, {
        operations,
        variables,
        domain,
        swagger: relative(project.config.root, operation.source.file) || operation.source.file,
        token: options.token,
      })
      if (options.dryRun) {
        process.stdout.write(`--- ${spec.name}.md\n${spec.text}\n`)
        continue
      }
      const file = join(out, `${spec.name}.md`)
      if (existsSync(file)) {
        process.stdout.write(`kept ${relative(process.cwd(), file)} (exists; not overwritten)\n`)
        continue
      }
      await mkdir(out, { recursive: true })
      await writeFileAtomic(file, spec.text)
      written++
      process.stdout.write(`wrote ${relative(process.cwd(), file)} (${id})\n`)
    }
  }
  const unknown = selected.filter((s) => !matched.has(s))
  if (unknown.length > 0)
    throw new UsageError(
      'option-invalid',
      `no documented operation ${unknown.map((u) => `"${u}"`).join(', ')} (give "METHOD /full/path" or an operationId)`,
    )
  if (!options.dryRun)
    process.stdout.write(`${written} spec skeleton${written === 1 ? '' : 's'} written\n`)
  return 0
}

function commonDomain(domains: readonly (string | undefined)[]): string {
  const counts = new Map<string, number>()
  for (const d of domains) if (d) counts.set(d, (counts.get(d) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'communication'
}
