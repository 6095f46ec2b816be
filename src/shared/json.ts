/** JSON values and the guards every folder uses on parsed data. */

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue }

export type JsonObject = { [key: string]: JsonValue }

/** A plain object (not null, not an array): what parsed JSON or YAML maps are. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * A JSON value that is an object. Sound where `isRecord` is not enough: every member of an
 * object inside a JSON value is a JSON value too, so it narrows to `JsonObject`.
 */
export const isJsonObject = (value: JsonValue | undefined): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * How deeply `value` nests arrays and objects (a scalar is 0), counted without recursion so
 * that no input can overflow the stack. Stops counting at `limit + 1`.
 */
export function nestingDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [item, depth] = top
    if (item === null || typeof item !== 'object') continue
    const inner = depth + 1
    if (inner > deepest) deepest = inner
    if (deepest > limit) return deepest
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, inner])
    }
  }
  return deepest
}

/**
 * Parses JSON text. What `JSON.parse` returns is a JSON value by construction, so no cast is
 * needed; what the value must look like is for the caller's schema to say. Throws on bad JSON.
 */
export function parseJsonText(text: string): JsonValue {
  const value: JsonValue = JSON.parse(text)
  return value
}
