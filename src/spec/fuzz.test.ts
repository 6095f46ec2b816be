/**
 * Whatever a spec file contains, the reader answers with diagnostics that make sense: it
 * never throws, every code is known, every position is inside the file, and `ok` is false
 * exactly when there is an error. Inputs are the 42 corpus specs and the 2 seeds, damaged
 * the way files get damaged (cut short, lines lost or repeated, indentation changed, values
 * of another type, stray bytes, any unicode), and strings with no spec in them at all.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkInput } from './test-support/check-input'
import { VALID } from './test-support/specs'

const SHARED = resolve(__dirname, '../../../shared')
const CORPUS = join(SHARED, 'corpus/vcita/workflows/communication')
const SEEDS = join(SHARED, 'seeds')

const readAll = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))

const CORPUS_SPECS = readAll(CORPUS)
const SEED_SPECS = readAll(SEEDS)
const SPECS = [...CORPUS_SPECS, ...SEED_SPECS, VALID]

const splitLines = (text: string) => text.split('\n')

/** A value of another YAML type, for `key: value` lines. */
const otherValue = fc.constantFrom(
  '42',
  '-1',
  '3.5',
  '""',
  'null',
  '~',
  'true',
  '[1, 2]',
  '[]',
  '{a: 1}',
  '{}',
  '"text"',
  '|\n  block',
  '\n  - item',
  '\n  nested: value',
  '&a x',
  '*a',
  '!!binary aGVsbG8=',
  '"{{undefined_var}}"',
  '"$..[?(@.x"',
)

type Mutation = (text: string) => string

const at = (n: number, length: number) => (length === 0 ? 0 : n % length)

const truncate = fc.nat().map(
  (n): Mutation =>
    (t) =>
      t.slice(0, at(n, t.length + 1)),
)

const deleteLines = fc.array(fc.nat(), { minLength: 1, maxLength: 5 }).map(
  (ns): Mutation =>
    (t) => {
      const lines = splitLines(t)
      const drop = new Set(ns.map((n) => at(n, lines.length)))
      return lines.filter((_, i) => !drop.has(i)).join('\n')
    },
)

const duplicateLine = fc.nat().map(
  (n): Mutation =>
    (t) => {
      const lines = splitLines(t)
      const i = at(n, lines.length)
      lines.splice(i, 0, lines[i] ?? '')
      return lines.join('\n')
    },
)

const swapLines = fc.tuple(fc.nat(), fc.nat()).map(
  ([a, b]): Mutation =>
    (t) => {
      const lines = splitLines(t)
      const i = at(a, lines.length)
      const j = at(b, lines.length)
      ;[lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? '']
      return lines.join('\n')
    },
)

const reindent = fc.tuple(fc.nat(), fc.constantFrom('', ' ', '  ', '      ', '\t', ' \t')).map(
  ([n, indent]): Mutation =>
    (t) => {
      const lines = splitLines(t)
      const i = at(n, lines.length)
      lines[i] = indent + (lines[i] ?? '').trimStart()
      return lines.join('\n')
    },
)

const KEY_VALUE = /^(\s*(?:- )?[\w-]+:)[ \t]*(.*)$/

const changeType = fc.tuple(fc.nat(), otherValue).map(
  ([n, value]): Mutation =>
    (t) => {
      const lines = splitLines(t)
      const candidates = lines.flatMap((line, i) => (KEY_VALUE.test(line) ? [i] : []))
      if (candidates.length === 0) return t
      const i = candidates[at(n, candidates.length)] ?? 0
      lines[i] = (lines[i] ?? '').replace(KEY_VALUE, (_, key: string) => `${key} ${value}`)
      return lines.join('\n')
    },
)

const insertAt = (insert: fc.Arbitrary<string>) =>
  fc.tuple(fc.nat(), insert).map(
    ([n, s]): Mutation =>
      (t) => {
        const i = at(n, t.length + 1)
        return t.slice(0, i) + s + t.slice(i)
      },
  )

const randomBytes = insertAt(
  fc
    .uint8Array({ minLength: 1, maxLength: 16 })
    .map((bytes) => Buffer.from(bytes).toString('latin1')),
)
const randomUnicode = insertAt(fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }))

const mutation = fc.oneof(
  truncate,
  deleteLines,
  duplicateLine,
  swapLines,
  reindent,
  changeType,
  randomBytes,
  randomUnicode,
)

const mutatedSpec = fc
  .tuple(fc.constantFrom(...SPECS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([spec, mutations]) => mutations.reduce((text, m) => m(text), spec))

/** Pieces of the format, so random texts reach the reader's deeper paths. */
const PIECES = [
  '---\n',
  'endpoint: "GET /x/{uid}"\n',
  'domain: communication\n',
  'tags: []\n',
  'status: skip\n',
  'expectedOutcome: 422\n',
  '# Title\n',
  '## Test Request\n',
  '## Prerequisites\n',
  '## Expected Response\n',
  '## Response Codes\n| 200 | OK |\n',
  '```yaml\n',
  '```json\n',
  '```\n',
  '~~~\n',
  'steps:\n',
  'steps: []\n',
  '  - id: a\n',
  '    method: GET\n',
  '    path: "/x/{{a}}"\n',
  '    extract:\n      a: "$.data"\n',
  '    expect:\n      status: [200]\n',
  '{"a": [1, {"b": null}]}\n',
  '{"a": \n',
  '\r\n',
  '\uFEFF',
  ' ',
  ':',
  '- ',
  '[',
  '{',
  '"',
  "'",
  '&x ',
  '*x',
]

const pieceText = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 40 })
  .map((pieces) => pieces.join(''))

/**
 * 18,000 inputs here and 2,000 deep ones in fuzz-limits.test.ts: 20,000 per run, about 30 s
 * on two idle cores. SPECPACT_FUZZ_SCALE=20 hunts longer, e.g. after a change to the reader.
 */
const SCALE = Number(process.env.SPECPACT_FUZZ_SCALE ?? 1)
const RUNS = { mutated: 6000 * SCALE, pieces: 8000 * SCALE, random: 4000 * SCALE }

describe('the reader on damaged and random input', () => {
  it('has the inputs it is meant to damage', () => {
    expect(CORPUS_SPECS).toHaveLength(42)
    expect(SEED_SPECS).toHaveLength(2)
  })

  it.each([
    { name: 'damaged corpus and seed specs', arbitrary: mutatedSpec, numRuns: RUNS.mutated },
    { name: 'texts made of pieces of the format', arbitrary: pieceText, numRuns: RUNS.pieces },
    {
      name: 'random unicode strings',
      arbitrary: fc.string({ unit: 'binary', maxLength: 400 }),
      numRuns: RUNS.random,
    },
  ])(
    '$name: never throws, and every diagnostic makes sense',
    ({ arbitrary, numRuns }) => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          checkInput(text)
        }),
        { numRuns },
      )
    },
    // Thousands of reads: ≈3 s alone, but ten times that on two busy cores. The timeout only
    // guards against a hang; the reader's speed is measured by `npm run bench`.
    180_000,
  )
})
