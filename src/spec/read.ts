/**
 * Reads a spec file into a typed `Spec`, collecting every problem of the file in one pass.
 * Never throws: whatever the input, the result is a spec or a list of diagnostics.
 */

import { parseJsonText } from '../shared'
import { checkSteps } from './checks'
import { checkAgainstFrontMatter } from './checks-front-matter'
import { Collector } from './collector'
import { readSpecText, type SpecText } from './file'
import { readFrontMatter } from './frontmatter'
import { jsonProblem } from './json'
import { locationsOf } from './locations'
import { parseStatusTable, type RawSection, scanMarkdown } from './markdown'
import {
  documentOf,
  findSection,
  firstContent,
  headingKind,
  inOrder,
  type ReadOptions,
  readSteps,
} from './read-parts'
import { parseWebhook } from './read-webhook'
import { LineIndex } from './source'
import type { ReadResult, Spec } from './types'

export type { ReadOptions } from './read-parts'

/** Reads and checks the spec `file`. Never throws: an unreadable file is a diagnostic. */
export async function readSpec(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  const read = readSpecText(file)
  return read.ok ? parseSpec(file, read.text, options) : unreadableSpec(file, read)
}

/** The diagnostic of a file that cannot be read as a spec. */
export function unreadableSpec(file: string, read: Extract<SpecText, { ok: false }>): ReadResult {
  const out = new Collector(file, new LineIndex(''))
  out.add(read.code, 0, '', `cannot read ${file}: ${read.reason}`, {
    expected: 'a readable spec file (a regular file of at most 1 MiB)',
    found: read.found,
  })
  return { ok: false, diagnostics: out.diagnostics }
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
      return { value: parseJsonText(fence.content), valid: true, offset: fence.offset }
    } catch {
      // jsonProblem accepts only what JSON.parse accepts; reported below if it ever differs.
    }
  }
  const offset = fence.offset + (problem?.offset ?? 0)
  const message = problem?.message ?? 'not valid JSON'
  out.add(
    problem?.code ?? 'expected-response-json',
    offset,
    'expectedResponse',
    `${section.heading}: ${message}`,
    {
      expected: 'a JSON document',
      found: problem?.found ?? 'invalid JSON',
    },
  )
  return { value: undefined, valid: false, offset: undefined }
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
    locations: locationsOf(raw, fm.block, lines, (all) => {
      if (expected.offset !== undefined) all.expectedResponse = lines.at(expected.offset)
    }),
  }
  return { ok: true, spec, diagnostics }
}

function parseResponseCodes(section: RawSection | undefined) {
  return section ? parseStatusTable(section.text) : []
}
