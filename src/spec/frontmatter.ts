/**
 * The YAML front matter of a spec: found between a first line `---` and the next line
 * `---`, parsed with positions, validated against `FrontMatterSchema`, and checked for the
 * problems a reviewer would point out (no swagger, skip without reason). Any domain name is
 * accepted: the list of domains is vCita's to grow.
 */

import { isRecord } from '../shared'
import type { Collector } from './collector'
import { type FrontMatter, isOneOf, SPEC_STATUSES, type WebhookFrontMatter } from './schema'
import { preview, quoteLine } from './source'
import {
  FRONT_MATTER_TARGET,
  typeName,
  validateObject,
  WEBHOOK_FRONT_MATTER_TARGET,
} from './validate'
import { parseYamlBlock, type YamlBlock } from './yaml'

/**
 * Which form a spec has: an `event` field makes it a webhook spec (a message the provider
 * sends); anything else is an HTTP spec (a request the provider serves).
 */
export type SpecForm = 'http' | 'webhook'

export interface FrontMatterPart {
  form: SpecForm
  /** The validated front matter of an HTTP spec; undefined when missing, invalid or a webhook. */
  value: FrontMatter | undefined
  /** The validated front matter of a webhook spec; undefined otherwise. */
  webhook: WebhookFrontMatter | undefined
  /** The front matter as parsed, even when invalid: later checks use what is usable. */
  raw: Record<string, unknown> | undefined
  block: YamlBlock | undefined
  /** Offset of the markdown body. */
  bodyOffset: number
}

const DELIMITER = /^---[ \t]*\r?$/

interface Split {
  /** Offset just after the opening line. */
  yamlOffset: number
  /** Offset of the closing line, or undefined when there is none. */
  closeOffset: number | undefined
  bodyOffset: number
}

function split(text: string): Split | undefined {
  const lineEnd = (from: number) => {
    const end = text.indexOf('\n', from)
    return end < 0 ? text.length : end
  }
  const firstEnd = lineEnd(0)
  if (!DELIMITER.test(text.slice(0, firstEnd))) return undefined
  if (firstEnd === text.length) {
    return { yamlOffset: text.length, closeOffset: undefined, bodyOffset: text.length }
  }
  const yamlOffset = firstEnd + 1
  for (let start = yamlOffset; start < text.length; ) {
    const end = lineEnd(start)
    if (DELIMITER.test(text.slice(start, end))) {
      return { yamlOffset, closeOffset: start, bodyOffset: Math.min(end + 1, text.length) }
    }
    start = end + 1
  }
  return { yamlOffset, closeOffset: undefined, bodyOffset: yamlOffset }
}

export function readFrontMatter(text: string, out: Collector): FrontMatterPart {
  const none = {
    form: 'http' as const,
    value: undefined,
    webhook: undefined,
    raw: undefined,
    block: undefined,
  }
  const parts = split(text)
  if (!parts) {
    out.add(
      'front-matter-missing',
      0,
      'frontMatter',
      'the file does not start with --- front matter',
      {
        expected: 'a first line "---", YAML fields, and a closing "---"',
        found: quoteLine(text, 0),
      },
    )
    return { ...none, bodyOffset: 0 }
  }
  if (parts.closeOffset === undefined) {
    // Without the closing line nobody can tell where the YAML ends; the markdown is still
    // read from the line after the opening ---, so its problems are reported too.
    out.add('front-matter-unclosed', 0, 'frontMatter', 'the front matter is never closed by ---', {
      expected: 'a line "---" after the front-matter fields',
      found: 'the end of the file',
    })
    return { ...none, bodyOffset: parts.bodyOffset }
  }
  const block = parseYamlBlock(text.slice(parts.yamlOffset, parts.closeOffset), parts.yamlOffset)
  const part = { block, bodyOffset: parts.bodyOffset, form: 'http' as const, webhook: undefined }
  const [error] = block.errors
  if (error) {
    out.add(
      error.code ?? 'front-matter-yaml',
      error.offset,
      'frontMatter',
      `front matter: ${error.message}`,
      {
        expected: 'YAML key: value fields',
        found: error.line,
      },
    )
    return { ...part, value: undefined, raw: undefined }
  }
  // An empty front matter is a mapping without fields: each missing field is reported.
  const raw = block.value === null || block.value === undefined ? {} : block.value
  if (!isRecord(raw)) {
    out.add(
      'front-matter-yaml',
      block.offsetOf([]),
      'frontMatter',
      `the front matter is ${typeName(raw)}, not key: value fields`,
      { expected: 'key: value fields', found: typeName(raw) },
    )
    return { ...part, value: undefined, raw: undefined }
  }
  const where = { prefix: ['frontMatter'], yamlPath: [], block, subject: 'front matter' }
  const read = normalize(raw, block, out)
  if (Object.hasOwn(read, 'event')) {
    const target = { ...WEBHOOK_FRONT_MATTER_TARGET, ...where }
    const webhook = validateObject<WebhookFrontMatter>(read, target, out)
    checkFrontMatter(read, block, out)
    return { ...part, form: 'webhook', value: undefined, webhook, raw: read }
  }
  const value = validateObject<FrontMatter>(read, { ...FRONT_MATTER_TARGET, ...where }, out)
  checkFrontMatter(read, block, out)
  return { ...part, value, raw: read }
}

/**
 * Statuses the upstream repository uses besides its four (its audit and its index read
 * `success` and `working` as verified), and what they mean here.
 */
export const UPSTREAM_STATUSES: Readonly<Record<string, (typeof SPEC_STATUSES)[number]>> = {
  success: 'verified',
  working: 'verified',
  pass: 'verified',
  passed: 'verified',
  deprecated: 'skipped',
  fail: 'failed',
}

/** Fields that are required: an empty one is reported, not dropped. */
const REQUIRED = new Set(['endpoint', 'domain', 'event', 'provider', 'status'])

/**
 * The front matter as vCita's runner reads it: an empty optional field (`swagger:`) is
 * absent, an empty `tags:` is no tags, and the statuses upstream uses are mapped to
 * specpact's, each with a warning. The parsed value itself is never changed.
 */
function normalize(raw: Record<string, unknown>, block: YamlBlock, out: Collector) {
  const read: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    const empty = value === null || (typeof value === 'string' && value.trim() === '')
    if (key === 'tags' && empty) read[key] = []
    else if (!(empty && !REQUIRED.has(key))) read[key] = value
  }
  const status = read.status
  if (typeof status === 'string' && !isOneOf(SPEC_STATUSES, status)) {
    const mapped = UPSTREAM_STATUSES[status.toLowerCase()] ?? 'pending'
    const known = Object.hasOwn(UPSTREAM_STATUSES, status.toLowerCase())
    out.add(
      'status-mapped',
      block.offsetOf(['status']),
      'frontMatter.status',
      known
        ? `status "${status}" is an upstream word for ${mapped}; read as ${mapped}`
        : `status "${status}" is not a status specpact knows; read as pending`,
      { expected: `one of ${SPEC_STATUSES.join(', ')}`, found: status },
    )
    read.status = mapped
  }
  return read
}

/** An absolute path on Unix or Windows, or one starting at a home directory. */
const ABSOLUTE = /^(\/|~|[A-Za-z]:[\\/]|\\\\)/

/** Checks that need only the fields that are usable, so they run even beside errors. */
function checkFrontMatter(fm: Record<string, unknown>, block: YamlBlock, out: Collector) {
  const at = (key: string) => block.offsetOf([key])
  const { swagger, status, skipReason } = fm
  if (swagger === undefined) {
    out.add(
      'missing-swagger',
      block.offsetOf([]),
      'frontMatter.swagger',
      'front matter has no swagger',
      {
        expected: 'swagger: the path of the API description, relative to the swagger root',
        found: 'nothing',
      },
    )
  } else if (typeof swagger === 'string' && ABSOLUTE.test(swagger)) {
    out.add(
      'swagger-not-relative',
      at('swagger'),
      'frontMatter.swagger',
      `swagger ${preview(swagger)} is an absolute path, which exists only on the machine that wrote it`,
      {
        expected:
          'a path relative to the swagger root, e.g. swagger/communication/communication.json',
        found: preview(swagger),
      },
    )
  }
  const reasonless =
    skipReason === undefined || (typeof skipReason === 'string' && !skipReason.trim())
  if ((status === 'skip' || status === 'skipped') && reasonless) {
    out.add(
      'skip-without-reason',
      at('status'),
      'frontMatter.status',
      `status is ${status} but there is no skipReason`,
      { expected: 'a skipReason saying why the spec is skipped', found: preview(skipReason) },
    )
  }
}
