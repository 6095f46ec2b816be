import { isRecord, parseJsonText } from '../shared'
import type { Collector } from './collector'
import { jsonProblem } from './json'
import { withinNesting } from './limits'
import type { RawSection } from './markdown'
import type { Matching, Trigger } from './schema'
import { dotPath } from './source'
import { didYouMean } from './suggest'
import type { JsonValue } from './types'
import { MATCHING_TARGET, TRIGGER_TARGET, typeName, validateObject } from './validate'
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
