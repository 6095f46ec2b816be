import { relative } from 'node:path'
import { type Config, configPath } from '../config'

/** The configured spec locations, relative to the working directory for readable output. */
export function configuredSpecPaths(config: Config): string[] {
  return config.specs.map((p) => relative(process.cwd(), configPath(config, p)) || '.')
}
