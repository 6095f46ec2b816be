/**
 * Synthetic spec collections for the benchmark: N specs made from the project's real
 * communication-gw specs, so the states, bodies, statuses and prerequisites are the ones real
 * specs have, and every synthetic spec still verifies against the embedded reference.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { configPath, loadConfig } from '../../src/config'

export interface SpecText {
  /** File name without `.md`: the spec's name and its interaction's description. */
  name: string
  text: string
}

/** The HTTP specs of `dir` (a spec with `event:` in its front matter is a webhook: skipped). */
export async function readTemplates(dir: string): Promise<SpecText[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()
  const specs = await Promise.all(
    files.map(async (f) => ({
      name: basename(f, '.md'),
      text: await readFile(join(dir, f), 'utf8'),
    })),
  )
  return specs.filter((s) => /^endpoint:/m.test(s.text))
}

/**
 * Variant `index` of a template: its own name, and its own literal texts in every step (a
 * display name, external uid or message carries the index), so no two interactions share a
 * body example or a generator regex. Odd variants create promotional channels.
 */
export function variantOf(template: SpecText, index: number): SpecText {
  const tag = String(index).padStart(4, '0')
  const text = template.text
    .replace(/"(Test|Active Test|Updated Test) Channel/g, `"$1 Channel ${tag}`)
    .replace(/"test-external-uid-/g, `"test-external-uid-${tag}-`)
    .replace(/"test-msg-/g, `"test-msg-${tag}-`)
    .replace(/"Test message /g, `"Test message ${tag} `)
    .replace(/type: "transactional"/g, index % 2 === 1 ? 'type: "promotional"' : '$&')
  return { name: `${template.name}_${tag}`, text }
}

/** `n` specs cycling through the templates. */
export function synthesize(templates: readonly SpecText[], n: number): SpecText[] {
  if (templates.length === 0) throw new Error('no HTTP spec templates to synthesize from')
  return Array.from({ length: n }, (_, i) =>
    variantOf(templates[i % templates.length] as SpecText, i),
  )
}

/** What a synthetic project borrows from the repository: catalog, OpenAPI, variables. */
export interface RepoInputs {
  states: string
  openapi: Record<string, string>
  variables: Record<string, string>
}

/** The repository's own configuration as a synthetic project reuses it. */
export function repoInputs(repo: string): RepoInputs {
  const config = loadConfig({ cwd: repo })
  const openapi = config.providers.flatMap((p) =>
    p.openapi ? [[p.name, configPath(config, [p.openapi].flat()[0] as string)] as const] : [],
  )
  return {
    states: configPath(config, config.states ?? 'states.yaml'),
    openapi: Object.fromEntries(openapi),
    variables: config.variables,
  }
}

export interface ProjectFiles {
  /** Directory holding specpact.config.yaml. */
  dir: string
  config: string
  specsDir: string
  pactsDir: string
}

/**
 * Writes a project of `specs` into `dir`: its specs, and a configuration that reuses the
 * repository's state catalog, OpenAPI descriptions and variables.
 */
export async function writeProject(
  dir: string,
  specs: readonly SpecText[],
  repo: RepoInputs,
): Promise<ProjectFiles> {
  const specsDir = join(dir, 'specs')
  await mkdir(specsDir, { recursive: true })
  await Promise.all(specs.map((s) => writeFile(join(specsDir, `${s.name}.md`), s.text)))
  const config = join(dir, 'specpact.config.yaml')
  const providers = [
    ['communication-gw', '/business/communication'],
    ['core-api', '/platform/v1'],
  ].map(([name, prefix]) => ({
    name: name as string,
    pathPrefix: prefix as string,
    openapi: repo.openapi[name as string],
  }))
  const yaml = JSON.stringify({
    consumer: 'communication-ui',
    specs: ['specs'],
    pacts: 'pacts',
    states: repo.states,
    variables: repo.variables,
    providers,
  })
  // JSON is YAML: no serializer needed.
  await writeFile(config, `${yaml}\n`)
  return { dir, config, specsDir, pactsDir: join(dir, 'pacts') }
}
