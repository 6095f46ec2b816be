/**
 * Small building blocks for mutations: each takes the faithful reply and changes one thing,
 * so a case reads as the provider change it models.
 */

import type {
  JsonObject,
  OperationContext,
  OperationOverride,
  OperationRequest,
  Overrides,
  Reply,
} from '../../src/reference'
import { OPERATION_IDS } from '../../src/reference'
import type { JsonValue } from '../../src/spec'

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** An override that rewrites the faithful reply. */
export const editReply =
  (edit: (reply: Reply, request: OperationRequest, context: OperationContext) => Reply) =>
  (...[request, context, original]: Parameters<OperationOverride>): Reply =>
    edit(original(request, context), request, context)

/** The same override for every consumer-facing operation (not the simulated gateway). */
export function everyOperation(override: OperationOverride): Overrides {
  return Object.fromEntries(
    OPERATION_IDS.filter((id) => id !== 'gatewayActivation').map((id) => [id, override]),
  )
}

/**
 * A copy of `body` whose object at `path` (dot path; `*` maps over an array) is replaced by
 * `edit(object)`. A path that is not there is left alone: error replies pass untouched.
 */
export function editAt(
  body: JsonObject,
  path: string,
  edit: (object: JsonObject) => JsonObject,
): JsonObject {
  const go = (value: JsonValue, keys: string[]): JsonValue => {
    const [key, ...rest] = keys
    if (key === undefined) return isObject(value) ? edit(value) : value
    if (key === '*') return Array.isArray(value) ? value.map((v) => go(v, rest)) : value
    if (!isObject(value) || !(key in value)) return value
    return { ...value, [key]: go(value[key] as JsonValue, rest) }
  }
  return go(body, path.split('.')) as JsonObject
}

/** Every object's keys in reverse order, recursively. */
export function reverseKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reverseKeys)
  if (!isObject(value)) return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  )
}

/** A field of a JSON request body, if the body is an object. */
export const bodyField = (request: OperationRequest, key: string): unknown =>
  typeof request.body === 'object' && request.body !== null
    ? Reflect.get(request.body, key)
    : undefined

/** The gateway's 422 envelope with one error; `code` may be one the swagger does not list. */
export const unprocessable = (code: string, message: string): Reply => ({
  status: 422,
  body: { success: false, errors: [{ code, message }] },
})
