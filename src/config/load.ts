/**
 * Finds and reads specpact.config.yaml. Without one, the embedded defaults describe the
 * communication-gw setup, so every command works on a fresh checkout; a notice says so.
 */
import { readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml'
import { z } from 'zod'
import {
  didYouMean,
  errnoCode,
  fsReason,
  isRecord,
  messageOf,
  UsageError,
  UserError,
} from '../shared'
import { CONFIG_CANDIDATES, findConfigFile, tellDefaults } from './find'
import { type Config, ConfigSchema } from './schema'

export { CONFIG_CANDIDATES }

export const DEFAULT_CONFIG: Omit<Config, 'root' | 'file'> = {
  consumer: 'communication-ui',
  specs: ['specs'],
  pacts: 'pacts',
  remoteRefs: {},
  auth: { defaultToken: 'staff', schemes: {} },
  // The params vCita's runner knows (its tokens.json), with example values.
  variables: {
    business_id: 'bz3p8ja7a1b2c3d4',
    business_uid: 'bz3p8ja7a1b2c3d4',
    staff_id: 'st7x9k2m4n5p6q7r',
    staff_uid: 'st7x9k2m4n5p6q7r',
    client_id: 'cl5w8e2r4t6y8u0i',
    client_uid: 'cl5w8e2r4t6y8u0i',
    matter_uid: 'mt2q4w6e8r0t1y3u',
    directory_id: 'dr4k6m8n0p2q4r6s',
    directory_uid: 'dr4k6m8n0p2q4r6s',
    conversation_uid: 'cv9a8s7d6f5g4h3j',
  },
  providers: [
    { name: 'communication-gw', pathPrefix: '/business/communication' },
    { name: 'core-api', pathPrefix: '/platform/v1' },
  ],
  tokens: {
    staff: 'SPECPACT_TOKEN_STAFF',
    app: 'SPECPACT_TOKEN_APP',
    directory: 'SPECPACT_TOKEN_DIRECTORY',
    client: 'SPECPACT_TOKEN_CLIENT',
    admin: 'SPECPACT_TOKEN_ADMIN',
  },
}

/** The configuration cannot be used: names the file, and the line of each problem. */
export class ConfigError extends UserError {
  override name = 'ConfigError'
}

/**
 * Loads `file`, or the first candidate found in `cwd` or a directory above it, or the
 * embedded defaults (saying so on stderr, once per process).
 */
export function loadConfig(options: { file?: string; cwd?: string } = {}): Config {
  const cwd = options.cwd ?? process.cwd()
  const file = options.file ? resolve(cwd, options.file) : findConfigFile(cwd)
  if (!file) {
    tellDefaults(cwd)
    return { ...DEFAULT_CONFIG, root: cwd, file: undefined }
  }
  const name = options.file ?? relative(cwd, file)
  const text = readConfigText(file, name, options.file !== undefined)
  const raw = parseConfigYaml(name, text)
  const result = ConfigSchema.safeParse({ ...DEFAULT_CONFIG, ...raw.value })
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, raw))
    throw new ConfigError(
      'config-invalid',
      `${name}: invalid configuration\n${problems.map((p) => `  ${p}`).join('\n')}`,
      { path: name },
    )
  }
  return { ...result.data, root: dirname(file), file }
}

/** A configuration is a few hundred bytes; more than this is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024

function readConfigText(file: string, name: string, named: boolean): string {
  const subject = { path: name }
  try {
    const info = statSync(file)
    if (!info.isFile()) {
      throw new ConfigError('config-unreadable', `${name} is not a regular file`, subject)
    }
    if (info.size > MAX_CONFIG_BYTES) {
      throw new ConfigError('config-unreadable', `${name} is larger than 1 MiB`, subject)
    }
    return readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof ConfigError) throw error
    if (errnoCode(error) === 'ENOENT' && named) {
      throw new UsageError('config-not-found', `--config: no such file: ${name}`, subject)
    }
    throw new ConfigError('config-unreadable', `cannot read ${name}: ${fsReason(error)}`, {
      ...subject,
      cause: error,
    })
  }
}

interface ParsedConfig {
  value: Record<string, unknown>
  doc: Document.Parsed
  lines: LineCounter
  name: string
}

function parseConfigYaml(name: string, text: string): ParsedConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const [error] = doc.errors
  if (error) {
    const at = lines.linePos(error.pos[0])
    throw new ConfigError(
      'config-unreadable',
      `${name}:${at.line}:${at.col}: not valid YAML: ${error.message.split('\n')[0]}`,
      { path: name },
    )
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (cause) {
    throw new ConfigError('config-unreadable', `${name}: ${messageOf(cause)}`, {
      path: name,
      cause,
    })
  }
  if (value === null || value === undefined) value = {}
  if (!isRecord(value)) {
    throw new ConfigError(
      'config-invalid',
      `${name}:1:1: the configuration must be a mapping of keys`,
      {
        path: name,
      },
    )
  }
  return { value, doc, lines, name }
}

/** Where `path` is in the file (its key for an unknown key), as `file:line:col`. */
function where(raw: ParsedConfig, path: ReadonlyArray<PropertyKey>, key?: string): string {
  const parts = path.map((p) => (typeof p === 'number' ? p : String(p)))
  let node: unknown = raw.doc.getIn(parts, true)
  if (key !== undefined && isMap(node)) {
    node = node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key
  }
  const range = isNode(node) ? node.range : undefined
  if (!range) return raw.name
  const at = raw.lines.linePos(range[0])
  return `${raw.name}:${at.line}:${at.col}`
}

/** Keys the schema knows at `path`, for "did you mean". */
function knownKeys(path: ReadonlyArray<PropertyKey>): string[] {
  let schema: unknown = ConfigSchema
  for (const part of path) {
    if (schema instanceof z.ZodObject) schema = schema.shape[String(part)]
    else if (schema instanceof z.ZodArray) schema = schema.element
    else return []
    if (schema instanceof z.ZodOptional) schema = schema.unwrap()
  }
  if (schema instanceof z.ZodArray) schema = schema.element
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
}

function describeIssue(issue: z.core.$ZodIssue, raw: ParsedConfig): string[] {
  const dot = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path)
    return issue.keys.map((key) => {
      const at = where(raw, issue.path, key)
      const label = dot ? `${dot}.${key}` : key
      return `${at}: unknown key "${label}"${didYouMean(key, known)}`
    })
  }
  return [`${where(raw, issue.path)}: ${dot || '(root)'}: ${issue.message}`]
}

/** A path of the config, absolute. */
export function configPath(config: Config, path: string): string {
  return isAbsolute(path) ? path : resolve(config.root, path)
}
