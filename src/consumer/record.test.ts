import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Contract, HttpInteraction } from '../contract'
import { type InteractionRecord, planPacts, readRecords, writeRecord } from './record'

const interaction = (description: string) =>
  ({ kind: 'http', description }) as unknown as HttpInteraction
const contract = (provider: string, ...descriptions: string[]): Contract => ({
  consumer: 'ui',
  provider,
  interactions: descriptions.map(interaction),
})
const record = (provider: string, description: string, pid = 1): InteractionRecord => ({
  consumer: 'ui',
  provider,
  description,
  pid,
  startedAt: 0,
  endedAt: 1,
})

describe('planPacts', () => {
  const gw = contract('gw', 'a', 'b', 'c')
  const core = contract('core', 'x')

  it('writes a contract only when every interaction has a passing test', () => {
    const plan = planPacts(
      [gw, core],
      [record('gw', 'a'), record('gw', 'b', 2), record('gw', 'c'), record('gw', 'a', 3)],
    )
    expect(plan.complete).toEqual([gw])
    expect(plan.incomplete).toEqual([])
    expect(plan.unknown).toEqual([])
  })

  it('names what an incomplete contract misses and leaves untested contracts alone', () => {
    const plan = planPacts([gw, core], [record('gw', 'b')])
    expect(plan.complete).toEqual([])
    expect(plan.incomplete).toEqual([{ contract: gw, tested: 1, missing: ['a', 'c'] }])
  })

  it('reports records of interactions no contract has', () => {
    const plan = planPacts([core], [record('core', 'x'), record('core', 'renamed')])
    expect(plan.complete).toEqual([core])
    expect(plan.unknown.map((r) => r.description)).toEqual(['renamed'])
  })
})

describe('records on disk', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('keeps every record of concurrent writers, the same interaction included', async () => {
    dir = await mkdtemp(join(tmpdir(), 'specpact-records-'))
    const written = Array.from({ length: 40 }, (_, i) => record('gw', `d${i % 10}`, i))
    await Promise.all(written.map((r) => writeRecord(dir as string, r)))
    const read = await readRecords(dir)
    expect(read).toHaveLength(40)
    expect(new Set(read.map((r) => r.pid)).size).toBe(40)
  })

  it('reads nothing from a directory that does not exist', async () => {
    expect(await readRecords(join(tmpdir(), 'specpact-no-such-dir-9f3a'))).toEqual([])
  })

  it('names the file of a malformed record', async () => {
    dir = await mkdtemp(join(tmpdir(), 'specpact-records-'))
    await writeFile(join(dir, 'bad.json'), '{"consumer": 1}')
    await expect(readRecords(dir)).rejects.toThrow(/bad\.json: not a consumer-test record/)
  })
})
