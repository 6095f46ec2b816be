/**
 * The YAML front matter of a spec: found between a first line `---` and the next line
 * `---`, parsed with positions, validated against `FrontMatterSchema`, and checked for the
 * problems a reviewer would point out (no swagger, unknown domain, skip without reason).
 */

import { isRecord } from '../shared'
import type { Collector } from './collector'
import { DOMAINS, type FrontMatter, type WebhookFrontMatter } from './schema'
import { preview, quoteLine } from './source'
import { didYouMean } from './suggest'
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
  if (Object.hasOwn(raw, 'event')) {
    const target = { ...WEBHOOK_FRONT_MATTER_TARGET, ...where }
    const webhook = validateObject<WebhookFrontMatter>(raw, target, out)
    checkFrontMatter(raw, block, out)
    return { ...part, form: 'webhook', value: undefined, webhook, raw }
  }
  const value = validateObject<FrontMatter>(raw, { ...FRONT_MATTER_TARGET, ...where }, out)
  checkFrontMatter(raw, block, out)
  return { ...part, value, raw }
}

/** An absolute path on Unix or Windows, or one starting at a home directory. */
const ABSOLUTE = /^(\/|~|[A-Za-z]:[\\/]|\\\\)/

/** Checks that need only the fields that are usable, so they run even beside errors. */
function checkFrontMatter(fm: Record<string, unknown>, block: YamlBlock, out: Collector) {
  const at = (key: string) => block.offsetOf([key])
  const { swagger, domain, status, skipReason } = fm
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
  if (
    typeof domain === 'string' &&
    domain !== '' &&
    !(DOMAINS as readonly string[]).includes(domain)
  ) {
    out.add(
      'unknown-domain',
      at('domain'),
      'frontMatter.domain',
      `unknown domain "${domain}"${didYouMean(domain, DOMAINS)}`,
      { expected: `one of ${DOMAINS.join(', ')}`, found: domain },
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
