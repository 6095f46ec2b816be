/**
 * The edge where files become data: configuration, state catalog, OpenAPI documents and
 * specs are read here, then handed to the pure translation.
 */
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { type Config, configPath, loadConfig } from '../config'
import {
  type BuildResult,
  buildContracts,
  type Catalog,
  type OpenApiDoc,
  parseCatalog,
} from '../contract'
import { fsReason, messageOf, UserError } from '../shared'
import {
  type Diagnostic,
  discoverSpecs,
  parseSpec,
  type ReadResult,
  readSpecText,
  type Spec,
  unreadableSpec,
} from '../spec'

/** The catalog shipped with specpact, used when the configuration names none. */
export const DEFAULT_CATALOG_FILE = join(__dirname, '..', '..', 'specs', 'states.yaml')

export interface Project {
  config: Config
  catalog: Catalog
  openapi: Map<string, OpenApiDoc>
  specs: Spec[]
  /** Every spec file read, with what the reader said about it. */
  files: Array<{ file: string; diagnostics: Diagnostic[] }>
}

export interface LoadOptions {
  config?: string
  /** Spec files or directories; default: the configured ones. */
  paths?: readonly string[]
  cwd?: string
}

/** A YAML file the configuration names (catalog, OpenAPI); a user error naming it if unusable. */
async function loadYaml(file: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UserError('path-unreadable', `cannot read the ${what} ${file}: ${fsReason(error)}`, {
      path: file,
      cause: error,
    })
  }
  try {
    return parse(text, { maxAliasCount: 100 })
  } catch (error) {
    const reason = messageOf(error).split('\n')[0]
    throw new UserError('config-invalid', `the ${what} ${file} is not YAML or JSON: ${reason}`, {
      path: file,
      cause: error,
    })
  }
}

export async function loadProject(options: LoadOptions = {}): Promise<Project> {
  const cwd = options.cwd ?? process.cwd()
  const config = loadConfig({ file: options.config, cwd })
  const catalogFile = config.states ? configPath(config, config.states) : DEFAULT_CATALOG_FILE
  const catalog = parseCatalog(await loadYaml(catalogFile, 'state catalog'), catalogFile)
  const openapi = new Map<string, OpenApiDoc>()
  for (const provider of config.providers) {
    if (provider.openapi)
      openapi.set(
        provider.name,
        (await loadYaml(configPath(config, provider.openapi), 'OpenAPI description')) as OpenApiDoc,
      )
  }
  const paths = options.paths?.length
    ? options.paths
    : config.specs.map((p) => configPath(config, p))
  const specFiles = await discoverSpecs(paths, cwd)
  const variables = Object.keys(config.variables)
  const results: Array<{ file: string; result: ReadResult }> = []
  for (const file of specFiles)
    results.push({ file, result: await readRelative(cwd, file, variables) })
  const specs = results.flatMap(({ result }) => (result.ok ? [result.spec] : []))
  return {
    config,
    catalog,
    openapi,
    specs,
    files: results.map(({ file, result }) => ({ file, diagnostics: result.diagnostics })),
  }
}

export function compile(project: Project): BuildResult {
  return buildContracts(project.specs, {
    consumer: project.config.consumer,
    providers: project.config.providers,
    variables: project.config.variables,
    catalog: project.catalog,
    openapi: project.openapi,
  })
}

/**
 * Reads a spec found relative to `cwd`, naming it by that relative path in diagnostics.
 * Synchronously (`readSpecText`): a spec is a few kB and reading it is CPU-bound parsing
 * afterwards, so a promise per file (≈0.05–0.08 ms each through the thread pool, against
 * ≈0.01 ms) was a tenth of `generate`'s time at N = 1000. A file that cannot be a spec (a
 * FIFO, a device, too large) is a diagnostic.
 */
function readRelative(cwd: string, file: string, variables: string[]): ReadResult {
  const read = readSpecText(resolve(cwd, file))
  if (read.ok) return parseSpec(file, read.text, { variables })
  return unreadableSpec(file, read)
}
