/**
 * Bearer-token check. The reference cannot validate vCita tokens, so any non-empty bearer
 * token is accepted unless the caller lists the tokens it wants (`tokens`), e.g. to prove
 * that a verifier injects the real one.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { failure, platformFailure, type Reply } from './envelope'
import { apiError } from './errors'
import type { Api } from './operation'

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S.*)$/i.exec(headers.authorization ?? '')
  return match?.[1]?.trim()
}

/** The 401 reply for a request this API must refuse, or `undefined` to let it through. */
export function refuse(
  api: Api,
  headers: IncomingHttpHeaders,
  tokens: readonly string[] | undefined,
): Reply | undefined {
  if (api === 'gateway') return undefined
  const token = bearerToken(headers)
  if (token !== undefined && (tokens === undefined || tokens.includes(token))) return undefined
  const why =
    token === undefined
      ? 'Unauthorized to perform action: send Authorization: Bearer <token>'
      : 'Unauthorized to perform action: the token is not accepted'
  return api === 'platform'
    ? platformFailure(401, 'Unauthorized')
    : failure(401, [apiError('unauthorized', why)])
}
