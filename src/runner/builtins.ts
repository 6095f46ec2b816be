/**
 * Built-in template variables. The data — names, the regex every value fully matches, a
 * deterministic example — is `BUILTIN_VARIABLES` in `spec/`, the lowest layer, so lint and
 * translation read it without depending on the runner. The runner adds how to generate a
 * value; a test pins that every generated value fully matches its pattern.
 *
 * Decisions: all dates are UTC, so a run does not depend on the machine's time zone;
 * `timestamp` is an alias of `now_timestamp` (Unix milliseconds, the same value in a run).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { BUILTIN_VARIABLES, type BuiltinVariable } from '../spec'

export type { BuiltinVariable } from '../spec'

export interface Builtin extends BuiltinVariable {
  /** A fresh value; date-based ones depend only on `now`. */
  generate(now: Date): string
}

const DAY_MS = 24 * 60 * 60 * 1000
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

const later = (now: Date, ms: number) => new Date(now.getTime() + ms)
const isoDate = (date: Date) => date.toISOString().slice(0, 10)

function randomAlphanumeric(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')
}

const GENERATORS: Readonly<Record<string, (now: Date) => string>> = {
  now_timestamp: (now) => String(now.getTime()),
  timestamp: (now) => String(now.getTime()),
  unique_id: () => randomUUID(),
  random_string: () => randomAlphanumeric(12),
  random_email: () => `specpact-${randomAlphanumeric(12)}@example.com`,
  future_datetime: (now) => later(now, DAY_MS).toISOString(),
  tomorrow_date: (now) => isoDate(later(now, DAY_MS)),
  tomorrow_datetime: (now) => `${isoDate(later(now, DAY_MS))}T10:00:00.000Z`,
  next_week_date: (now) => isoDate(later(now, 7 * DAY_MS)),
}

/** Name → pattern, example and generator: the built-ins the runner can produce. */
export const BUILTINS: Readonly<Record<string, Builtin>> = Object.fromEntries(
  Object.entries(BUILTIN_VARIABLES).flatMap(([name, data]) => {
    const generate = GENERATORS[name]
    return generate ? [[name, { ...data, generate }]] : []
  }),
)

/** The built-in values of one run: each name is generated on first use, then reused. */
export interface BuiltinValues {
  get(name: string): string | undefined
  /** What was generated so far, by name. */
  generated(): Record<string, string>
}

export function createBuiltinValues(now: Date): BuiltinValues {
  const values = new Map<string, string>()
  return {
    get(name) {
      const known = values.get(name)
      if (known !== undefined) return known
      if (!Object.hasOwn(BUILTINS, name)) return undefined
      const value = BUILTINS[name]!.generate(now)
      values.set(name, value)
      return value
    },
    generated: () => Object.fromEntries(values),
  }
}
