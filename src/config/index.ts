export { CONFIG_CANDIDATES, ConfigError, configPath, DEFAULT_CONFIG, loadConfig } from './load'
export type { AuthConfig, Config, ProviderConfig } from './schema'
export { tokensFromEnv } from './tokens'
