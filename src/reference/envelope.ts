/**
 * The two response shapes: the communication-gw's envelope
 * (`{success, data}` / `{success: false, errors}`) and the core API's (`{status: "OK", data}`
 * / `{status: "Error", error}`). Routes build replies only through these.
 */
import type { JsonValue } from '../spec/types'
import type { ApiError } from './errors'

export type JsonObject = { [key: string]: JsonValue }

/** An HTTP answer before it is sent; what operation handlers return and overrides rewrite. */
export interface Reply {
  status: number
  body: JsonObject
  /** Extra response headers; none of the faithful operations sets any (overrides may). */
  headers?: Readonly<Record<string, string>>
}

export const success = (status: number, data: JsonObject): Reply => ({
  status,
  body: { success: true, data },
})

export const failure = (status: number, errors: readonly ApiError[]): Reply => ({
  status,
  body: {
    success: false,
    errors: errors.map((e) => ({ code: e.code, message: e.message })),
  },
})

export const platformSuccess = (data: JsonObject): Reply => ({
  status: 200,
  body: { status: 'OK', data },
})

export const platformFailure = (status: number, error: string): Reply => ({
  status,
  body: { status: 'Error', error },
})
