/**
 * Schema validation of parsed YAML values, with every zod issue turned into a diagnostic
 * that says where, what was expected and what was found.
 */
import type { z } from 'zod'
import type { Collector } from './collector'
import type { DiagnosticCode } from './errors'
import { FrontMatterSchema, HTTP_METHODS, StepSchema } from './schema'
import { dotPath, preview } from './source'
import type { YamlBlock } from './yaml'

type Issue = z.core.$ZodIssue
type Path = Array<string | number>

interface Target {
  schema: z.ZodObject
  /** Prefix of dot paths in diagnostics, e.g. `prerequisites[0]`. */
  prefix: Path
  /** Path of the value inside the YAML block. */
  yamlPath: Path
  block: YamlBlock
  /** What to call the value in messages, e.g. `step "create_channel"`. */
  subject: string
  missingCode: DiagnosticCode
  invalidCode: DiagnosticCode
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = root
  for (const key of path) {
    if (Array.isArray(v) && typeof key === 'number') v = v[key]
    else if (isRecord(v)) v = v[String(key)]
    else return undefined
  }
  return v
}

function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a mapping'
  return `${typeof v} ${preview(v)}`
}

function expectedOf(issue: Issue, schemaDescription: string | undefined): string {
  switch (issue.code) {
    case 'invalid_value':
      return `one of ${issue.values.map((v) => String(v)).join(', ')}`
    case 'invalid_type':
      return schemaDescription ?? `${issue.expected}`
    case 'too_small':
      return `at least ${String(issue.minimum)}`
    case 'too_big':
      return `at most ${String(issue.maximum)}`
    case 'invalid_format':
      return schemaDescription ?? `a ${issue.format}`
    default:
      return schemaDescription ?? issue.message
  }
}

function describeAt(schema: z.ZodObject, path: ReadonlyArray<PropertyKey>): string | undefined {
  const field = schema.shape[String(path[0])] as z.ZodType | undefined
  if (!field) return undefined
  if (path.length === 1) return field.description
  // Nested: expect.status is the only nested shape worth describing.
  if (path[0] === 'expect' && path[1] === 'status') {
    return 'an HTTP status code (100-599), or a non-empty list of them'
  }
  return undefined
}

function codeFor(issue: Issue, found: unknown, target: Target): DiagnosticCode {
  const [head, second] = issue.path
  if (found === undefined && issue.code === 'invalid_type') return target.missingCode
  if (target.schema === StepSchema) {
    if (head === 'method') return 'invalid-method'
    if (head === 'expect' && second === 'status') return 'invalid-status'
  }
  if (target.invalidCode === 'invalid-field') return 'invalid-field'
  if (issue.code === 'invalid_type') return 'wrong-type'
  return target.invalidCode
}

/**
 * Validates `value` against `target.schema`, reporting unknown keys as warnings and every
 * schema issue as an error. Returns the parsed value, or undefined when it has errors.
 */
export function validateObject<T>(value: unknown, target: Target, out: Collector): T | undefined {
  const at = (path: Path, where: 'key' | 'value' = 'value') =>
    target.block.offsetOf([...target.yamlPath, ...path], where)
  if (!isRecord(value)) return undefined
  for (const key of Object.keys(value)) {
    if (!(key in target.schema.shape)) {
      out.add(
        'unknown-key',
        at([key], 'key'),
        dotPath([...target.prefix, key]),
        `${target.subject} has an unknown key "${key}"; it is ignored`,
        { expected: `one of ${Object.keys(target.schema.shape).join(', ')}`, found: key },
      )
    }
  }
  const result = target.schema.safeParse(value)
  if (result.success) return result.data as T
  const seen = new Set<string>()
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
    // A union (status: number | list) reports once per branch: keep the first per path.
    const where = dotPath([...target.prefix, ...path.slice(0, 2)])
    if (seen.has(where)) continue
    seen.add(where)
    const found = valueAt(value, path)
    const code = codeFor(issue, found, target)
    const expected = expectedOf(issue, describeAt(target.schema, path))
    const name = dotPath(path)
    let message: string
    if (code === 'missing-key' || code === 'missing-field') {
      message = `${target.subject} has no "${name}"`
    } else if (code === 'invalid-method') {
      message = `${target.subject}: ${preview(found)} is not an HTTP method`
    } else if (code === 'invalid-status') {
      message = `${target.subject}: expect.status ${preview(found)} is not an HTTP status code`
    } else {
      message = `${target.subject}: "${name}" is ${typeName(found)}, expected ${expected}`
    }
    out.add(code, at(path), dotPath([...target.prefix, ...path]), message, {
      expected: code === 'invalid-method' ? `one of ${HTTP_METHODS.join(', ')}` : expected,
      found: found === undefined ? 'nothing' : preview(found),
    })
  }
  return undefined
}

export const FRONT_MATTER_TARGET = {
  schema: FrontMatterSchema,
  missingCode: 'missing-field',
  invalidCode: 'invalid-field',
} as const

export const STEP_TARGET = {
  schema: StepSchema,
  missingCode: 'missing-key',
  invalidCode: 'invalid-value',
} as const
