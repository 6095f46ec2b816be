/**
 * The edge where files become data: configuration, state catalog, OpenAPI documents and
 * specs are read here, then handed to the pure translation.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { parse } from 'yaml'
import { type Config, configPath, loadConfig } from '../config'
import {
  type ApiDescription,
  type BuildResult,
  buildContracts,
  type Catalog,
  type ContractDiagnostic,
  parseCatalog,
  type SwaggerFile,
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
import { type ApiProblem, createApiLoader } from './openapi'

/** The catalog shipped with specpact, used when the configuration names none. */
export const DEFAULT_CATALOG_FILE = join(__dirname, '..', '..', 'specs', 'states.yaml')

export interface Project {
  config: Config
  catalog: Catalog
  /** Provider name → the API descriptions configured for it. */
  openapi: Map<string, ApiDescription[]>
  /** A spec's `swagger:` value → the description it names under `swaggerRoot`. */
  swaggers: Map<string, SwaggerFile>
  /** Problems of the API descriptions themselves (unreadable files, unresolved refs). */
  apiDiagnostics: ContractDiagnostic[]
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
  const remoteRefs = Object.fromEntries(
    Object.entries(config.remoteRefs).map(([url, folder]) => [url, configPath(config, folder)]),
  )
  const apis = createApiLoader(remoteRefs)
  const openapi = new Map<string, ApiDescription[]>()
  for (const provider of config.providers) {
    const files = provider.openapi === undefined ? [] : [provider.openapi].flat()
    const descriptions: ApiDescription[] = []
    for (const name of files) {
      const file = configPath(config, name)
      const description = apis.load(file)
      // A description the configuration names must be usable; one a spec names is a warning.
      if (!description) {
        const problem = apis.problems().find((p) => p.kind === 'unreadable' && p.file === file)
        const reason = problem?.kind === 'unreadable' ? problem.reason : 'it cannot be read'
        throw new UserError(
          'path-unreadable',
          `cannot read the OpenAPI description ${file}: ${reason}`,
          { path: file },
        )
      }
      descriptions.push(description)
    }
    if (descriptions.length > 0) openapi.set(provider.name, descriptions)
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
  const swaggers = new Map<string, SwaggerFile>()
  if (config.swaggerRoot !== undefined) {
    const root = configPath(config, config.swaggerRoot)
    for (const spec of specs) {
      const name = spec.frontMatter.swagger
      if (name === undefined || swaggers.has(name)) continue
      const file = swaggerFileOf(root, name)
      const description = file === undefined ? undefined : apis.load(file)
      swaggers.set(
        name,
        description
          ? { kind: 'found', description }
          : {
              kind: 'missing',
              file: relative(cwd, file ?? resolve(root, name.replace(/^\/+/, ''))),
            },
      )
    }
  }
  return {
    config,
    catalog,
    openapi,
    swaggers,
    apiDiagnostics: apiDiagnostics(apis.problems(), cwd),
    specs,
    files: results.map(({ file, result }) => ({ file, diagnostics: result.diagnostics })),
  }
}

export function compile(project: Project): BuildResult {
  const build = buildContracts(project.specs, {
    consumer: project.config.consumer,
    providers: project.config.providers,
    variables: project.config.variables,
    catalog: project.catalog,
    openapi: project.openapi,
    swaggers: project.swaggers,
    auth: project.config.auth,
  })
  return { ...build, diagnostics: [...project.apiDiagnostics, ...build.diagnostics] }
}

/**
 * The file a spec's `swagger:` names under the swagger root. A path written on one machine
 * (`/Users/…/developers-hub/mcp_swagger/clients.json`) is found by its longest tail that
 * exists under the root (`mcp_swagger/clients.json`); the reader warns about such paths.
 */
function swaggerFileOf(root: string, name: string): string | undefined {
  const parts = name.split(/[\\/]+/).filter(Boolean)
  if (!isAbsolute(name) && !/^[A-Za-z]:/.test(name) && !name.startsWith('~')) {
    const file = resolve(root, name)
    return existsSync(file) ? file : undefined
  }
  for (let i = 0; i < parts.length; i++) {
    const file = join(root, ...parts.slice(i))
    if (existsSync(file)) return file
  }
  return undefined
}

/** Problems of API descriptions as warnings on the description's file. */
function apiDiagnostics(problems: ApiProblem[], cwd: string): ContractDiagnostic[] {
  return problems.map((p) => {
    const file = relative(cwd, p.file) || p.file
    const base = { file, line: 1, column: 1, severity: 'warning' as const }
    if (p.kind === 'unreadable') {
      return {
        ...base,
        code: 'openapi-unreadable' as const,
        path: '',
        message: `the API description ${file} cannot be read: ${p.reason}`,
        expected: 'an OpenAPI 3 or Swagger 2 document, JSON or YAML',
        found: p.reason,
      }
    }
    if (p.kind === 'ref-unmapped') {
      return {
        ...base,
        code: 'openapi-ref-unresolved' as const,
        path: p.ref,
        message: `${file} refers to ${p.ref}, which no remoteRefs entry maps to a local folder; the schema there is left out`,
        expected: 'a remoteRefs entry: URL prefix → local folder',
        found: p.ref,
      }
    }
    return {
      ...base,
      code: 'openapi-ref-unresolved' as const,
      path: p.ref,
      message: `${file} refers to ${p.ref}, but ${relative(cwd, p.target) || p.target} cannot be read (${p.reason}); the schema there is left out`,
      expected: 'the referenced file under its remoteRefs folder',
      found: p.reason,
    }
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
