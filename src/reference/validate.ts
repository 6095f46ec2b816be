/**
 * Request validation: zod schemas in, the gateway's error codes out. Every problem of a
 * request is reported in one answer (the envelope's `errors` is an array), each naming the
 * field, what was expected and what was found.
 */
import { z } from 'zod'
import { type ApiError, apiError } from './errors'

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: ApiError[] }

type Issue = z.core.$ZodIssue

/** `['attachments', 0, 'url']` → `attachments[0].url`. */
const fieldPath = (path: readonly PropertyKey[]): string =>
  path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('')

const found = (input: unknown): string => {
  if (input === undefined) return 'nothing'
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'an array'
  if (typeof input === 'string')
    return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)
  if (typeof input === 'object') return 'an object'
  return `${typeof input} ${String(input)}`
}

const toApiError = (issue: Issue): ApiError => {
  const field = fieldPath(issue.path) || 'the request body'
  const absent = issue.input === undefined
  if (absent && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return apiError('missing_field', `${field} is missing`)
  }
  switch (issue.code) {
    case 'invalid_type':
      return apiError(
        'invalid',
        `${field} must be ${article(issue.expected)} (got ${found(issue.input)})`,
      )
    case 'invalid_value':
      return apiError(
        'invalid',
        `${field} must be one of ${issue.values.map(String).join(', ')} (got ${found(issue.input)})`,
      )
    case 'too_big':
      return issue.origin === 'string'
        ? apiError(
            'too_long',
            `${field} must be at most ${String(issue.maximum)} characters (got ${lengthOf(issue.input)})`,
          )
        : apiError('invalid', `${field} ${issue.message} (got ${found(issue.input)})`)
    case 'too_small':
      return issue.origin === 'string'
        ? apiError('invalid', `${field} must not be empty`)
        : apiError('invalid', `${field} ${issue.message} (got ${found(issue.input)})`)
    case 'invalid_format':
      return apiError('invalid', `${field} ${issue.message} (got ${found(issue.input)})`)
    default:
      return apiError('invalid', `${field}: ${issue.message}`)
  }
}

const article = (expected: string): string =>
  expected === 'record'
    ? 'an object'
    : /^[aeiou]/.test(expected)
      ? `an ${expected}`
      : `a ${expected}`

const lengthOf = (input: unknown): string =>
  typeof input === 'string' ? String(input.length) : 'a longer value'

/**
 * Validates a JSON body. An absent body counts as `{}`, so that each required field is
 * reported by name instead of one "body is missing".
 */
export function validateBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
): Validated<z.output<S>> {
  const input = body === undefined || body === null || body === '' ? {} : body
  if (typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      errors: [apiError('invalid', `the request body must be a JSON object (got ${found(input)})`)],
    }
  }
  return validate(schema, input)
}

/** Validates already-parsed input (query strings, bodies). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input, { reportInput: true })
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, errors: result.error.issues.map(toApiError) }
}

/** A required id or text: present and not empty. */
export const requiredString = () => z.string().min(1)
