import type { ApiErrorDetail } from './types'

/**
 * How a request failed:
 * - `http`: the API answered with an error status, or with an error envelope;
 * - `network`: no response at all (refused, reset, timed out); `status` is undefined;
 * - `invalid_response`: a success status whose body is not what the consumer relies on.
 */
export type FailureKind = 'http' | 'network' | 'invalid_response'

export interface RequestFailure {
  kind: FailureKind
  method: string
  /** The request path without the query string, e.g. `/business/communication/sessions`. */
  path: string
  status: number | undefined
  /** The API's own errors, from an `errors: [{code, message}]` body; empty otherwise. */
  errors: ApiErrorDetail[]
  /** What else is known: a body excerpt, the network error, the schema mismatch. */
  detail: string
  cause?: unknown
}

/** A failed API request; `message` reads e.g. `POST /… failed with 422: invalid: …`. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError'
  readonly kind: FailureKind
  readonly method: string
  readonly path: string
  readonly status: number | undefined
  readonly errors: ApiErrorDetail[]
  /** `errors[].code`, in order. */
  readonly codes: string[]

  constructor(failure: RequestFailure) {
    super(describeFailure(failure), { cause: failure.cause })
    this.kind = failure.kind
    this.method = failure.method
    this.path = failure.path
    this.status = failure.status
    this.errors = failure.errors
    this.codes = failure.errors.map((error) => error.code)
  }
}

/** A request to the communication-gw failed. */
export class CommunicationGwError extends ApiRequestError {
  override name = 'CommunicationGwError'
}

/** A request to the core API failed. */
export class CoreApiError extends ApiRequestError {
  override name = 'CoreApiError'
}

export function describeFailure(failure: RequestFailure): string {
  const request = `${failure.method} ${failure.path}`
  switch (failure.kind) {
    case 'network':
      return `${request} failed without a response: ${failure.detail}`
    case 'invalid_response':
      return `${request} returned ${failure.status} with an unexpected body: ${failure.detail}`
    case 'http': {
      const reasons = failure.errors.map((error) => `${error.code}: ${error.message}`).join('; ')
      return `${request} failed with ${failure.status}: ${reasons || failure.detail}`
    }
  }
}

const EXCERPT_LENGTH = 200

/** A short, single-line rendering of a response body for error messages. */
export function excerpt(body: unknown): string {
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body)
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return 'empty body'
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line
}
