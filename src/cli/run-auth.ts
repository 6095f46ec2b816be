/**
 * How a live run authenticates, exactly as translation does (`contract/auth.ts`): a step's
 * `token`, else the configured default token type (`staff`, as vCita's runner), in the
 * scheme configured or built in for that token type and path (`Bearer`, `Admin` for admin
 * tokens, `Token token="…"` on the partners API).
 */
import type { Config } from '../config'
import { providerFor, schemeFor } from '../contract'
import type { RunOptions } from '../runner'

export function liveAuth(config: Config): Pick<RunOptions, 'defaultToken' | 'authScheme'> {
  return {
    defaultToken: config.auth.defaultToken,
    authScheme: (tokenType, path) =>
      schemeFor(tokenType, path, providerFor(config.providers, path), config.auth),
  }
}
