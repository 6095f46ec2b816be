import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Contract } from '../contract'
import { UserError } from '../shared'
import { projectContracts } from './project'
import { writeRecord } from './record'
import { writeConsumerPacts } from './setup'

const ROOT = resolve(__dirname, '..', '..')

let dir: string
let runDir: string
let contracts: Contract[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-consumer-setup-'))
  runDir = join(dir, 'run')
  contracts = await projectContracts({ cwd: ROOT })
})
afterEach(() => rm(dir, { recursive: true, force: true }))

/** Records a pass for every interaction of the project but the first one of `contract`. */
async function recordAllBut(contract: Contract) {
  for (const c of contracts) {
    for (const [n, i] of c.interactions.entries()) {
      if (c === contract && n === 0) continue
      await writeRecord(runDir, {
        consumer: c.consumer,
        provider: c.provider,
        description: i.description,
        pid: process.pid,
        startedAt: 0,
        endedAt: 1,
      })
    }
  }
}

describe('the end of a consumer-test run', () => {
  it('fails, naming the interaction, when one has no passing consumer test', async () => {
    const [first] = contracts
    if (!first) throw new Error('the project has no contracts')
    await recordAllBut(first)
    const report = await writeConsumerPacts(runDir, { cwd: ROOT, out: join(dir, 'pacts') })
    expect(report.failures).toHaveLength(1)
    expect(report.failures[0]).toContain(
      `no pact written for ${first.consumer} → ${first.provider}`,
    )
    expect(report.failures[0]).toContain(first.interactions[0]?.description)
    const written = await readdir(join(dir, 'pacts'))
    expect(written).not.toContain(`${first.consumer}-${first.provider}.json`)
  })

  it('allows it when the configuration says so', async () => {
    const [first] = contracts
    if (!first) throw new Error('the project has no contracts')
    await recordAllBut(first)
    // The project's own configuration, moved: its relative paths point back at the project.
    const specs = join(ROOT, 'specs')
    const text = (await readFile(join(specs, 'specpact.config.yaml'), 'utf8'))
      .replace('specs: [communication-gw]', `specs: [${join(specs, 'communication-gw')}]`)
      .replace('states: states.yaml', `states: ${join(specs, 'states.yaml')}`)
      .replaceAll('openapi: openapi/', `openapi: ${join(specs, 'openapi')}/`)
    const config = join(dir, 'specpact.config.yaml')
    await writeFile(config, `${text}\nallowUntestedInteractions: true\n`)
    const report = await writeConsumerPacts(runDir, { cwd: ROOT, config, out: join(dir, 'pacts') })
    expect(report.failures).toEqual([])
    expect(report.lines.join('\n')).toContain(`no pact written for ${first.consumer}`)
  })

  it('is a user error naming the path when the pacts cannot be written', async () => {
    await recordAllBut({ consumer: '', provider: '', interactions: [] })
    await writeFile(join(dir, 'afile'), '')
    const written = writeConsumerPacts(runDir, { cwd: ROOT, out: join(dir, 'afile') })
    await expect(written).rejects.toBeInstanceOf(UserError)
    await expect(written).rejects.toThrow(`${join(dir, 'afile')}: it is not a directory`)
  })
})
