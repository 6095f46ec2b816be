/** The project's OpenAPI documents as coverage reads them: file, document, base path. */
import { relative } from 'node:path'
import { providerFor } from '../contract'
import type { OpenApiSource } from '../coverage'
import type { Project } from '../project'

/**
 * Per provider: its configured descriptions, then every swagger file a spec names whose
 * steps go to that provider (a spec's `swagger:` under the swagger root).
 */
export function openApiSources(project: Project): Map<string, OpenApiSource[]> {
  const sources = new Map<string, OpenApiSource[]>()
  const seen = new Set<string>()
  const add = (provider: string, d: { file: string; doc: OpenApiSource['doc']; base: string }) => {
    const file = relative(process.cwd(), d.file) || d.file
    if (seen.has(`${provider}\u0000${file}`)) return
    seen.add(`${provider}\u0000${file}`)
    const list = sources.get(provider) ?? []
    list.push({ file, doc: d.doc, basePath: d.base })
    sources.set(provider, list)
  }
  for (const [provider, descriptions] of project.openapi)
    for (const d of descriptions) add(provider, d)
  for (const spec of project.specs) {
    const name = spec.frontMatter.swagger
    const swagger = name === undefined ? undefined : project.swaggers.get(name)
    if (swagger?.kind !== 'found') continue
    const steps = spec.kind === 'http' ? spec.requests : []
    for (const step of steps) {
      const provider = providerFor(project.config.providers, step.path)
      if (provider) for (const d of [swagger.description].flat()) add(provider.name, d)
    }
  }
  return sources
}
