/**
 * Finds and reads specpact.config.yaml. Without one, the embedded defaults describe the
 * communication-gw setup, so every command works on a fresh checkout.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { parse } from 'yaml'
import { type Config, ConfigSchema } from './schema'

export const CONFIG_CANDIDATES = ['specpact.config.yaml', 'specs/specpact.config.yaml'] as const

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

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Loads `file`, or the first candidate found under `cwd`, or the embedded defaults. */
export function loadConfig(options: { file?: string; cwd?: string } = {}): Config {
  const cwd = options.cwd ?? process.cwd()
  const file = options.file
    ? resolve(cwd, options.file)
    : CONFIG_CANDIDATES.map((c) => resolve(cwd, c)).find((c) => existsSync(c))
  if (!file) return { ...DEFAULT_CONFIG, root: cwd, file: undefined }
  let raw: unknown
  try {
    raw = parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message.split('\n')[0]}`, { cause: error })
  }
  const result = ConfigSchema.safeParse({ ...DEFAULT_CONFIG, ...(raw as object) })
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`${file}: invalid configuration\n${problems.join('\n')}`)
  }
  return { ...result.data, root: dirname(file), file }
}

/** A path of the config, absolute. */
export function configPath(config: Config, path: string): string {
  return isAbsolute(path) ? path : resolve(config.root, path)
}
