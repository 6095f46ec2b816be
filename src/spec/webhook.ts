/**
 * The sections only a webhook spec has: `## Trigger` (what makes the provider send it),
 * `## Payload` (the example body) and `## Matching` (which payload values are exact or
 * one of a list instead of matched by type), and the checks across them.
 */
import jp from 'jsonpath'
import { isRecord, parseJsonText } from '../shared'
import { jsonPathProblem } from './checks'
import type { Collector } from './collector'
import { jsonProblem } from './json'
import { withinNesting } from './limits'
import type { RawSection } from './markdown'
import type { Matching, Trigger } from './schema'
import { dotPath, preview } from './source'
import { didYouMean } from './suggest'
import type { JsonValue } from './types'
import { MATCHING_TARGET, TRIGGER_TARGET, typeName, validateObject } from './validate'
import { BUILTIN_VARIABLES, findVariables, isBuiltin } from './variables'
import { parseYamlBlock, type YamlBlock } from './yaml'

const yamlFence = (section: RawSection) =>
  section.fences.find((f) => f.lang === 'yaml' || f.lang === 'yml' || f.lang === '')

/** A ```yaml block holding one mapping under `key`, with unknown keys reported. */
function readKeyedBlock(
  section: RawSection,
  key: string,
  out: Collector,
): { value: Record<string, unknown>; block: YamlBlock } | undefined {
  const fence = yamlFence(section)
  if (!fence) {
    out.add('steps-missing', section.offset, key, `"## ${section.heading}" has no yaml block`, {
      expected: `a \`\`\`yaml block with a ${key}: mapping`,
      found:
        section.fences.length > 0 ? `a \`\`\`${section.fences[0]?.lang} block` : 'no code block',
    })
    return undefined
  }
  const block = parseYamlBlock(fence.content, fence.offset)
  const [error] = block.errors
  if (error) {
    out.add(
      error.code ?? 'yaml-malformed',
      error.offset,
      key,
      `${section.heading}: ${error.message}`,
      {
        expected: `YAML: a ${key}: mapping`,
        found: error.line,
      },
    )
    return undefined
  }
  const value = block.value
  if (!withinNesting(value, () => block.offsetOf([]), key, `"## ${section.heading}"`, out))
    return undefined
  if (!isRecord(value)) {
    const code = key === 'trigger' ? 'trigger-invalid' : 'matching-invalid'
    out.add(code, block.offsetOf([]), key, `"## ${section.heading}" is ${typeName(value)}`, {
      expected: `a ${key}: mapping`,
      found: typeName(value),
    })
    return undefined
  }
  return { value, block }
}

export interface TriggerPart {
  value: Trigger | undefined
  block: YamlBlock | undefined
}

/** `## Trigger`: a block `trigger: {description, params}`. */
export function readTrigger(section: RawSection, out: Collector): TriggerPart {
  const read = readKeyedBlock(section, 'trigger', out)
  if (!read) return { value: undefined, block: undefined }
  const { value: record, block } = read
  for (const key of Object.keys(record)) {
    if (key === 'trigger') continue
    out.add(
      'unknown-key',
      block.offsetOf([key], 'key'),
      dotPath(['trigger', key]),
      `the "## ${section.heading}" block has an unknown key "${key}"; it is ignored${didYouMean(key, ['trigger'])}`,
      { expected: 'trigger', found: key },
    )
  }
  if (!Object.hasOwn(record, 'trigger')) {
    out.add('missing-key', block.offsetOf([]), 'trigger', 'the trigger block has no "trigger"', {
      expected: 'trigger: with a description and params',
      found: 'no trigger: key',
    })
    return { value: undefined, block }
  }
  const target = {
    ...TRIGGER_TARGET,
    prefix: ['trigger'],
    yamlPath: ['trigger'],
    block,
    subject: 'the trigger',
  }
  if (record.trigger === null || typeof record.trigger !== 'object') {
    out.add(
      'trigger-invalid',
      block.offsetOf(['trigger']),
      'trigger',
      `the trigger is ${typeName(record.trigger)}`,
      {
        expected: 'a mapping with description and params',
        found: typeName(record.trigger),
      },
    )
    return { value: undefined, block }
  }
  return { value: validateObject<Trigger>(record.trigger, target, out), block }
}

export interface PayloadPart {
  value: JsonValue | undefined
  /** Offset of the JSON text in the file, to point at a `{{variable}}` in it. */
  offset: number
  text: string
}

/** `## Payload`: a ```json block, the example body of the webhook. */
export function readPayload(section: RawSection, out: Collector): PayloadPart {
  const fence = section.fences.find((f) => f.lang === 'json' || f.lang === '')
  if (!fence) {
    out.add(
      'section-missing',
      section.offset,
      'payload',
      `"## ${section.heading}" has no json block`,
      {
        expected: 'a ```json block with the example payload',
        found:
          section.fences.length > 0 ? `a \`\`\`${section.fences[0]?.lang} block` : 'no code block',
      },
    )
    return { value: undefined, offset: section.offset, text: '' }
  }
  const problem = jsonProblem(fence.content)
  if (!problem) {
    try {
      return {
        value: parseJsonText(fence.content),
        offset: fence.offset,
        text: fence.content,
      }
    } catch {
      // jsonProblem accepts only what JSON.parse accepts; reported below if it ever differs.
    }
  }
  out.add(
    problem?.code ?? 'payload-json',
    fence.offset + (problem?.offset ?? 0),
    'payload',
    `${section.heading}: ${problem?.message ?? 'not valid JSON'}`,
    { expected: 'a JSON document', found: problem?.found ?? 'invalid JSON' },
  )
  return { value: undefined, offset: fence.offset, text: fence.content }
}

export interface MatchingPart {
  value: Matching | undefined
  block: YamlBlock | undefined
}

/** `## Matching`: `exact: [paths]` and `oneOf: {path: [values]}`; absent means "by type". */
export function readMatching(section: RawSection | undefined, out: Collector): MatchingPart {
  if (!section) return { value: {}, block: undefined }
  const fence = yamlFence(section)
  if (!fence) {
    out.add(
      'steps-missing',
      section.offset,
      'matching',
      `"## ${section.heading}" has no yaml block`,
      {
        expected: 'a ```yaml block with exact: and/or oneOf:',
        found:
          section.fences.length > 0 ? `a \`\`\`${section.fences[0]?.lang} block` : 'no code block',
      },
    )
    return { value: undefined, block: undefined }
  }
  const block = parseYamlBlock(fence.content, fence.offset)
  const [error] = block.errors
  if (error) {
    out.add(
      error.code ?? 'yaml-malformed',
      error.offset,
      'matching',
      `${section.heading}: ${error.message}`,
      {
        expected: 'YAML: exact: and/or oneOf:',
        found: error.line,
      },
    )
    return { value: undefined, block: undefined }
  }
  const raw = block.value ?? {}
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    out.add(
      'matching-invalid',
      block.offsetOf([]),
      'matching',
      `"## ${section.heading}" is ${typeName(raw)}`,
      {
        expected: 'a mapping with exact: and/or oneOf:',
        found: typeName(raw),
      },
    )
    return { value: undefined, block }
  }
  const target = {
    ...MATCHING_TARGET,
    prefix: ['matching'],
    yamlPath: [],
    block,
    subject: 'matching',
  }
  return { value: validateObject<Matching>(raw, target, out), block }
}

/** Concrete paths (`$.data.channel.uid`) a JSONPath selects in `payload`. */
export function selectedPaths(payload: JsonValue, path: string): string[] {
  try {
    return jp.paths(payload, path).map((p) => jp.stringify(p))
  } catch {
    return []
  }
}

export interface WebhookChecks {
  event: string | undefined
  payload: PayloadPart
  trigger: TriggerPart
  matching: MatchingPart
  /** Names prerequisites extract, with where each is extracted (for unused-extract). */
  extracted: ReadonlyMap<string, { offset: number; where: string; label: string }>
  configured: ReadonlySet<string>
}

/**
 * Checks across the webhook's parts: every `{{variable}}` of the trigger and the payload is
 * defined, every extract is used, every matching rule applies to the payload, and the
 * payload's own `event` agrees with the front matter.
 */
export function checkWebhook(parts: WebhookChecks, out: Collector) {
  const used = new Set<string>()
  const candidates = [
    ...parts.extracted.keys(),
    ...parts.configured,
    ...Object.keys(BUILTIN_VARIABLES),
  ]
  const defined = (name: string) =>
    parts.extracted.has(name) || parts.configured.has(name) || isBuiltin(name)
  const report = (name: string, offset: number, where: string, what: string) =>
    out.add(
      'undefined-variable',
      offset,
      where,
      `${what} uses {{${name}}}, which is not built in, not configured and not extracted by a prerequisite${didYouMean(name, candidates)}`,
      { expected: 'a built-in, configured or prerequisite-extracted variable', found: name },
    )
  const { trigger, payload } = parts
  if (trigger.value && trigger.block) {
    const block = trigger.block
    for (const use of findVariables(trigger.value.params ?? {}, ['params'])) {
      used.add(use.name)
      if (!defined(use.name))
        report(
          use.name,
          block.offsetOf(['trigger', ...use.path]),
          dotPath(['trigger', ...use.path]),
          'the trigger',
        )
    }
  }
  if (payload.value !== undefined) {
    for (const use of findVariables(payload.value)) {
      used.add(use.name)
      if (defined(use.name)) continue
      const at = payload.text.indexOf(`{{${use.name}`)
      report(
        use.name,
        payload.offset + Math.max(at, 0),
        dotPath(['payload', ...use.path]),
        'the payload',
      )
    }
  }
  for (const [name, { offset, where, label }] of parts.extracted) {
    if (used.has(name)) continue
    out.add(
      'unused-extract',
      offset,
      where,
      `${label} extracts "${name}", which neither the trigger nor the payload uses`,
      {
        expected: `{{${name}}} in the trigger's params or the payload`,
        found: 'no use',
      },
    )
  }
  checkMatching(parts, out)
  checkEvent(parts, out)
}

function checkMatching({ matching, payload }: WebhookChecks, out: Collector) {
  const { value, block } = matching
  if (!value || !block || payload.value === undefined) return
  const doc = payload.value
  const checkPath = (
    path: string,
    yamlPath: Array<string | number>,
    at: 'key' | 'value',
    where: string,
  ) => {
    const problem = jsonPathProblem(path)
    if (problem) {
      out.add(
        'invalid-jsonpath',
        block.offsetOf(yamlPath, at),
        where,
        `matching: ${preview(path)} is not a valid JSONPath (${problem})`,
        {
          expected: 'a JSONPath starting with $, e.g. $.data.channel.status',
          found: preview(path),
        },
      )
      return []
    }
    const selected = selectedPaths(doc, path)
    if (selected.length === 0) {
      out.add(
        'matching-path-unknown',
        block.offsetOf(yamlPath, at),
        where,
        `matching: ${path} selects nothing in the payload`,
        {
          expected: 'a JSONPath of a value of the ## Payload example',
          found: path,
        },
      )
    }
    return selected
  }
  for (const [i, path] of (value.exact ?? []).entries())
    checkPath(path, ['exact', i], 'value', `matching.exact[${i}]`)
  for (const [path, allowed] of Object.entries(value.oneOf ?? {})) {
    const where = dotPath(['matching', 'oneOf', path])
    for (const concrete of checkPath(path, ['oneOf', path], 'key', where)) {
      const example = jp.value(doc, concrete) as unknown
      if (typeof example === 'string' && allowed.includes(example)) continue
      out.add(
        'matching-example-mismatch',
        block.offsetOf(['oneOf', path], 'key'),
        where,
        `matching: the payload's ${concrete} is ${preview(example)}, which oneOf does not allow`,
        { expected: `one of ${allowed.join(', ')}`, found: preview(example) },
      )
    }
  }
}

function checkEvent({ event, payload }: WebhookChecks, out: Collector) {
  const doc = payload.value
  if (!event || doc === null || typeof doc !== 'object' || Array.isArray(doc)) return
  const named = doc.event
  if (named === undefined || named === event) return
  const at = payload.text.indexOf('"event"')
  out.add(
    'event-mismatch',
    payload.offset + Math.max(at, 0),
    'payload.event',
    `the payload says event ${preview(named)} but the front matter says "${event}"`,
    { expected: event, found: preview(named) },
  )
}
