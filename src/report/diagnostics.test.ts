import { describe, expect, it } from 'vitest'
import { type FileDiagnostics, formatHuman, formatJson, summaryLine, useColor } from './diagnostics'

/** The start of an ANSI escape sequence, as colors begin. */
const ANSI = '\u001b['

const results: FileDiagnostics[] = [
  {
    file: 'specs/a.md',
    diagnostics: [
      {
        code: 'missing-swagger',
        severity: 'warning',
        file: 'specs/a.md',
        line: 2,
        column: 1,
        path: 'frontMatter.swagger',
        message: 'front matter has no swagger',
        found: 'nothing',
      },
      {
        code: 'unresolved-placeholder',
        severity: 'error',
        file: 'specs/a.md',
        line: 36,
        column: 11,
        path: 'request[0].path',
        message: 'path "/x/{uid}" keeps the literal placeholder {uid}',
        expected: 'a template variable such as {{uid}}',
        found: '{uid}',
      },
    ],
  },
  { file: 'specs/clean.md', diagnostics: [] },
]

describe('formatHuman', () => {
  it('groups diagnostics by file, skips clean files and ends with the summary', () => {
    expect(formatHuman(results, false)).toMatchInlineSnapshot(`
      "specs/a.md
        2:1    warning  front matter has no swagger  missing-swagger
                        at frontMatter.swagger; found nothing
        36:11  error    path "/x/{uid}" keeps the literal placeholder {uid}  unresolved-placeholder
                        at request[0].path; expected a template variable such as {{uid}}; found {uid}

      2 files, 1 error, 1 warning"
    `)
  })

  it('colors only when asked to', () => {
    expect(formatHuman(results, true)).toContain(ANSI)
    expect(formatHuman(results, false)).not.toContain(ANSI)
  })

  it('prints only the summary when every file is clean', () => {
    expect(formatHuman([{ file: 'specs/clean.md', diagnostics: [] }], false)).toBe(
      '1 file, 0 errors, 0 warnings',
    )
  })
})

describe('summaryLine', () => {
  it.each([
    {
      name: 'singular',
      s: { files: 1, errors: 1, warnings: 1 },
      line: '1 file, 1 error, 1 warning',
    },
    {
      name: 'plural',
      s: { files: 42, errors: 3, warnings: 13 },
      line: '42 files, 3 errors, 13 warnings',
    },
    {
      name: 'nothing',
      s: { files: 0, errors: 0, warnings: 0 },
      line: '0 files, 0 errors, 0 warnings',
    },
  ])('$name', ({ s, line }) => {
    expect(summaryLine(s)).toBe(line)
  })
})

describe('useColor', () => {
  it.each([
    { name: 'a terminal', tty: true, env: {}, color: true },
    { name: 'a pipe', tty: false, env: {}, color: false },
    { name: 'a pipe in CI', tty: false, env: { CI: 'true' }, color: false },
    { name: 'a terminal with NO_COLOR', tty: true, env: { NO_COLOR: '1' }, color: false },
    { name: 'a pipe with FORCE_COLOR', tty: false, env: { FORCE_COLOR: '1' }, color: true },
    { name: 'a terminal with FORCE_COLOR=0', tty: true, env: { FORCE_COLOR: '0' }, color: false },
    { name: 'a dumb terminal', tty: true, env: { TERM: 'dumb' }, color: false },
  ])('$name', ({ tty, env, color }) => {
    expect(useColor({ isTTY: tty }, env)).toBe(color)
  })
})

describe('formatJson', () => {
  it('gives the summary and every file with its diagnostics', () => {
    const json = JSON.parse(formatJson(results))
    expect(json.summary).toEqual({ files: 2, errors: 1, warnings: 1 })
    expect(json.files.map((f: FileDiagnostics) => [f.file, f.diagnostics.length])).toEqual([
      ['specs/a.md', 2],
      ['specs/clean.md', 0],
    ])
    expect(json.files[0].diagnostics[1]).toEqual(results[0]?.diagnostics[1])
  })
})
