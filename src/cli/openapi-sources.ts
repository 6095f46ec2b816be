/** The project's OpenAPI documents as coverage reads them: file, document, base path. */
import { relative } from 'node:path'
import { configPath } from '../config'
import { basePathOf, type OpenApiSource } from '../coverage'
import type { Project } from '../project'

export function openApiSources(project: Project): Map<string, OpenApiSource[]> {
  const sources = new Map<string, OpenApiSource[]>()
  for (const provider of project.config.providers) {
    const doc = project.openapi.get(provider.name)
    if (!doc || !provider.openapi) continue
    const file = relative(process.cwd(), configPath(project.config, provider.openapi))
    sources.set(provider.name, [{ file, doc, basePath: basePathOf(doc, provider.pathPrefix) }])
  }
  return sources
}
