/** A configuration file that cannot be read or is invalid. Its own file: the CLI's error
 * handling needs the class without loading the parser and schema. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}
