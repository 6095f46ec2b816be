/**
 * Template variables: `{{name}}` inside any string of a step. The built-ins are data shared
 * by lint (is the name defined?), translation (which regex matches every generated value?)
 * and the runner (which adds how to generate one).
 */

export interface BuiltinVariable {
  description: string
  /** Regex source; every generated value fully matches it (Pact regexes are full matches). */
  pattern: string
  /** A deterministic example that fully matches `pattern`. */
  example: string
}

const ISO_DATETIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})'
const ISO_DATE = '\\d{4}-\\d{2}-\\d{2}'

export const BUILTIN_VARIABLES: Readonly<Record<string, BuiltinVariable>> = {
  now_timestamp: {
    description: 'Current Unix time in milliseconds',
    pattern: '\\d{10,13}',
    example: '1767225600000',
  },
  timestamp: {
    description: 'Current Unix time in milliseconds (alias of now_timestamp)',
    pattern: '\\d{10,13}',
    example: '1767225600000',
  },
  unique_id: {
    description: 'A unique identifier',
    pattern: '[A-Za-z0-9_-]{6,64}',
    example: 'u7k2m9p4q1x8',
  },
  random_string: {
    description: 'A random alphanumeric string',
    pattern: '[A-Za-z0-9]{4,64}',
    example: 'k3j5h7g9',
  },
  random_email: {
    description: 'A random e-mail address',
    pattern: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}',
    example: 'test.k3j5h7g9@example.com',
  },
  future_datetime: {
    description: '24 hours from now, ISO 8601',
    pattern: ISO_DATETIME,
    example: '2026-01-02T10:00:00.000Z',
  },
  tomorrow_date: { description: "Tomorrow's date", pattern: ISO_DATE, example: '2026-01-02' },
  tomorrow_datetime: {
    description: 'Tomorrow at 10:00, ISO 8601',
    pattern: ISO_DATETIME,
    example: '2026-01-02T10:00:00.000Z',
  },
  next_week_date: {
    description: 'The date 7 days from now',
    pattern: ISO_DATE,
    example: '2026-01-08',
  },
}

export function isBuiltin(name: string): boolean {
  return Object.hasOwn(BUILTIN_VARIABLES, name)
}

/** `{{ name }}` — whitespace inside the braces is tolerated. */
export const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g

export interface VariableUse {
  name: string
  /** Path of the string holding it, relative to the step. */
  path: Array<string | number>
}

/** Every `{{variable}}` used in a value, depth first, in document order. */
export function findVariables(value: unknown, path: Array<string | number> = []): VariableUse[] {
  if (typeof value === 'string') {
    return [...value.matchAll(VARIABLE)].map((m) => ({ name: m[1] as string, path }))
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => findVariables(item, [...path, i]))
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findVariables(v, [...path, k]))
  }
  return []
}
