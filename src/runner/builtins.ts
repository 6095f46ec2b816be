/**
 * Built-in template variables. The data — names, the regex every value fully matches, a
 * deterministic example and how vCita's runner makes a value — is `RUNNER_BUILTINS` in
 * `spec/`, the lowest layer, so lint, translation and the runner share one definition; a
 * test pins that every generated value fully matches its pattern.
 *
 * Decisions: all dates are UTC, so a run does not depend on the machine's time zone;
 * `timestamp` is Unix milliseconds and `now_timestamp` Unix seconds, as in the runner.
 */
import { BUILTIN_VARIABLES, type BuiltinVariable, RUNNER_BUILTINS } from '../spec'

export type { BuiltinVariable } from '../spec'

export interface Builtin extends BuiltinVariable {
  /** A fresh value; date-based ones depend only on `now`. */
  generate(now: Date): string
}

const GENERATORS: Readonly<Record<string, (now: Date) => string>> = Object.fromEntries(
  Object.entries(RUNNER_BUILTINS).map(([name, b]) => [name, b.generate]),
)

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
