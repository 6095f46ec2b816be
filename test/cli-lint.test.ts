/** `specpact lint` as a user runs it: the real CLI in a child process, from the repo root. */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { describe, it } from 'vitest'
import { edit, VALID } from '../src/spec/test-support/specs'

const ROOT = resolve(__dirname, '..')
const BIN = join(ROOT, 'bin', 'specpact.js')
const CORPUS = '../shared/corpus/vcita/workflows/communication'
/** The start of an ANSI escape sequence, as colors begin. */
const ANSI = '\u001b['
const SUMMARY = /^\d+ files?, \d+ errors?, \d+ warnings?$/

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `specpact lint …` as piped CI would: no terminal, CI set, no color variables. */
function lint(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const { FORCE_COLOR, NO_COLOR, ...env } = process.env
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, 'lint', ...args],
      { cwd: ROOT, env: { ...env, CI: 'true', ...extraEnv }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)

/** A temporary directory with `files`, removed when `use` is done. */
async function withSpecs<T>(files: Record<string, string>, use: (dir: string) => Promise<T>) {
  const dir = await mkdtemp(join(tmpdir(), 'specpact-cli-'))
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
    return await use(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const BROKEN = edit(
  ['tags: [Communication Messages (SMS)]', 'tags: Communication'],
  ['    method: GET', '    method: get'],
)

describe.concurrent('specpact lint', () => {
  it("passes the project's own specs, without colors when not on a terminal", async ({
    expect,
  }) => {
    const run = await lint(['specs'])
    expect(run.code).toBe(0)
    expect(lastLine(run.stdout)).toMatch(SUMMARY)
    expect(lastLine(run.stdout)).toContain(', 0 errors, ')
    expect(run.stdout).not.toContain(ANSI)
    expect(run.stderr).toBe('')
  })

  it('fails on the corpus, which has errors, and ends with the summary', async ({ expect }) => {
    const run = await lint([CORPUS])
    expect(run.code).toBe(1)
    expect(lastLine(run.stdout)).toMatch(/^42 files, \d+ errors?, \d+ warnings?$/)
    expect(run.stdout).toContain(
      `${CORPUS}/put_business_communication_messages_messageuid.md\n  2:1    warning  front matter has no swagger`,
    )
    expect(run.stdout).not.toContain(ANSI)
  })

  it('names the file and the line of every problem of a broken spec', ({ expect }) =>
    withSpecs({ 'broken.md': BROKEN, 'valid.md': VALID }, async (dir) => {
      const run = await lint([dir])
      expect(run.code).toBe(1)
      // Grouped by file: the file as given (relative to the working directory), then line:col.
      const file = relative(ROOT, join(dir, 'broken.md'))
      expect(run.stdout.split('\n')[0]).toBe(file)
      const output = run.stdout.replaceAll(file, '<dir>/broken.md')
      expect(output).toMatchInlineSnapshot(`
        "<dir>/broken.md
          4:7    error    front matter: tags is string "Communication", expected a list of tags ([] if none)  invalid-field
                          at frontMatter.tags; expected a list of tags ([] if none); found "Communication"
          44:13  error    step "get_client": "get" is not an HTTP method (methods are upper case: GET)  invalid-method
                          at prerequisites[1].method; expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; found "get"

        2 files, 2 errors, 0 warnings
        "
      `)
    }))

  it('colors the output when FORCE_COLOR asks for it', async ({ expect }) => {
    const run = await lint(['specs'], { FORCE_COLOR: '1' })
    expect(run.stdout).toContain(ANSI)
  })

  it('exits 2 for a path that does not exist', async ({ expect }) => {
    const run = await lint(['specs/no-such-dir'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatchInlineSnapshot(`
      "specpact: path-not-found: no such file or directory: specs/no-such-dir
      "
    `)
  })

  it('exits 2 for an unknown --format', async ({ expect }) => {
    const run = await lint(['--format', 'xml', 'specs'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain("argument 'xml' is invalid. Allowed choices are human, json.")
  })

  it('writes JSON with the summary and the diagnostics of each file', ({ expect }) =>
    withSpecs({ 'broken.md': BROKEN, 'valid.md': VALID }, async (dir) => {
      const run = await lint(['--format', 'json', dir])
      expect(run.code).toBe(1)
      const report = JSON.parse(run.stdout)
      expect(report.summary).toEqual({ files: 2, errors: 2, warnings: 0 })
      const files = report.files.map(
        (f: { file: string; diagnostics: Array<{ code: string; line: number }> }) => [
          f.file.split('/').at(-1),
          f.diagnostics.map((d) => `${d.line} ${d.code}`),
        ],
      )
      expect(files).toEqual([
        ['broken.md', ['4 invalid-field', '44 invalid-method']],
        ['valid.md', []],
      ])
    }))
})
