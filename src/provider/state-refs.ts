/** `${name}` references in state params, and the values a state's entity provides. */
import type { JsonValue } from '../shared'
import type { Entity } from './types'

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

function resolveRefs(
  value: JsonValue,
  values: Readonly<Record<string, JsonValue>>,
  missing: string[],
): JsonValue {
  if (typeof value === 'string') {
    // A whole-value reference keeps the provided value's type (a number stays a number).
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value)?.[1]
    const provided = whole === undefined ? undefined : values[whole]
    if (provided !== undefined) return provided
    return value.replace(REFERENCE, (m, name: string) => {
      if (name in values) return String(values[name])
      missing.push(name)
      return m
    })
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, values, missing))
  if (value !== null && typeof value === 'object') return resolveParams(value, values, missing)
  return value
}

/**
 * `params` with every `${name}` replaced by the value an earlier state provided; the names
 * no state provided are added to `missing`.
 */
export function resolveParams(
  params: Readonly<Record<string, JsonValue>>,
  values: Readonly<Record<string, JsonValue>>,
  missing: string[],
): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, resolveRefs(v, values, missing)]),
  )
}

/** The value at a dot path (`data.uid`, `items[0].id`) of an entity. */
export function pick(entity: Entity, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = entity
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(node)) node = node[Number(part)]
    else if (node !== null && typeof node === 'object') node = node[part]
    else return undefined
  }
  return node
}
