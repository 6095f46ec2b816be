/**
 * Schema validation of parsed YAML values, with every zod issue turned into a diagnostic
 * that says where, what was expected and what was found.
 */
import { z } from 'zod'
import { isRecord } from '../shared'
import type { Collector } from './collector'
import type { DiagnosticCode } from './errors'
import {
  FrontMatterSchema,
  HTTP_METHODS,
  isOneOf,
  MatchingSchema,
  StepSchema,
  TriggerSchema,
  WebhookFrontMatterSchema,
} from './schema'
import { dotPath, preview } from './source'
import { didYouMean } from './suggest'
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
  /** What a value should look like, by field (`tags`, or `tags.*` for its items). */
  expected: Readonly<Record<string, string>>
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = root
  for (const key of path) {
    if (Array.isArray(v) && typeof key === 'number') v = v[key]
    else if (isRecord(v) && Object.hasOwn(v, String(key))) v = v[String(key)]
    else return undefined
  }
  return v
}

/** How a found value is described: `string "x"`, `number 3`, `a list`, `a mapping`. */
export function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (ArrayBuffer.isView(v)) return 'binary data'
  if (typeof v === 'object') return 'a mapping'
  return `${typeof v} ${preview(v)}`
}

const TYPE_PHRASE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  null: 'null',
}

const STATUS_EXPECTED = 'an HTTP status code (100-599), or a non-empty list of them'
const JSON_EXPECTED = 'JSON: a mapping, list, string, number, true, false or null'

const STEP_EXPECTED: Record<string, string> = {
  id: 'an identifier: a letter, then letters, digits, "_" or "-"',
  description: 'a string',
  path: 'a path starting with "/"',
  params: 'a mapping of query parameters',
  'params.*': 'a string, number, true, false or null',
  body: JSON_EXPECTED,
  'body.*': JSON_EXPECTED,
  headers: 'a mapping of header names to strings',
  'headers.*': 'a string',
  form_data: 'a mapping of form fields',
  'form_data.*': JSON_EXPECTED,
  token: 'a token type such as staff',
  extract: 'a mapping of variable names to JSONPaths',
  'extract.*': 'a JSONPath string such as "$.data.uid"',
  expect: 'a mapping with a status, e.g. status: 200',
  'expect.status': STATUS_EXPECTED,
  skipReason: 'a string',
  sleep: 'a whole number of milliseconds, 0 or more',
  waitFor: 'a mapping with an event, e.g. event: channel.activated',
  'waitFor.event': 'an event name such as channel.activated',
  'waitFor.match': 'a mapping of JSONPaths to values',
  'waitFor.match.*': 'a string, number, true, false or null',
  'waitFor.timeout': 'a whole number of milliseconds, more than 0',
}

const FRONT_MATTER_EXPECTED: Record<string, string> = {
  endpoint: '"METHOD /path", e.g. "POST /business/communication/channels"',
  domain: 'a domain such as communication',
  tags: 'a list of tags ([] if none)',
  'tags.*': 'a string',
  tokens: 'a list of token types, e.g. [staff]',
  'tokens.*': 'a string',
  timesReused: 'a whole number, 0 or more',
  expectedOutcome: 'an HTTP status code (100-599)',
}

const WEBHOOK_FRONT_MATTER_EXPECTED: Record<string, string> = {
  ...FRONT_MATTER_EXPECTED,
  event: 'an event name of dot-separated lower-case words, e.g. "channel.activated"',
  provider: 'the name of a configured provider, e.g. communication-gw',
}

const TRIGGER_EXPECTED: Record<string, string> = {
  description: 'what happens at the provider, in plain words',
  params: 'a mapping of the inputs of the change',
  'params.*': JSON_EXPECTED,
}

const MATCHING_EXPECTED: Record<string, string> = {
  exact: 'a list of JSONPaths, e.g. [$.event]',
  'exact.*': 'a JSONPath string such as "$.event"',
  oneOf: 'a mapping of JSONPaths to lists of allowed strings',
  'oneOf.*': 'a non-empty list of allowed strings',
}

function fieldKey(path: ReadonlyArray<PropertyKey>): string {
  const head = String(path[0])
  if (path.length === 1) return head
  return head === 'expect' ? `expect.${String(path[1])}` : `${head}.*`
}

/** Types the branches of a union expected, in words: "a string, a number or null". */
function unionPhrase(issue: Issue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined
  const types = issue.errors.flatMap((branch) =>
    branch.flatMap((i) =>
      i.code === 'invalid_type' ? [TYPE_PHRASE[i.expected] ?? i.expected] : [],
    ),
  )
  if (types.length === 0) return undefined
  const unique = [...new Set(types)]
  return unique.length === 1
    ? unique[0]
    : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`
}

function expectedOf(issue: Issue, target: Target): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`
  if (issue.code === 'too_small') {
    if (issue.origin === 'array') return `at least ${String(issue.minimum)} item`
    return `${String(issue.minimum)} or more`
  }
  if (issue.code === 'too_big') return `${String(issue.maximum)} or less`
  const field = target.expected[fieldKey(issue.path)]
  if (field) return field
  if (issue.code === 'invalid_type') return TYPE_PHRASE[issue.expected] ?? issue.expected
  return unionPhrase(issue) ?? issue.message
}

function codeFor(issue: Issue, found: unknown, target: Target): DiagnosticCode {
  const [head, second] = issue.path
  if (found === undefined && issue.code !== 'invalid_key') return target.missingCode
  if (target.schema === StepSchema) {
    if (head === 'method') return 'invalid-method'
    if (head === 'expect' && second === 'status') return 'invalid-status'
  }
  if (target.invalidCode === 'invalid-field') return 'invalid-field'
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return 'wrong-type'
  return target.invalidCode
}

const isStatus = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599

interface Report {
  code: DiagnosticCode
  path: Path
  at: 'key' | 'value'
  message: string
  expected: string
  found: string
}

/** Path (below `value`) of the first value that JSON cannot hold, such as binary data. */
function notJson(value: unknown, path: Path = []): Path | undefined {
  if (value === null || ['string', 'boolean'].includes(typeof value)) return undefined
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const bad = notJson(item, [...path, i])
      if (bad) return bad
    }
    return undefined
  }
  if (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const bad = notJson(item, [...path, key])
      if (bad) return bad
    }
    return undefined
  }
  return path
}

function describe(issue: Issue, issuePath: Path, value: unknown, target: Target): Report {
  // A JSON union fails as a whole: point at the value inside that JSON cannot hold.
  const inner = issue.code === 'invalid_union' ? notJson(valueAt(value, issuePath)) : undefined
  const path = inner ? [...issuePath, ...inner] : issuePath
  const found = valueAt(value, path)
  const code = codeFor(issue, found, target)
  const name = dotPath(path)
  const subject = target.subject
  const base = { code, path, at: 'value' as const, found: preview(found) }
  if (code === target.missingCode) {
    return { ...base, message: `${subject} has no "${name}"`, expected: expectedOf(issue, target) }
  }
  if (issue.code === 'invalid_key') {
    const key = String(path[path.length - 1])
    return {
      ...base,
      at: 'key',
      message: `${subject}: "${key}" under ${dotPath(path.slice(0, -1))} is not a valid variable name`,
      expected: 'a name of letters, digits and "_", not starting with a digit',
      found: JSON.stringify(key),
    }
  }
  if (code === 'invalid-method') {
    const upper = typeof found === 'string' ? found.toUpperCase() : ''
    const hint = isOneOf(HTTP_METHODS, upper) ? ` (methods are upper case: ${upper})` : ''
    return {
      ...base,
      message: `${subject}: ${preview(found)} is not an HTTP method${hint}`,
      expected: `one of ${HTTP_METHODS.join(', ')}`,
    }
  }
  if (code === 'invalid-status') {
    if (Array.isArray(found) && found.length === 0) {
      return {
        ...base,
        message: `${subject}: expect.status is an empty list`,
        expected: STATUS_EXPECTED,
      }
    }
    // In a list, point at the first item that is not a status code.
    const index = Array.isArray(found) ? found.findIndex((s) => !isStatus(s)) : -1
    const itemPath = index >= 0 ? [...path, index] : path
    const item = Array.isArray(found) && index >= 0 ? found[index] : found
    return {
      ...base,
      path: itemPath,
      message: `${subject}: ${dotPath(itemPath)} ${preview(item)} is not an HTTP status code`,
      expected: STATUS_EXPECTED,
      found: preview(item),
    }
  }
  const expected = expectedOf(issue, target)
  return {
    ...base,
    message: `${subject}: ${name} is ${typeName(found)}, expected ${expected}`,
    expected,
  }
}

function unwrap(schema: unknown): unknown {
  return schema instanceof z.ZodOptional ? schema.unwrap() : schema
}

/** A schema's keys, and the nested object schemas under them, worked out once per schema. */
interface Keys {
  known: string[]
  has: ReadonlySet<string>
  nested: Map<string, z.ZodObject>
}

const keysOf = new WeakMap<z.ZodObject, Keys>()

function keysFor(schema: z.ZodObject): Keys {
  let keys = keysOf.get(schema)
  if (!keys) {
    const nested = new Map<string, z.ZodObject>()
    for (const [key, field] of Object.entries(schema.shape)) {
      const inner = unwrap(field)
      if (inner instanceof z.ZodObject) nested.set(key, inner)
    }
    const known = Object.keys(schema.shape)
    keys = { known, has: new Set(known), nested }
    keysOf.set(schema, keys)
  }
  return keys
}

/** Keys the schema does not know, in `value` and in its nested mappings (`expect`). */
function reportUnknownKeys(
  value: Record<string, unknown>,
  schema: z.ZodObject,
  path: Path,
  target: Target,
  out: Collector,
) {
  const { known, has, nested } = keysFor(schema)
  for (const key of Object.keys(value)) {
    const field = nested.get(key)
    if (!has.has(key)) {
      const where = [...path, key]
      const of = path.length > 0 ? ` in ${dotPath(path)}` : ''
      out.add(
        'unknown-key',
        target.block.offsetOf([...target.yamlPath, ...where], 'key'),
        dotPath([...target.prefix, ...where]),
        `${target.subject} has an unknown key "${key}"${of}; it is ignored${didYouMean(key, known)}`,
        { expected: `one of ${known.join(', ')}`, found: key },
      )
    } else if (field && isRecord(value[key])) {
      reportUnknownKeys(value[key], field, [...path, key], target, out)
    }
  }
}

/**
 * Validates `value` against `target.schema`, reporting unknown keys as warnings and every
 * schema issue as an error. Returns the parsed value, or undefined when it has errors.
 */
export function validateObject<T>(value: unknown, target: Target, out: Collector): T | undefined {
  if (!isRecord(value)) return undefined
  reportUnknownKeys(value, target.schema, [], target, out)
  const result = target.schema.safeParse(value)
  if (result.success) return result.data as T
  const seen = new Set<string>()
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
    const report = describe(issue, path, value, target)
    const where = dotPath([...target.prefix, ...report.path])
    if (seen.has(where)) continue
    seen.add(where)
    out.add(
      report.code,
      target.block.offsetOf([...target.yamlPath, ...report.path], report.at),
      where,
      report.message,
      { expected: report.expected, found: report.found },
    )
  }
  return undefined
}

export const FRONT_MATTER_TARGET = {
  schema: FrontMatterSchema,
  missingCode: 'missing-field',
  invalidCode: 'invalid-field',
  expected: FRONT_MATTER_EXPECTED,
} as const

export const WEBHOOK_FRONT_MATTER_TARGET = {
  schema: WebhookFrontMatterSchema,
  missingCode: 'missing-field',
  invalidCode: 'invalid-field',
  expected: WEBHOOK_FRONT_MATTER_EXPECTED,
} as const

export const TRIGGER_TARGET = {
  schema: TriggerSchema,
  missingCode: 'missing-key',
  invalidCode: 'trigger-invalid',
  expected: TRIGGER_EXPECTED,
} as const

export const MATCHING_TARGET = {
  schema: MatchingSchema,
  missingCode: 'missing-key',
  invalidCode: 'matching-invalid',
  expected: MATCHING_EXPECTED,
} as const

export const STEP_TARGET = {
  schema: StepSchema,
  missingCode: 'missing-key',
  invalidCode: 'invalid-value',
  expected: STEP_EXPECTED,
} as const
