/**
 * Sends one request and turns every outcome into either the payload the caller asked for
 * or an `ApiRequestError`: the one place where HTTP, network and body problems are told
 * apart.
 */
import defaultAxios, { type AxiosResponse, isAxiosError } from 'axios'
import type { z } from 'zod'
import { type ApiRequestError, excerpt, type RequestFailure } from './errors'
import { ErrorsBodySchema } from './schemas'
import type { ApiErrorDetail, ClientOptions } from './types'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface Call<T> {
  method: HttpMethod
  /** Absolute path, already encoded: `/business/communication/channels/c%2F1`. */
  path: string
  /** Query parameters in order; serialised by the client, not by axios. */
  query?: Array<[string, string]>
  body?: object
  /** Validates a success body and picks out the payload, e.g. `data.channel`. */
  read: z.ZodType<T>
}

export type Send = <T>(call: Call<T>) => Promise<T>

export type ErrorFactory = (failure: RequestFailure) => ApiRequestError

export function createTransport(options: ClientOptions, toError: ErrorFactory): Send {
  const http = options.axios ?? defaultAxios
  const authorization = `Bearer ${options.token}`

  return async <T>(call: Call<T>): Promise<T> => {
    const failure = (rest: Omit<RequestFailure, 'method' | 'path'>) =>
      toError({ method: call.method, path: call.path, ...rest })

    let response: AxiosResponse<unknown>
    try {
      response = await http.request<unknown>({
        method: call.method,
        baseURL: options.baseURL,
        url: withQuery(call.path, call.query),
        data: call.body,
        headers: {
          Accept: 'application/json',
          Authorization: authorization,
          ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        timeout: options.timeout,
        // Every status is an answer; this function decides what is an error.
        validateStatus: () => true,
      })
    } catch (cause) {
      throw failure({
        kind: 'network',
        status: undefined,
        errors: [],
        detail: reason(cause),
        cause,
      })
    }

    const { status, data } = response
    const errors = apiErrors(data)
    if (status < 200 || status > 299) {
      throw failure({ kind: 'http', status, errors, detail: excerpt(data) })
    }
    const read = call.read.safeParse(data)
    if (read.success) return read.data
    if (errors.length > 0) throw failure({ kind: 'http', status, errors, detail: excerpt(data) })
    throw failure({
      kind: 'invalid_response',
      status,
      errors: [],
      detail: read.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; '),
      cause: read.error,
    })
  }
}

function withQuery(path: string, query: Array<[string, string]> | undefined): string {
  const search = new URLSearchParams(query).toString()
  return search === '' ? path : `${path}?${search}`
}

function apiErrors(body: unknown): ApiErrorDetail[] {
  const parsed = ErrorsBodySchema.safeParse(body)
  return parsed.success ? parsed.data.errors.map(({ code, message }) => ({ code, message })) : []
}

function reason(cause: unknown): string {
  if (isAxiosError(cause)) return cause.message || cause.code || 'request failed'
  return cause instanceof Error ? cause.message : String(cause)
}
