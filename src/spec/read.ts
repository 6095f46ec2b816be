/**
 * Reads a spec file into a typed `Spec`, collecting every problem of the file in one pass.
 * Never throws: whatever the input, the result is a spec or a list of diagnostics.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import matter from 'gray-matter'
import { checkAgainstFrontMatter, checkSteps, type RawStep } from './checks'
import { Collector } from './collector'
import { parseStatusTable, type RawSection, scanMarkdown } from './markdown'
import { DOMAINS, type FrontMatter, type Step } from './schema'
import { LineIndex } from './source'
import type { JsonValue, ReadResult, Section, SourcePos, Spec, StepGroup } from './types'
import { FRONT_MATTER_TARGET, STEP_TARGET, validateObject } from './validate'
import { parseYamlBlock, type YamlBlock } from './yaml'

export interface ReadOptions {
  /** Names of configured variables (business_id, …), defined for every spec. */
  variables?: Iterable<string>
}

const FRONT_MATTER_OPEN = /^---[ \t]*\r?\n/
const FRONT_MATTER_CLOSE = /\r?\n---[ \t]*(\r?\n|$)/

export async function readSpec(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    const out = new Collector(file, new LineIndex(''))
    out.add('file-unreadable', 0, '', `cannot read ${file}: ${reason}`)
    return { ok: false, diagnostics: out.diagnostics }
  }
  return parseSpec(file, text, options)
}

interface FrontMatterPart {
  value: FrontMatter | undefined
  block: YamlBlock | undefined
  body: string
  bodyOffset: number
}

function readFrontMatter(text: string, out: Collector): FrontMatterPart {
  if (!FRONT_MATTER_OPEN.test(text)) {
    out.add(
      'front-matter-missing',
      0,
      'frontMatter',
      'the file does not start with --- front matter',
      {
        expected: 'a first line "---", YAML fields, and a closing "---"',
        found: text.split('\n')[0]?.slice(0, 40) ?? '',
      },
    )
    return { value: undefined, block: undefined, body: text, bodyOffset: 0 }
  }
  if (!FRONT_MATTER_CLOSE.test(text.slice(3))) {
    out.add('front-matter-unclosed', 0, 'frontMatter', 'the front matter is never closed by ---')
    return { value: undefined, block: undefined, body: '', bodyOffset: text.length }
  }
  // gray-matter splits front matter from the body; our YAML parser reads it with positions.
  const split = matter(text, { engines: { yaml: () => ({}) } })
  const fmOffset = text.indexOf(split.matter)
  const block = parseYamlBlock(split.matter, fmOffset)
  for (const error of block.errors) {
    out.add('front-matter-yaml', error.offset, 'frontMatter', `front matter: ${error.message}`)
  }
  const part = { block, body: split.content, bodyOffset: text.length - split.content.length }
  if (block.errors.length > 0) return { ...part, value: undefined }
  if (block.value === null || typeof block.value !== 'object' || Array.isArray(block.value)) {
    out.add(
      'front-matter-yaml',
      fmOffset,
      'frontMatter',
      'the front matter is not a YAML mapping',
      {
        expected: 'key: value fields',
        found: typeof block.value,
      },
    )
    return { ...part, value: undefined }
  }
  const subject = 'front matter'
  const target = { ...FRONT_MATTER_TARGET, prefix: ['frontMatter'], yamlPath: [], block, subject }
  const value = validateObject<FrontMatter>(block.value, target, out)
  if (value) checkFrontMatter(value, block, out)
  return { ...part, value }
}

function checkFrontMatter(fm: FrontMatter, block: YamlBlock, out: Collector) {
  const at = (key: string) => block.offsetOf([key])
  if (fm.swagger === undefined) {
    out.add(
      'missing-swagger',
      block.offsetOf([]),
      'frontMatter.swagger',
      'front matter has no swagger',
    )
  }
  if (!(DOMAINS as readonly string[]).includes(fm.domain)) {
    out.add('unknown-domain', at('domain'), 'frontMatter.domain', `unknown domain "${fm.domain}"`, {
      expected: `one of ${DOMAINS.join(', ')}`,
      found: fm.domain,
    })
  }
  if ((fm.status === 'skip' || fm.status === 'skipped') && !fm.skipReason) {
    out.add(
      'skip-without-reason',
      at('status'),
      'frontMatter.status',
      `status is ${fm.status} but there is no skipReason`,
      { expected: 'a skipReason saying why the spec is skipped', found: 'nothing' },
    )
  }
}

const findSection = (sections: RawSection[], name: string) =>
  sections.find((s) => s.level >= 2 && s.heading.toLowerCase() === name)

interface StepsPart {
  raw: RawStep[]
  steps: Step[]
  valid: boolean
}

function readSteps(
  section: RawSection | undefined,
  group: StepGroup,
  out: Collector,
  required: boolean,
): StepsPart {
  const none = { raw: [], steps: [], valid: !required }
  if (!section) return none
  const fence = section.fences.find((f) => f.lang === 'yaml' || f.lang === 'yml' || f.lang === '')
  if (!fence) {
    if (required) {
      out.add('steps-missing', section.offset, group, `"## ${section.heading}" has no yaml block`, {
        expected: 'a ```yaml block with a steps: list',
        found: 'no code block',
      })
    }
    return none
  }
  const block = parseYamlBlock(fence.content, fence.offset)
  for (const error of block.errors) {
    out.add('yaml-malformed', error.offset, group, `${section.heading}: ${error.message}`)
  }
  if (block.errors.length > 0) return { raw: [], steps: [], valid: false }
  const list = (block.value as { steps?: unknown } | null)?.steps
  // `steps: []` is how a spec says "no prerequisites"; a test request needs at least one.
  if (!Array.isArray(list) || (list.length === 0 && required)) {
    out.add(
      'steps-not-list',
      block.offsetOf(['steps']),
      group,
      `"## ${section.heading}" has no steps`,
      {
        expected: 'steps: followed by a list of steps',
        found: Array.isArray(list) ? 'an empty list' : typeof list,
      },
    )
    return { raw: [], steps: [], valid: false }
  }
  const raw: RawStep[] = []
  const steps: Step[] = []
  let valid = true
  list.forEach((value: unknown, index) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.add(
        'step-not-object',
        block.offsetOf(['steps', index]),
        `${group}[${index}]`,
        'not a step',
        {
          expected: 'a mapping with id, method, path, expect',
          found: value === null ? 'null' : typeof value,
        },
      )
      valid = false
      return
    }
    const record = value as Record<string, unknown>
    raw.push({ group, index, value: record, block })
    const id = typeof record.id === 'string' ? `step "${record.id}"` : `${group} step ${index + 1}`
    const target = { ...STEP_TARGET, prefix: [group, index], yamlPath: ['steps', index], block }
    const step = validateObject<Step>(record, { ...target, subject: id }, out)
    if (step) steps.push(step)
    else valid = false
  })
  return { raw, steps, valid }
}

function readExpectedResponse(section: RawSection | undefined, lines: LineIndex, out: Collector) {
  const fence = section?.fences.find((f) => f.lang === 'json' || f.lang === '')
  if (!section || !fence) return { value: undefined, valid: true }
  try {
    return { value: JSON.parse(fence.content) as JsonValue, valid: true }
  } catch (error) {
    const message = (error as Error).message
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? 0)
    out.add('expected-response-json', fence.offset + position, 'expectedResponse', message, {
      expected: 'a JSON document',
      found: lines.at(fence.offset + position).line.toString(),
    })
    return { value: undefined, valid: false }
  }
}

function locationsOf(raw: RawStep[], fm: YamlBlock | undefined, lines: LineIndex) {
  const locations: Record<string, SourcePos> = {}
  for (const step of raw) {
    const base = `${step.group}[${step.index}]`
    locations[base] = lines.at(step.block.offsetOf(['steps', step.index]))
    for (const key of Object.keys(step.value)) {
      locations[`${base}.${key}`] = lines.at(step.block.offsetOf(['steps', step.index, key]))
    }
  }
  const fmValue = fm?.value
  if (fm && fmValue && typeof fmValue === 'object') {
    for (const key of Object.keys(fmValue)) {
      locations[`frontMatter.${key}`] = lines.at(fm.offsetOf([key]))
    }
  }
  return locations
}

/** Reads a spec from its text. `file` names it in diagnostics. */
export function parseSpec(file: string, source: string, options: ReadOptions = {}): ReadResult {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  const lines = new LineIndex(text)
  const out = new Collector(file, lines)
  const fm = readFrontMatter(text, out)
  const sections = scanMarkdown(fm.body, fm.bodyOffset)
  const requestSection = findSection(sections, 'test request')
  if (!requestSection) {
    out.add(
      'section-missing',
      fm.bodyOffset,
      'request',
      'the spec has no "## Test Request" section',
    )
  }
  const prereq = readSteps(findSection(sections, 'prerequisites'), 'prerequisites', out, false)
  const request = readSteps(requestSection, 'request', out, requestSection !== undefined)
  const raw = [...prereq.raw, ...request.raw]
  checkSteps(raw, new Set(options.variables ?? []), out)
  if (fm.value && fm.block) {
    const block = fm.block
    checkAgainstFrontMatter(fm.value, request.raw, (key) => block.offsetOf([key]), out)
  }
  const expected = readExpectedResponse(findSection(sections, 'expected response'), lines, out)
  const diagnostics = out.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
  if (out.hasErrors || !fm.value || !prereq.valid || !request.valid || !expected.valid) {
    return { ok: false, diagnostics }
  }
  const spec: Spec = {
    kind: 'http',
    file,
    name: basename(file).replace(/\.md$/i, ''),
    frontMatter: fm.value,
    title: sections.find((s) => s.level === 1)?.heading,
    sections: sections.map(
      (s): Section => ({
        heading: s.heading,
        level: s.level,
        line: lines.at(s.offset).line,
        text: s.text,
      }),
    ),
    prerequisites: prereq.steps,
    requests: request.steps,
    expectedResponse: expected.value,
    responseCodes: parseResponseCodes(findSection(sections, 'response codes')),
    locations: locationsOf(raw, fm.block, lines),
  }
  return { ok: true, spec, diagnostics }
}

function parseResponseCodes(section: RawSection | undefined) {
  return section ? parseStatusTable(section.text) : []
}
