/**
 * Bad input through the real CLI, run the way package.json's `bin` runs it: every case ends
 * with exit 1 or 2, the error's stable code and the path it concerns, never exit 3 ("a bug in
 * specpact") and never a hang. Cases that need a permission the test user lacks run the CLI
 * as `nobody` when the suite runs as root (as CI does), since root reads anything.
 */
import { spawn } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')
const SPECS = join(ROOT, 'specs', 'communication-gw')
const NOBODY = 65534
const asRoot = process.getuid?.() === 0
/** Each case starts a CLI process (≈1 s through ts-node, far more on a busy machine). */
const TIMEOUT = 240_000

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

let bin: string
let valid: string

beforeAll(async () => {
  const pkg: { bin: { specpact: string } } = JSON.parse(
    await readFile(join(ROOT, 'package.json'), 'utf8'),
  )
  bin = join(ROOT, pkg.bin.specpact)
  valid = await readFile(join(SPECS, 'post_business_communication_sessions_typing.md'), 'utf8')
})

/** Runs `specpact …` in `cwd`; killed (status null) if it takes longer than a hang would. */
function specpact(
  args: string[],
  cwd: string,
  user?: 'nobody',
  extra: Record<string, string> = {},
): Promise<Run> {
  const { FORCE_COLOR, NO_COLOR, PACT_BROKER_BASE_URL, ...env } = process.env
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...env, CI: 'true', ...extra },
      timeout: TIMEOUT - 20_000,
      ...(user && asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (status) => done({ status, stdout, stderr }))
  })
}

/** A spec with its first step block's `steps:` list starting with `lines`. */
function withSteps(lines: string): string {
  const spec = valid.replace('```yaml\nsteps:\n', `\`\`\`yaml\nsteps:\n${lines}`)
  if (spec === valid) throw new Error('the spec has no steps: block to add to')
  return spec
}

interface Case {
  name: string
  /** Prepares `dir` (the working directory) and returns the CLI's arguments. */
  setup: (dir: string) => Promise<string[]>
  status: 1 | 2
  code: string
  /** Text the output must contain: the path (or file:line) the error concerns. */
  names: string
  user?: 'nobody'
  /** More environment for the CLI process (a fault preloaded with NODE_OPTIONS). */
  env?: Record<string, string>
  /** Checked after the run, e.g. that nothing was written where it must not be. */
  after?: (dir: string, run: Run) => Promise<void>
}

/** What a pact file held before a write that fails. */
const PREVIOUS_PACT = '{"consumer": {"name": "communication-ui"}}\n'

const config = (dir: string, text: string) => writeFile(join(dir, 'specpact.config.yaml'), text)

/** A setup that only runs `specpact …args`. */
const running =
  (...args: string[]) =>
  async () =>
    args

/**
 * A setup that writes `files` into the working directory (a function makes its text when the
 * case runs, not when the table is built) and runs `specpact …args`.
 */
const writing =
  (files: Record<string, string | Buffer | (() => string)>, ...args: string[]) =>
  async (dir: string) => {
    for (const [name, content] of Object.entries(files))
      await writeFile(join(dir, name), typeof content === 'function' ? content() : content)
    return args
  }

/** A setup that links `name` to `target` and runs `specpact …args`. */
const linking =
  (target: string, name: string, ...args: string[]) =>
  async (dir: string) => {
    await symlink(target, join(dir, name))
    return args
  }

/** `verify` of the project's pacts with `module` as the state handlers. */
const verifyWithHandlers = (module: string) => [
  'verify',
  '--provider-base-url',
  'http://127.0.0.1:9',
  '--state-handlers',
  module,
  join(ROOT, 'pacts'),
]

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

const cases: Case[] = [
  {
    name: '--config naming a missing file is a usage error',
    setup: running('--config', 'nosuch.yaml', 'lint', SPECS),
    status: 2,
    code: 'config-not-found',
    names: 'nosuch.yaml',
  },
  {
    name: 'a misspelled config key is an error with file:line and a did-you-mean',
    setup: writing(
      { 'specpact.config.yaml': 'consumer: communication-ui\nvariable:\n  business_id: b1\n' },
      'lint',
      SPECS,
    ),
    status: 1,
    code: 'config-invalid',
    names: 'specpact.config.yaml:2:1: unknown key "variable" (did you mean "variables"?)',
  },
  {
    name: 'a misspelled key of a provider is reported where it is',
    setup: writing(
      {
        'specpact.config.yaml':
          'providers:\n  - name: communication-gw\n    pathPrefix: /business/communication\n    opnapi: x.json\n',
      },
      'lint',
      SPECS,
    ),
    status: 1,
    code: 'config-invalid',
    names: 'specpact.config.yaml:4:5: unknown key "providers.0.opnapi" (did you mean "openapi"?)',
  },
  {
    name: 'a consumer name that is a path cannot write outside the output directory',
    setup: async (dir) => {
      await mkdir(join(dir, 'work', 'out'), { recursive: true })
      await config(join(dir, 'work'), 'consumer: "../../x"\n')
      return ['--config', 'work/specpact.config.yaml', 'generate', '--out', 'work/out', SPECS]
    },
    status: 1,
    code: 'config-invalid',
    names: 'work/specpact.config.yaml:1:11: consumer: must be a name usable in a file name',
    after: async (dir) => {
      expect(await readdir(dir)).toEqual(['work'])
      expect(await readdir(join(dir, 'work', 'out'))).toEqual([])
    },
  },
  {
    name: 'a config that is not YAML names its line',
    setup: writing({ 'specpact.config.yaml': 'consumer: [\n' }, 'generate', SPECS),
    status: 1,
    code: 'config-unreadable',
    names: 'specpact.config.yaml:2:1: not valid YAML',
  },
  {
    name: 'a config that is a directory',
    setup: async (dir) => {
      await mkdir(join(dir, 'conf'))
      return ['--config', 'conf', 'lint', SPECS]
    },
    status: 1,
    code: 'config-unreadable',
    names: 'conf is not a regular file',
  },
  {
    name: 'a spec path that does not exist is a usage error',
    setup: running('lint', 'nosuch'),
    status: 2,
    code: 'path-not-found',
    names: 'nosuch',
  },
  {
    name: 'generate --out naming a file',
    setup: writing({ afile: '' }, 'generate', '--out', 'afile', SPECS),
    status: 1,
    code: 'output-unwritable',
    names: 'afile: it is not a directory',
  },
  {
    name: 'generate --out below a file',
    setup: writing({ afile: '' }, 'generate', '--out', 'afile/pacts', SPECS),
    status: 1,
    code: 'output-unwritable',
    names: 'afile/pacts',
  },
  {
    name: 'generate --out a read-only directory',
    setup: async (dir) => {
      await mkdir(join(dir, 'ro'))
      await chmod(join(dir, 'ro'), 0o555)
      return ['generate', '--out', 'ro', SPECS]
    },
    user: 'nobody',
    status: 1,
    code: 'output-unwritable',
    names: 'ro/communication-ui-communication-gw.json: permission denied',
  },
  {
    name: 'generate onto a full disk keeps the previous pact whole',
    setup: async (dir) => {
      await mkdir(join(dir, 'out'))
      await writeFile(join(dir, 'out', 'communication-ui-communication-gw.json'), PREVIOUS_PACT)
      return ['generate', '--out', 'out', SPECS]
    },
    env: { NODE_OPTIONS: `--require ${join(ROOT, 'test', 'faults', 'full-disk.cjs')}` },
    status: 1,
    code: 'output-unwritable',
    names: 'out/communication-ui-communication-gw.json: no space left on the device',
    after: async (dir) => {
      expect(await readdir(join(dir, 'out'))).toEqual(['communication-ui-communication-gw.json'])
      const left = await readFile(
        join(dir, 'out', 'communication-ui-communication-gw.json'),
        'utf8',
      )
      expect(left).toBe(PREVIOUS_PACT)
    },
  },
  {
    name: 'a spec folder with an unreadable subdirectory',
    setup: async (dir) => {
      await mkdir(join(dir, 'specs', 'locked'), { recursive: true })
      await writeFile(join(dir, 'specs', 'a.md'), valid)
      await chmod(join(dir, 'specs', 'locked'), 0o000)
      return ['lint', 'specs']
    },
    user: 'nobody',
    status: 1,
    code: 'path-unreadable',
    names: 'specs/locked: permission denied',
  },
  {
    name: 'a FIFO named *.md does not hang lint',
    setup: async (dir) => {
      await mkfifo(join(dir, 'fifo.md'))
      return ['lint', 'fifo.md']
    },
    status: 1,
    code: 'file-unreadable',
    names: 'fifo.md: it is a FIFO, not a regular file',
  },
  {
    name: 'a link to /dev/urandom named *.md does not hang lint',
    setup: linking('/dev/urandom', 'random.md', 'lint', '.'),
    status: 1,
    code: 'file-unreadable',
    names: 'random.md: it is a character device, not a regular file',
  },
  {
    name: 'a link to /dev/zero named *.md does not fill memory in generate',
    setup: linking('/dev/zero', 'zero.md', 'generate', '--out', 'out', 'zero.md'),
    status: 1,
    code: 'file-unreadable',
    names: 'zero.md: it is a character device',
  },
  {
    name: '10 MB of "[" in a step block',
    setup: writing(
      { 'brackets.md': () => withSteps(`${'['.repeat(10 * 1024 * 1024)}\n`) },
      'lint',
      'brackets.md',
    ),
    status: 1,
    code: 'file-too-large',
    names: 'brackets.md: it has more than 1048576 bytes',
  },
  {
    name: 'a step body nested 2,000 deep stops at lint, not in the Pact core',
    setup: writing(
      {
        'deep.md': () =>
          withSteps(`  - id: deep\n    method: POST\n    path: /x\n    body: ${nested(2000)}\n`),
      },
      'generate',
      '--out',
      'out',
      'deep.md',
    ),
    status: 1,
    code: 'too-deep',
    names: 'deep.md',
  },
  {
    name: 'an expected response nested 3,999 deep',
    setup: writing(
      {
        'deep.md': () =>
          `${valid}\n## Expected Response\n\`\`\`json\n{"success": true, "data": ${nested(3999)}}\n\`\`\`\n`,
      },
      'lint',
      'deep.md',
    ),
    status: 1,
    code: 'too-deep',
    names: 'deep.md',
  },
  {
    name: 'a spec with more than 120,000 diagnostics',
    setup: writing(
      { 'many.md': () => withSteps('  - 1\n'.repeat(125_000)) },
      'generate',
      '--out',
      'out',
      'many.md',
    ),
    status: 1,
    code: 'step-not-object',
    names: 'many.md',
    after: async (_dir, run) => expect(run.stderr).toContain('125000 errors'),
  },
  {
    name: 'verify a truncated pact',
    setup: writing(
      { 'cut.json': '{"consumer": {"name": "a"}, "provider": {"na' },
      'verify',
      'cut.json',
    ),
    status: 1,
    code: 'pact-invalid',
    names: 'cut.json is not a pact file: not JSON',
  },
  {
    name: 'verify a binary pact',
    setup: writing(
      { 'bin.json': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff]) },
      'verify',
      'bin.json',
    ),
    status: 1,
    code: 'pact-invalid',
    names: 'bin.json is not a pact file',
  },
  {
    name: 'verify an empty object as a pact',
    setup: writing({ 'empty.json': '{}' }, 'verify', 'empty.json'),
    status: 1,
    code: 'pact-invalid',
    names: 'empty.json is not a pact file: consumer',
  },
  {
    name: 'verify pacts of several providers, none of them named',
    setup: writing(
      Object.fromEntries(
        ['clients-api', 'scheduling-api'].map((provider) => [
          `ui-${provider}.json`,
          JSON.stringify({
            consumer: { name: 'ui' },
            provider: { name: provider },
            interactions: [],
          }),
        ]),
      ),
      'verify',
      'ui-clients-api.json',
      'ui-scheduling-api.json',
    ),
    status: 2,
    code: 'option-invalid',
    names:
      'these pacts name 2 providers (clients-api, scheduling-api): say which to verify with --provider',
  },
  {
    name: 'verify a pact path that does not exist',
    setup: running('verify', 'nosuch.json'),
    status: 2,
    code: 'path-not-found',
    names: 'nosuch.json',
  },
  {
    name: 'a missing --state-handlers module',
    setup: running(...verifyWithHandlers('nosuch.ts')),
    status: 2,
    code: 'module-not-found',
    names: 'nosuch.ts',
  },
  {
    name: 'an absolute --state-handlers path is used as it is',
    setup: async (dir) => {
      await writeFile(join(dir, 'handlers.js'), 'exports.nothing = 1\n')
      return verifyWithHandlers(join(dir, 'handlers.js'))
    },
    status: 2,
    code: 'module-invalid',
    names: 'handlers.js must export stateHandlers',
  },
  {
    name: 'a --state-handlers module that does not load',
    setup: writing(
      { 'broken.js': 'exports.stateHandlers = {\n' },
      ...verifyWithHandlers('broken.js'),
    ),
    status: 1,
    code: 'module-invalid',
    names: '--state-handlers broken.js cannot be loaded',
  },
]

async function mkfifo(path: string): Promise<void> {
  await new Promise<void>((done, fail) => {
    spawn('mkfifo', [path]).on('close', (code) => (code === 0 ? done() : fail(new Error('mkfifo'))))
  })
}

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) {
    await chmod(dir, 0o700).catch(() => undefined)
    await rm(dir, { recursive: true, force: true }).catch(() => undefined)
  }
})

async function workDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'specpact-errors-'))
  dirs.push(dir)
  // The nobody cases run in it; the others do not care.
  await chmod(dir, 0o777)
  return dir
}

// One case at a time: each starts a CLI process, some of them heavy (10 MB, 125,000 diagnostics).
describe('bad input through the CLI', () => {
  it.each(cases)(
    '$name',
    async (c) => {
      const dir = await workDir()
      const args = await c.setup(dir)
      const run = await specpact(args, dir, c.user, c.env)
      const output = `${run.stdout}\n${run.stderr}`
      expect(output).not.toContain('internal error')
      expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m) // no stack trace
      expect({ status: run.status, code: output.includes(c.code) }).toEqual({
        status: c.status,
        code: true,
      })
      expect(output).toContain(c.names)
      await c.after?.(dir, run)
      // Locked folders are unlocked for cleanup.
      await chmod(join(dir, 'specs', 'locked'), 0o755).catch(() => undefined)
    },
    TIMEOUT,
  )

  it(
    'ends quietly when the reader of its output goes away (help | head -1)',
    async () => {
      const dir = await workDir()
      const run = await new Promise<Run>((done) => {
        const child = spawn(process.execPath, [bin, 'help', 'verify'], { cwd: dir })
        let stderr = ''
        child.stderr.on('data', (d) => {
          stderr += d
        })
        // The reader is gone before the help is written: every write meets a closed pipe.
        child.stdout.destroy()
        child.on('close', (status) => done({ status, stdout: '', stderr }))
      })
      expect(run.stderr).not.toContain('EPIPE')
      expect(run.stderr).not.toContain('internal error')
      expect(run.status).toBe(0)
    },
    TIMEOUT,
  )

  it(
    'removes the temp files of interrupted writes, and only those of dead processes',
    async () => {
      const dir = await workDir()
      const out = join(dir, 'out')
      await mkdir(out)
      const stale = 'communication-ui-communication-gw.json.4194303.0badc0de.tmp'
      const live = `communication-ui-communication-gw.json.${process.pid}.00c0ffee.tmp`
      await writeFile(join(out, stale), '{"half')
      await writeFile(join(out, live), '{"half')
      const run = await specpact(['generate', '--out', 'out', SPECS], dir)
      expect(run.status).toBe(0)
      const left = await readdir(out)
      expect(left).not.toContain(stale)
      expect(left).toContain(live)
      expect(left).toContain('communication-ui-communication-gw.json')
    },
    TIMEOUT,
  )
})
