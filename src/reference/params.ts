/**
 * Readers for provider-state params: tolerant of what a spec may send (numbers for ids,
 * `"true"` for booleans, absent optional values), strict about what cannot be used, with
 * errors naming the state and the param.
 */
import type { JsonValue } from '../spec/types'

export type Params = Record<string, JsonValue>

const describe = (value: JsonValue): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : JSON.stringify(value)

export class StateParams {
  constructor(
    private readonly state: string,
    private readonly params: Params,
  ) {}

  /** An Error naming the state, for rules the handler checks itself. */
  error(message: string): Error {
    return new Error(`state "${this.state}": ${message}`)
  }

  /** A string param; `undefined` when absent, null or empty. Numbers and booleans are spelled out. */
  text(name: string): string | undefined {
    const value = this.params[name]
    if (value === undefined || value === null || value === '') return undefined
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    if (typeof value !== 'string')
      throw this.error(`param ${name} must be a string, got ${describe(value)}`)
    const reference = /\$\{(\w+)\}/.exec(value)
    if (reference) {
      throw this.error(
        `param ${name} is ${JSON.stringify(value)}: no earlier state provided \${${reference[1]}}`,
      )
    }
    return value
  }

  /** A param that must be one of `values`; `fallback` when absent. */
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined
  oneOf<T extends string>(name: string, values: readonly T[], fallback?: T): T | undefined {
    const value = this.text(name)
    if (value === undefined) return fallback
    const match = values.find((allowed) => allowed === value)
    if (match === undefined) {
      throw this.error(
        `param ${name} must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`,
      )
    }
    return match
  }

  flag(name: string, fallback: boolean): boolean {
    const value = this.params[name]
    if (value === undefined || value === null) return fallback
    if (typeof value === 'boolean') return value
    if (value === 'true' || value === 'false') return value === 'true'
    throw this.error(`param ${name} must be true or false, got ${describe(value)}`)
  }

  /** An array of JSON objects (e.g. message attachments); `[]` when absent. */
  objects(name: string): Array<Record<string, JsonValue>> {
    const value = this.params[name]
    if (value === undefined || value === null) return []
    const isObject = (item: JsonValue): item is Record<string, JsonValue> =>
      typeof item === 'object' && item !== null && !Array.isArray(item)
    if (!Array.isArray(value) || !value.every(isObject)) {
      throw this.error(`param ${name} must be an array of objects, got ${describe(value)}`)
    }
    return value
  }
}
