import { describe, expect, it } from 'vitest'
import { parseStatusTable, scanMarkdown } from './markdown'

const headings = (text: string) => scanMarkdown(text, 0).map((s) => `${s.level} ${s.heading}`)

describe('scanMarkdown', () => {
  it.each([
    { name: 'a closing run of #', text: '## Test Request ##\n', found: ['2 Test Request'] },
    { name: 'a # that belongs to the text', text: '## Notes on C#\n', found: ['2 Notes on C#'] },
    { name: 'no space after the #', text: '##Test Request\n', found: [] },
    { name: 'only #', text: '## ##\n', found: [] },
    {
      name: 'a heading inside a fence',
      text: '## A\n```yaml\n# a YAML comment\n```\n## B\n',
      found: ['2 A', '2 B'],
    },
    {
      name: 'a ~~~ fence holding ```',
      text: '## A\n~~~\n```\n# not a heading\n~~~\n## B\n',
      found: ['2 A', '2 B'],
    },
    { name: 'an unclosed fence', text: '## A\n```\n## not a heading\n', found: ['2 A'] },
  ])('reads $name', ({ text, found }) => {
    expect(headings(text)).toEqual(found)
  })

  it('gives each fence its language, content and offset in the file', () => {
    const body = '## Test Request\n```YAML\nsteps: []\n```\n'
    const [section] = scanMarkdown(body, 100)
    expect(section?.fences).toEqual([
      { lang: 'yaml', offset: 124, content: 'steps: []\n', fenceOffset: 116 },
    ])
  })
})

describe('parseStatusTable', () => {
  it('keeps the rows whose first cell is a status code', () => {
    const table = [
      '| Status | Meaning |',
      '|--------|---------|',
      '| 200 | Success - Resource retrieved |',
      '| 2xx | Any success |',
      '| 999 | Not a status |',
      '422 | Without the outer pipes |',
    ].join('\n')
    expect(parseStatusTable(table)).toEqual([
      { status: 200, meaning: 'Success - Resource retrieved' },
      { status: 422, meaning: 'Without the outer pipes' },
    ])
  })
})
