/**
 * The fast reader (js-yaml's events) is held to the `yaml` library: whenever it reads a
 * block, the block has no YAML errors there, the value is the same (keys in the same order)
 * and every position a diagnostic or a location can ask for is the same. Inputs: the blocks
 * of the corpus and of the repository's specs, damaged copies of them, and documents
 * generated from the pieces YAML is made of.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanMarkdown } from './markdown'
import { parseWithLibrary, parseYamlBlock } from './yaml'
import { readFast } from './yaml-events'

const ROOT = resolve(__dirname, '../..')
const CORPUS_ROOT = resolve(ROOT, '../shared/corpus/vcita/workflows')
const DOMAINS = ['communication', 'clients', 'scheduling', 'apps']
const REPO_SPECS = join(ROOT, 'specs/communication-gw')

/** The front matter and the yaml blocks of a spec file. */
function blocksOf(text: string): string[] {
  const blocks: string[] = []
  const close = text.startsWith('---\n') ? text.indexOf('\n---\n', 3) : -1
  if (close > 0) blocks.push(text.slice(4, close + 1))
  for (const section of scanMarkdown(text, 0))
    for (const fence of section.fences)
      if (['yaml', 'yml', ''].includes(fence.lang)) blocks.push(fence.content)
  return blocks
}

const blocksIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => blocksOf(readFileSync(join(dir, f), 'utf8')))

const CORPUS_BLOCKS = DOMAINS.flatMap((d) => blocksIn(join(CORPUS_ROOT, d)))
const REPO_BLOCKS = blocksIn(REPO_SPECS)

type Path = Array<string | number>

/** Every path into `value`, depth first, and a few that lead nowhere below each. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path, [...path, 'nowhere'], [...path, 99])
  if (Array.isArray(value))
    for (const [i, item] of value.entries()) pathsOf(item, [...path, i], out)
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out)
  return out
}

/** Whether `path` leads to an empty value (null) somewhere along it. */
function emptyAt(value: unknown, path: Path): boolean {
  let here: unknown = value
  for (const part of path) {
    if (here === null) return true
    if (here === undefined || typeof here !== 'object') return false
    here = (here as Record<string | number, unknown>)[part]
  }
  return here === null
}

const sameLine = (source: string) => (a: number, b: number) =>
  !source.slice(Math.min(a, b), Math.max(a, b)).includes('\n')

/** Keys in order, all the way down: `isDeepStrictEqual` ignores their order. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape)
  if (value !== null && typeof value === 'object')
    return Object.entries(value).map(([k, v]) => [k, shape(v)])
  return value
}

/**
 * Why the fast reader disagrees with `yaml` on `source`, or undefined when it agrees or
 * declines. Offsets are checked both ways, by `offsetOf` and by walking a cursor.
 */
function disagreement(source: string): string | undefined {
  if (!readFast(source)) return undefined
  const simple = parseYamlBlock(source, 7)
  const library = parseWithLibrary(source, 7)
  if (library.errors.length > 0) return `yaml reports ${library.errors[0]?.message}`
  if (!isDeepStrictEqual(simple.value, library.value)) return 'the values differ'
  if (!isDeepStrictEqual(shape(simple.value), shape(library.value))) return 'key orders differ'
  for (const path of pathsOf(library.value)) {
    // An empty value has no place of its own: it is found at its key (yaml places it
    // after the colon), so only its line must agree.
    const same = emptyAt(library.value, path) ? sameLine(source) : (a: number, b: number) => a === b
    for (const at of ['value', 'key'] as const) {
      const [mine, theirs] = [simple.offsetOf(path, at), library.offsetOf(path, at)]
      if (!same(mine - 7, theirs - 7))
        return `${at} of ${JSON.stringify(path)}: ${mine}, yaml ${theirs}`
    }
    const walked = path.reduce((c, part) => c.child(part), simple.cursor([])).offset
    if (!same(walked - 7, library.offsetOf(path) - 7))
      return `cursor at ${JSON.stringify(path)}: ${walked}`
  }
  return undefined
}

// The property tests compare both parsers thousands of times: minutes on a loaded 2-core machine.
describe('readFast', { timeout: 120_000 }, () => {
  it.each([
    { name: 'the front matter of a spec', source: REPO_BLOCKS[0] as string },
    {
      name: 'scalars of every core type',
      source: 'a: 200\nb: true\nc: False\nd: ~\ne: 0x1F\nf: 0o17\ng: 1.5e3\nh: .inf\ni: 007\n',
    },
    {
      name: 'strings that only look special',
      source: 'a: 2026-01-29T18:21:26.398Z\nb: /x/{uid}?a=1\nc: "{{now}}"\nd: it\'s\ne: yes\n',
    },
    { name: 'quoted keys', source: '"filter[uid]": "{{uid}}"\n\'x y\': 1\n"": empty\n' },
    {
      name: 'nested lists and mappings',
      source:
        'steps:\n  - id: a\n    body:\n      x: [1, "two", three]\n      y: {}\n  -   id: b\n',
    },
    {
      name: 'comments and blank lines anywhere',
      source: '# head ═\n\na: 1   # one\n  # indented\nb: "x # y"  # two\n\n',
    },
    { name: 'lists of scalars', source: 'a:\n  - 1\n  - "two"\n  - [ ]\n' },
    {
      name: 'a comment between a key and its block',
      source: 'a:   \n# c\n  - "k": 1\n    b: ...\n  -  c: http://x:80/\n     d: 1e400\n',
    },
  ])('reads $name as yaml does', ({ source }) => {
    expect(readFast(source)).toBeDefined()
    expect(disagreement(source)).toBeUndefined()
  })

  it.each([
    { name: 'an empty value', source: 'a:\nb: 1\n' },
    { name: 'a multi-line plain scalar', source: 'a: one\n  two\n' },
    { name: 'block scalars', source: 'a: |\n  text\n  more\nb: >-\n  folded\n  text\nc: 1\n' },
    { name: 'an anchor and an alias', source: 'a: &x 1\nb: *x\n' },
    { name: 'an escape', source: 'a: "tab\\there"\n' },
    { name: 'a doubled single quote', source: "a: 'it''s'\n" },
    { name: 'a key yaml reads as a boolean', source: 'true: 1\n' },
    { name: 'a __proto__ key', source: '__proto__: 1\n' },
    { name: 'a flow mapping', source: 'a: {b: 1, "c": [2]}\n' },
    { name: "a list at its key's indentation", source: 'a:\n- 1\n' },
    { name: 'a non-ASCII value', source: 'a: é\n' },
  ])('reads $name as yaml does', ({ source }) => {
    expect(readFast(source)).toBeDefined()
    expect(disagreement(source)).toBeUndefined()
  })

  it.each([
    { name: 'a duplicate key', source: 'a: 1\na: 2\n' },
    { name: 'a key yaml reads as null', source: '~: 1\n' },
    { name: 'a core tag', source: 'a: !!str 1\n' },
    { name: 'a custom tag', source: 'a: !custom x\n' },
    { name: 'a tagged key', source: '!!str 1: x\n' },
    { name: 'a collection as a key', source: '? [a]\n: 1\n' },
    { name: 'a nested mapping on one line', source: 'a: b: c\n' },
    { name: 'a document marker', source: 'a: 1\n---\nb: 2\n' },
    { name: 'an empty block', source: '' },
    { name: 'a flow list closed at the left margin', source: 'a: [\n b, c\n]\n' },
    { name: 'bad indentation', source: 'a:\n    b: 1\n  c: 2\n' },
  ])('leaves $name to yaml', ({ source }) => {
    expect(readFast(source)).toBeUndefined()
  })

  it("reads every block of the repository's HTTP specs, as yaml does", () => {
    const http = REPO_BLOCKS.filter((b) => !b.includes('oneOf:'))
    expect(http.length).toBeGreaterThan(20)
    expect(http.filter((b) => !readFast(b))).toEqual([])
    expect(http.flatMap((b) => disagreement(b) ?? [])).toEqual([])
  })

  it('reads every block of the corpus that yaml reads, and as yaml does', () => {
    expect(CORPUS_BLOCKS.length).toBeGreaterThan(300)
    const clean = CORPUS_BLOCKS.filter((b) => parseWithLibrary(b, 0).errors.length === 0)
    expect(clean.filter((b) => !readFast(b))).toEqual([])
    expect(CORPUS_BLOCKS.flatMap((b) => disagreement(b) ?? [])).toEqual([])
  })

  it('agrees with yaml on damaged blocks', () => {
    const pieces = ['', ' ', '  ', '-', '- ', ':', ': ', '#', ' #', '"', "'", '[', ']', '{', '}']
    const more = [',', '\n', '\n  ', 'x', '0', '~', '&a ', '*a', '!', '|', '\t', 'é', '---\n']
    const damage = fc.record({
      block: fc.constantFrom(...REPO_BLOCKS, ...CORPUS_BLOCKS),
      at: fc.nat(),
      cut: fc.nat({ max: 3 }),
      insert: fc.constantFrom(...pieces, ...more),
    })
    fc.assert(
      fc.property(damage, ({ block, at, cut, insert }) => {
        const p = at % (block.length + 1)
        const source = block.slice(0, p) + insert + block.slice(p + cut)
        const why = disagreement(source)
        if (why) throw new Error(`${why} in ${JSON.stringify(source)}`)
      }),
      { numRuns: 1200, seed: 8 },
    )
  })

  it('agrees with yaml on generated documents, and reads most of them', () => {
    // Mostly plain pieces, some odd ones: a document the reader would read otherwise than
    // yaml must be declined as a whole.
    const mostly = (plain: string[], odd: string[]) =>
      fc.oneof(
        { arbitrary: fc.constantFrom(...plain), weight: 30 },
        { arbitrary: fc.constantFrom(...odd), weight: 1 },
      )
    const key = mostly(
      ['id', 'body', 'Content-Type', 'x_y', '"q[a]"', "'s k'", 'constructor', 'True_'],
      ['null', 'True', '0', 'a b', '$.x', 'k ', '__proto__', '"a\\"b"', 'é'],
    )
    const scalar = mostly(
      [
        'POST',
        '"/a/{{b}}"',
        "'single'",
        '200',
        '+1',
        '007',
        '1_000',
        '0x1F',
        '0o9',
        '1e3',
        '1.',
        '.5',
        '.inf',
        '.NaN',
        '~',
        'null',
        'NULL',
        'true',
        'TRUE',
        'yes',
        '2026-01-29T18:21:26.398Z',
        'a:b',
        'a #c',
        'a#c',
        'a  ',
        '"x" # c',
        '[a, "b", 3]',
        '[ ]',
        '[a b, c]',
        '{}',
        'x]',
        '/p/{id}',
      ],
      [
        '-1',
        '"a "b"',
        '[a: b]',
        '[a,,b]',
        '{ }',
        '@x',
        '`x',
        '%x',
        '?x',
        '"é"',
        '{{x}}',
        '|',
        '&a x',
        '*a',
        '!t x',
        "'it''s'",
        '"\\t"',
        'a: b',
      ],
    )
    type Tree = string | { map: Array<[string, Tree]> } | { seq: Tree[] }
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.record({
          map: fc.uniqueArray(fc.tuple(key, tie('tree')), {
            minLength: 1,
            maxLength: 4,
            selector: ([k]) => k,
          }),
        }),
        fc.record({ seq: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
      ),
    }))
    /** The lines of `node` as the value of a key or item at `indent`. */
    const write = (node: Tree, indent: number, spaces: string): string[] => {
      const pad = ' '.repeat(indent)
      if (typeof node === 'string') return [node]
      if ('map' in node)
        return node.map.flatMap(([k, v]) => {
          if (typeof v === 'string') return [`${pad}${k}:${spaces}${v}`]
          return [`${pad}${k}:`, ...write(v, indent + 2, spaces)]
        })
      return node.seq.flatMap((item) => {
        if (typeof item === 'string') return [`${pad}-${spaces}${item}`]
        const [first = '', ...rest] = write(item, indent + 1 + spaces.length, spaces)
        return [`${pad}-${spaces}${first.trimStart()}`, ...rest]
      })
    }
    const doc = fc
      .record({
        root: fc.uniqueArray(fc.tuple(key, tree), {
          minLength: 1,
          maxLength: 5,
          selector: ([k]) => k,
        }),
        spaces: fc.constantFrom(' ', ' ', '  '),
        extra: fc.array(fc.tuple(fc.nat(), fc.constantFrom('# note', '', '  # x', '   ', ' ')), {
          maxLength: 3,
        }),
      })
      .map(({ root, spaces, extra }) => {
        const lines = write({ map: root }, 0, spaces)
        for (const [at, line] of extra) lines.splice(at % (lines.length + 1), 0, line)
        return lines.join('\n')
      })
    let read = 0
    fc.assert(
      fc.property(doc, (source) => {
        if (readFast(source)) read++
        const why = disagreement(source)
        if (why) throw new Error(`${why} in ${JSON.stringify(source)}`)
      }),
      { numRuns: 1500, seed: 8 },
    )
    // Otherwise the property above would hold for a reader that declines everything.
    expect(read).toBeGreaterThan(750)
  })
})
