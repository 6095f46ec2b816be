/**
 * Reads a spec file into a typed `Spec`, collecting every problem of the file in one pass.
 * Never throws: whatever the input, the result is a spec or a list of diagnostics.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { checkAgainstFrontMatter, checkSteps, type RawStep } from './checks'
import { Collector } from './collector'
import { type FrontMatterPart, readFrontMatter } from './frontmatter'
import { jsonProblem } from './json'
import { parseStatusTable, type RawSection, scanMarkdown } from './markdown'
import type { Step } from './schema'
import { asStepList, isSingleStep } from './single-step'
import { dotPath, dotPathChild, LineIndex } from './source'
import { didYouMean } from './suggest'
import type { JsonValue, ReadResult, Section, SourcePos, Spec, StepGroup } from './types'
import { STEP_TARGET, typeName, validateObject } from './validate'
import { checkWebhook, readMatching, readPayload, readTrigger, type TriggerPart } from './webhook'
import { parseYamlBlock, type YamlBlock, type YamlCursor } from './yaml'

export interface ReadOptions {
  /** Names of configured variables (business_id, …), defined for every spec. */
  variables?: Iterable<string>
}

const UNREADABLE: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
}

/** Reads and checks the spec `file`. Never throws: an unreadable file is a diagnostic. */
export async function readSpec(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = (code && UNREADABLE[code]) ?? (error as Error).message
    const out = new Collector(file, new LineIndex(''))
    out.add('file-unreadable', 0, '', `cannot read ${file}: ${reason}`, {
      expected: 'a readable spec file',
      found: code ?? reason,
    })
    return { ok: false, diagnostics: out.diagnostics }
  }
  return parseSpec(file, text, options)
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

const findSection = (sections: RawSection[], ...names: string[]) =>
  sections.find((s) => s.level >= 2 && names.includes(headingKind(s.heading)))

interface StepsPart {
  raw: RawStep[]
  steps: Step[]
  /** Every step is valid (or, for optional prerequisites, there are none). */
  valid: boolean
  /** The step list could be read, so what its steps extract is known. */
  readable: boolean
}

const STEP_KEYS = ['steps']

function readSteps(
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
    out.add('yaml-malformed', error.offset, group, `${section.heading}: ${error.message}`, {
      expected: 'YAML: a steps: list of key: value mappings',
      found: error.line,
    })
    return unreadable
  }
  const value = block.value
  const mapping = value !== null && typeof value === 'object' && !Array.isArray(value)
  const list = mapping ? (value as Record<string, unknown>).steps : undefined
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
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
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
    const record = item as Record<string, unknown>
    raw.push({ group, index, value: record, block })
    const id = typeof record.id === 'string' ? `step "${record.id}"` : `${group} step ${index + 1}`
    const target = { ...STEP_TARGET, prefix: [group, index], yamlPath: ['steps', index], block }
    const step = validateObject<Step>(
      withDefaults(record, group, index, block, out),
      {
        ...target,
        subject: id,
      },
      out,
    )
    if (step) steps.push(step)
    else valid = false
  })
  return { raw, steps, valid, readable: true }
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

/** The statuses a heading names: `Expected Response (200/201)` → 200, 201. */
function headingStatuses(heading: string): number[] {
  const inParens = /\(([^)]*)\)\s*$/.exec(heading)?.[1] ?? ''
  return [...inParens.matchAll(/\b([1-5]\d\d)\b/g)].map((m) => Number(m[1]))
}

/** Headings whose ```json block is the response body the consumer relies on. */
const RESPONSE_HEADINGS = ['expected response', 'response', 'example response']

function readExpectedResponse(section: RawSection | undefined, out: Collector) {
  const fence = section?.fences.find((f) => f.lang === 'json' || f.lang === '')
  if (!section || !fence) return { value: undefined, valid: true, offset: undefined }
  const problem = jsonProblem(fence.content)
  if (!problem) {
    try {
      return { value: JSON.parse(fence.content) as JsonValue, valid: true, offset: fence.offset }
    } catch {
      // jsonProblem accepts only what JSON.parse accepts; reported below if it ever differs.
    }
  }
  const offset = fence.offset + (problem?.offset ?? 0)
  const message = problem?.message ?? 'not valid JSON'
  out.add('expected-response-json', offset, 'expectedResponse', `${section.heading}: ${message}`, {
    expected: 'a JSON document',
    found: problem?.found ?? 'invalid JSON',
  })
  return { value: undefined, valid: false, offset: undefined }
}

type Locations = Record<string, SourcePos>

/**
 * Records the position of a YAML value and of everything in it, depth first, under its dot
 * path. The cursor follows the walk, so each value is found from its parent, not the root.
 */
function locate(
  value: unknown,
  path: string,
  cursor: YamlCursor,
  lines: LineIndex,
  locations: Locations,
) {
  locations[path] = lines.at(cursor.offset)
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries())
      locate(item, dotPathChild(path, i), cursor.child(i), lines, locations)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      locate(item, dotPathChild(path, key), cursor.child(key), lines, locations)
  }
}

/** What every spec form has: its file, its name (the file name), title and sections. */
function documentOf(file: string, sections: RawSection[], lines: LineIndex) {
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
const inOrder = (out: Collector) =>
  out.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)

function locationsOf(raw: RawStep[], fm: YamlBlock | undefined, lines: LineIndex) {
  const locations: Locations = {}
  for (const step of raw) {
    const path = dotPath([step.group, step.index])
    locate(step.value, path, step.block.cursor(['steps', step.index]), lines, locations)
  }
  const fmValue = fm?.value
  if (fm && fmValue && typeof fmValue === 'object') {
    // The front matter as a whole has no location of its own: its fields do.
    const root = fm.cursor([])
    const children = Array.isArray(fmValue) ? [...fmValue.entries()] : Object.entries(fmValue)
    for (const [key, item] of children)
      locate(item, dotPathChild('frontMatter', key), root.child(key), lines, locations)
  }
  return locations
}

/** Offset of the first non-blank line at or after `from`: where a missing section is noticed. */
function firstContent(text: string, from: number): number {
  const match = /\S/.exec(text.slice(from))
  if (!match) return from
  return text.lastIndexOf('\n', from + match.index) + 1
}

/** Reads a spec from its text. `file` names it in diagnostics. */
export function parseSpec(file: string, source: string, options: ReadOptions = {}): ReadResult {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  const lines = new LineIndex(text)
  const out = new Collector(file, lines)
  const fm = readFrontMatter(text, out)
  const sections = scanMarkdown(text.slice(fm.bodyOffset), fm.bodyOffset)
  if (fm.form === 'webhook') return parseWebhook(file, text, fm, sections, options, out, lines)
  const requestSection = findSection(sections, 'test request')
  if (!requestSection) {
    out.add(
      'section-missing',
      Math.max(fm.bodyOffset, firstContent(text, fm.bodyOffset)),
      'request',
      'the spec has no "## Test Request" section',
      {
        expected: 'a "## Test Request" heading with a ```yaml steps: block',
        found: 'no such heading',
      },
    )
  }
  const prereq = readSteps(findSection(sections, 'prerequisites'), 'prerequisites', out, false)
  const request = readSteps(requestSection, 'request', out, requestSection !== undefined)
  const raw = [...prereq.raw, ...request.raw]
  checkSteps(raw, new Set(options.variables ?? []), out, {
    prerequisites: prereq.readable,
    // Without a test request, "no later step uses it" would only echo section-missing.
    request: requestSection !== undefined && request.readable,
  })
  if (fm.raw && fm.block) {
    const block = fm.block
    checkAgainstFrontMatter(fm.raw, request.raw, (key) => block.offsetOf([key]), out)
  }
  const responses = sections
    .filter((s) => s.level >= 2 && RESPONSE_HEADINGS.includes(headingKind(s.heading)))
    .map((section) => ({ section, read: readExpectedResponse(section, out) }))
    .filter(({ read }) => !read.valid || read.value !== undefined)
  const expected = {
    value: responses[0]?.read.value,
    valid: responses.every(({ read }) => read.valid),
    offset: responses[0]?.read.offset,
  }
  const diagnostics = inOrder(out)
  if (out.hasErrors || !fm.value || !prereq.valid || !request.valid || !expected.valid) {
    return { ok: false, diagnostics }
  }
  const spec: Spec = {
    kind: 'http',
    ...documentOf(file, sections, lines),
    frontMatter: fm.value,
    prerequisites: prereq.steps,
    requests: request.steps,
    expectedResponse: expected.value,
    expectedResponses: responses.flatMap(({ section, read }) =>
      read.value === undefined
        ? []
        : [{ statuses: headingStatuses(section.heading), value: read.value }],
    ),
    responseCodes: parseResponseCodes(findSection(sections, 'response codes')),
    locations: {
      ...locationsOf(raw, fm.block, lines),
      ...(expected.offset === undefined ? {} : { expectedResponse: lines.at(expected.offset) }),
    },
  }
  return { ok: true, spec, diagnostics }
}

/** A section the webhook form requires, or a diagnostic where it should have been. */
function required(
  sections: RawSection[],
  heading: string,
  what: string,
  text: string,
  bodyOffset: number,
  out: Collector,
) {
  const section = findSection(sections, heading.toLowerCase())
  if (!section) {
    out.add(
      'section-missing',
      Math.max(bodyOffset, firstContent(text, bodyOffset)),
      heading.toLowerCase(),
      `the webhook spec has no "## ${heading}" section`,
      { expected: `a "## ${heading}" heading with ${what}`, found: 'no such heading' },
    )
  }
  return section
}

function triggerLocations(trigger: TriggerPart, lines: LineIndex) {
  const locations: Locations = {}
  const block = trigger.block
  if (!block || !trigger.value) return locations
  locate(trigger.value, 'trigger', block.cursor(['trigger']), lines, locations)
  return locations
}

/** The webhook form: front matter naming an event, prerequisites, trigger, payload, matching. */
function parseWebhook(
  file: string,
  text: string,
  fm: FrontMatterPart,
  sections: RawSection[],
  options: ReadOptions,
  out: Collector,
  lines: LineIndex,
): ReadResult {
  const triggerSection = required(
    sections,
    'Trigger',
    'a ```yaml trigger: block',
    text,
    fm.bodyOffset,
    out,
  )
  const payloadSection = required(
    sections,
    'Payload',
    'a ```json example payload',
    text,
    fm.bodyOffset,
    out,
  )
  const prereq = readSteps(findSection(sections, 'prerequisites'), 'prerequisites', out, false)
  const configured = new Set(options.variables ?? [])
  checkSteps(prereq.raw, configured, out, { prerequisites: prereq.readable, request: false })
  const trigger = triggerSection
    ? readTrigger(triggerSection, out)
    : { value: undefined, block: undefined }
  const payload = payloadSection
    ? readPayload(payloadSection, out)
    : { value: undefined, offset: 0, text: '' }
  const matching = readMatching(findSection(sections, 'matching'), out)
  const extracted = new Map<string, { offset: number; where: string; label: string }>()
  for (const step of prereq.raw) {
    const extract = step.value.extract
    if (extract === null || typeof extract !== 'object' || Array.isArray(extract)) continue
    const id = step.value.id
    for (const name of Object.keys(extract)) {
      extracted.set(name, {
        offset: step.block.offsetOf(['steps', step.index, 'extract', name], 'key'),
        where: dotPath(['prerequisites', step.index, 'extract', name]),
        label: typeof id === 'string' ? `step "${id}"` : `prerequisites step ${step.index + 1}`,
      })
    }
  }
  if (prereq.readable) {
    checkWebhook(
      { event: fm.webhook?.event, payload, trigger, matching, extracted, configured },
      out,
    )
  }
  const diagnostics = inOrder(out)
  if (
    out.hasErrors ||
    !fm.webhook ||
    !prereq.valid ||
    !trigger.value ||
    payload.value === undefined ||
    !matching.value
  ) {
    return { ok: false, diagnostics }
  }
  const spec: Spec = {
    kind: 'webhook',
    ...documentOf(file, sections, lines),
    frontMatter: fm.webhook,
    prerequisites: prereq.steps,
    trigger: trigger.value,
    payload: payload.value,
    matching: matching.value,
    locations: { ...locationsOf(prereq.raw, fm.block, lines), ...triggerLocations(trigger, lines) },
  }
  return { ok: true, spec, diagnostics }
}

function parseResponseCodes(section: RawSection | undefined) {
  return section ? parseStatusTable(section.text) : []
}
