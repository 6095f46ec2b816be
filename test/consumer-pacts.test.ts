/**
 * The pacts the consumer suite writes, from the outside: the suite is run as a user runs it
 * (vitest, 4 workers) into a temporary pact directory, and the result is compared with what
 * `specpact generate` writes for the same specs.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pactFileName, serializePact } from '../src/pact'
import { compile, loadProject } from '../src/project'

const ROOT = resolve(__dirname, '..')
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')

interface Run {
  code: number | null
  output: string
}

/** `vitest run <files> --maxWorkers 4`, writing pacts into `pactDir`. */
function runConsumerSuite(pactDir: string, files: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [VITEST, 'run', ...files, '--maxWorkers', '4'], {
      cwd: ROOT,
      env: { ...process.env, SPECPACT_PACT_DIR: pactDir, NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', fail)
    child.on('close', (code) => done({ code, output }))
  })
}

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'specpact-consumer-pacts-'))
  dirs.push(dir)
  return dir
}

describe('the consumer suite writes whole pacts', () => {
  it('one interaction per spec, byte-identical on a re-run, stale interactions gone, equal to generate', async () => {
    const project = await loadProject({ cwd: ROOT })
    const build = compile(project)
    const gateway = build.contracts.find((c) => c.provider === 'communication-gw')
    if (!gateway) throw new Error('the project makes no communication-gw contract')
    const dir = await tempDir()
    const file = join(dir, pactFileName(gateway))

    const first = await runConsumerSuite(dir, ['test/consumer/'])
    expect(first.output).toMatch(/Test Files {2}\d+ passed/)
    expect(first.code).toBe(0)
    const written = await readFile(file, 'utf8')
    const pact = JSON.parse(written) as { interactions: Array<{ description: string }> }
    const descriptions = pact.interactions.map((i) => i.description)
    const specs = gateway.interactions.map((i) => i.description)
    expect(descriptions).toEqual(specs)
    expect(new Set(descriptions).size).toBe(descriptions.length)
    // Several test processes recorded into the one pact, and none of their records was lost.
    const line = /wrote .* \((\d+) interactions, .*; (\d+) tests in (\d+) processes\)/.exec(
      first.output,
    )
    expect(Number(line?.[1])).toBe(specs.length)
    expect(Number(line?.[3])).toBeGreaterThanOrEqual(2)
    // The same bytes `specpact generate` writes.
    expect(written).toBe(serializePact(gateway))

    // A stale interaction left by an earlier run (a spec since deleted) does not survive.
    const stale = JSON.parse(written) as { interactions: Array<{ description: string }> }
    stale.interactions.push({ ...(stale.interactions[0] as object), description: 'deleted spec' })
    await writeFile(file, JSON.stringify(stale))
    const second = await runConsumerSuite(dir, ['test/consumer/'])
    expect(second.code).toBe(0)
    expect(await readFile(file, 'utf8')).toBe(written)
  }, 180_000)

  it('fails and writes no pact when only some interactions were exercised, saying which are missing', async () => {
    const dir = await tempDir()
    const run = await runConsumerSuite(dir, ['test/consumer/channels.test.ts'])
    // A run whose pact cannot be written is no pass (unless allowUntestedInteractions is set).
    expect(run.code).toBe(1)
    expect(run.output).toMatch(
      /no pact written for communication-ui → communication-gw: consumer tests passed for 3 of \d+ interactions; not for (.*, )?delete_business_communication_sessions_uid, /,
    )
    expect(existsSync(join(dir, 'communication-ui-communication-gw.json'))).toBe(false)
  }, 120_000)
})
