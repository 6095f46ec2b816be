/**
 * What the HTTP and webhook spec forms read the same way: sections by heading, step lists,
 * the positions of parsed YAML values, the document's common fields and diagnostic order.
 */
import { basename } from 'node:path'
import { isRecord } from '../shared'
import type { RawStep } from './checks'
import type { Collector } from './collector'
import { withinNesting } from './limits'
import type { RawSection } from './markdown'
import type { Step } from './schema'
import { asStepList, isSingleStep } from './single-step'
import { dotPath, type LineIndex } from './source'
import { didYouMean } from './suggest'
import type { Section, StepGroup } from './types'
import { STEP_TARGET, typeName, validateObject } from './validate'
import { parseYamlBlock, type YamlBlock } from './yaml'

export interface ReadOptions {
  /** Names of configured variables (business_id, …), defined for every spec. */
  variables?: Iterable<string>
}

/**
 * A heading as its section's kind: `## Test Request (WILL FAIL)` is a test request and
 * `## Expected Response - Batch Accept (200)` an expected response.
 */
export function headingKind(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/\s+[-–—:].*$/, '')
    .trim()
}

export const findSection = (sections: RawSection[], ...names: string[]) =>
  sections.find((s) => s.level >= 2 && names.includes(headingKind(s.heading)))

export interface StepsPart {
  raw: RawStep[]
  steps: Step[]
  /** Every step is valid (or, for optional prerequisites, there are none). */
  valid: boolean
  /** The step list could be read, so what its steps extract is known. */
  readable: boolean
}

const STEP_KEYS = ['steps']

export function readSteps(
  section: RawSection | undefined,
  group: StepGroup,
  out: Collector,
  required: boolean,
): StepsPart {
  const none = { raw: [], steps: [], valid: !required, readable: !required }
  const unreadable = { raw: [], steps: [], valid: false, readable: false }
  if (!section) return none
  const fence =
    section.fences.find((f) => f.lang === 'yaml' || f.lang === 'yml' || f.lang === '') ??
    (group === 'request' ? section.fences.find((f) => f.lang === 'json') : undefined)
  if (!fence) {
    if (!required) return none
    out.add('steps-missing', section.offset, group, `"## ${section.heading}" has no yaml block`, {
      expected: 'a ```yaml block with a steps: list',
      found:
        section.fences.length > 0 ? `a \`\`\`${section.fences[0]?.lang} block` : 'no code block',
    })
    return unreadable
  }
  let block = parseYamlBlock(fence.content, fence.offset)
  if (block.errors.length === 0 && isSingleStep(block.value)) {
    out.add(
      'request-single-step',
      block.offsetOf([]),
      group,
      `"## ${section.heading}" holds one step, not a steps: list; vCita's runner reads only a \`\`\`yaml steps: block${fence.lang === 'json' ? ', so it would not run this request' : ''}`,
      {
        expected: '```yaml with steps: and a list of steps',
        found: `a \`\`\`${fence.lang || 'text'} step`,
      },
    )
    block = asStepList(block)
  }
  const [error] = block.errors
  if (error) {
    // Only the first: the YAML parser's later errors are mostly echoes of it.
    out.add(
      error.code ?? 'yaml-malformed',
      error.offset,
      group,
      `${section.heading}: ${error.message}`,
      {
        expected: 'YAML: a steps: list of key: value mappings',
        found: error.line,
      },
    )
    return unreadable
  }
  const value = block.value
  const mapping = isRecord(value)
  const list = mapping ? value.steps : undefined
  if (mapping) {
    for (const key of Object.keys(value)) {
      if (key === 'steps') continue
      out.add(
        'unknown-key',
        block.offsetOf([key], 'key'),
        dotPath([group, key]),
        `the "## ${section.heading}" block has an unknown key "${key}"; it is ignored${didYouMean(key, STEP_KEYS)}`,
        { expected: 'steps', found: key },
      )
    }
  }
  // `steps: []` is how a spec says "no prerequisites"; a test request needs at least one.
  if (!Array.isArray(list) || (list.length === 0 && required)) {
    out.add(
      'steps-not-list',
      mapping && list !== undefined ? block.offsetOf(['steps']) : block.offsetOf([]),
      group,
      `"## ${section.heading}" has no steps`,
      {
        expected: 'steps: followed by a list of steps',
        found: !mapping
          ? typeName(value)
          : list === undefined
            ? 'no steps: key'
            : Array.isArray(list)
              ? 'an empty list'
              : `steps: ${typeName(list)}`,
      },
    )
    return unreadable
  }
  const raw: RawStep[] = []
  const steps: Step[] = []
  let valid = true
  list.forEach((item: unknown, index) => {
    if (!isRecord(item)) {
      out.add(
        'step-not-object',
        block.offsetOf(['steps', index]),
        `${group}[${index}]`,
        `${group} step ${index + 1} is ${typeName(item)}, not a step`,
        { expected: 'a mapping with id, method, path, expect', found: typeName(item) },
      )
      valid = false
      return
    }
    const record = item
    const label = `${group} step ${index + 1}`
    const offset = () => block.offsetOf(['steps', index])
    if (!withinNesting(record, offset, `${group}[${index}]`, label, out, 1)) {
      valid = false
      return
    }
    raw.push({ group, index, value: record, block })
    const id = typeof record.id === 'string' ? `step "${record.id}"` : `${group} step ${index + 1}`
    const target = { ...STEP_TARGET, prefix: [group, index], yamlPath: ['steps', index], block }
    const read = withDefaults(record, group, index, block, out)
    const step = validateObject<Step>(read, { ...target, subject: id }, out)
    if (step) steps.push(step)
    else valid = false
  })
  return { raw, steps, valid, readable: true }
}

/** What every spec form has: its file, its name (the file name), title and sections. */
export function documentOf(file: string, sections: RawSection[], lines: LineIndex) {
  return {
    file,
    name: basename(file).replace(/\.md$/i, ''),
    title: sections.find((s) => s.level === 1)?.heading,
    sections: sections.map(
      (s): Section => ({
        heading: s.heading,
        level: s.level,
        line: lines.at(s.offset).line,
        text: s.text,
      }),
    ),
  }
}

/** A file's diagnostics in reading order. */
export const inOrder = (out: Collector) =>
  out.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)

/** Offset of the first non-blank line at or after `from`: where a missing section is noticed. */
export function firstContent(text: string, from: number): number {
  const match = /\S/.exec(text.slice(from))
  if (!match) return from
  return text.lastIndexOf('\n', from + match.index) + 1
}

/**
 * A step as vCita's runner runs it: without `expect` it expects 200 (with a warning, as the
 * format asks for one).
 */
function withDefaults(
  record: Record<string, unknown>,
  group: StepGroup,
  index: number,
  block: YamlBlock,
  out: Collector,
): Record<string, unknown> {
  if (Object.hasOwn(record, 'expect')) return record
  const id = typeof record.id === 'string' ? `step "${record.id}"` : `${group} step ${index + 1}`
  out.add(
    'expect-missing',
    block.offsetOf(['steps', index]),
    dotPath([group, index, 'expect']),
    `${id} has no expect; read as expect: {status: 200}, as vCita's runner does`,
    { expected: 'expect: with a status, e.g. status: [200]', found: 'no expect' },
  )
  return { ...record, expect: { status: 200 } }
}
