/**
 * Error codes of the communication-gw (swagger `StandardError.code`) and the constructors
 * every route uses, so that a code's meaning stays the same across operations.
 */

export const ERROR_CODES = [
  'missing',
  'missing_field',
  'invalid',
  'already_exists',
  'duplicate',
  'too_long',
  'unexpected',
  'unauthorized',
  'timeout',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** One entry of the error envelope's `errors` array. */
export interface ApiError {
  code: ErrorCode
  message: string
}

/** What each code means here; the swagger lists the codes without saying. */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  missing: 'the addressed or referenced entity does not exist (404)',
  missing_field: 'a required field or filter is absent (422)',
  invalid: 'a value has the wrong type or is not allowed, or the entity is in the wrong state',
  already_exists: 'the entity to create exists already (422)',
  duplicate: 'an id that must be unique is used twice (422)',
  too_long: 'a string is longer than allowed (422)',
  unexpected: 'the gateway failed (500)',
  unauthorized: 'no bearer token, or one that is not accepted (401)',
  timeout: 'the gateway gave up waiting (not produced by the reference)',
}

export const apiError = (code: ErrorCode, message: string): ApiError => ({ code, message })

export const notFound = (what: string, uid: string): ApiError =>
  apiError('missing', `${what} ${uid} not found`)
