/**
 * The Authorization header vCita's runner sends, as a contract: which token type a step
 * uses (its `token`, else the configured default, `staff` as in the runner) and in which
 * scheme. The runner sends `admin` and `internal` tokens as `Admin <token>`, every other
 * as `Bearer <token>`, and on the partners API (a path with `/partners/`) a bearer token
 * as `Token token="<token>"`. Configuration overrides any of these per token type, for all
 * providers (`auth.schemes`) or one (`providers[].auth.schemes`).
 *
 * In a pact the header is a regex of the scheme with a dummy token naming the token type
 * (`Admin example-admin-token`); the verifier swaps in the real token, in the same place.
 */
import type { AuthConfig, ProviderConfig } from '../config'
import type { Matcher } from './types'
import { escapeRegex } from './values'

export const DEFAULT_AUTH: AuthConfig = { defaultToken: 'staff', schemes: {} }

const BEARER = 'Bearer {token}'
const BUILT_IN: Readonly<Record<string, string>> = {
  admin: 'Admin {token}',
  internal: 'Admin {token}',
}
const PARTNERS = 'Token token="{token}"'

/** The characters of a token as the dummy and real tokens are matched. */
const TOKEN = '[A-Za-z0-9\\-._~+/]+=*'

/** The header template for `tokenType` on `path` of `provider`. */
export function schemeFor(
  tokenType: string,
  path: string,
  provider: ProviderConfig | undefined,
  auth: AuthConfig = DEFAULT_AUTH,
): string {
  const own = provider?.auth?.schemes
  const explicit = own?.[tokenType] ?? auth.schemes[tokenType] ?? BUILT_IN[tokenType] ?? own?.['*']
  if (explicit) return explicit
  if (path.includes('/partners/')) return PARTNERS
  return auth.schemes['*'] ?? BEARER
}

/** The dummy token a pact carries for `tokenType`. */
export const dummyToken = (tokenType: string) => `example-${tokenType}-token`

/** The regex-matched Authorization header of `scheme`, its example naming the token type. */
export function authorizationFor(tokenType: string, scheme: string): Matcher {
  const [before = '', after = ''] = scheme.split('{token}')
  return {
    kind: 'regex',
    pattern: `^${escapeRegex(before)}${TOKEN}${escapeRegex(after)}$`,
    example: `${before}${dummyToken(tokenType)}${after}`,
  }
}

/**
 * A bearer token of any shape. The example is a dummy naming the token type
 * (`Bearer example-staff-token`), never a real token: the verifier swaps in the real one.
 */
export function authorization(tokenType: string): Matcher {
  return authorizationFor(tokenType, BEARER)
}

const DUMMY = /example-([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*?)-token/

/** The token type a dummy header written by `authorizationFor()` names, e.g. `staff`. */
export function tokenTypeOfDummy(header: string | undefined): string | undefined {
  return DUMMY.exec(header ?? '')?.[1]
}

/** `header` with its dummy token replaced by the real `token`, the scheme kept. */
export function withRealToken(header: string, token: string): string {
  return header.replace(DUMMY, () => token)
}
