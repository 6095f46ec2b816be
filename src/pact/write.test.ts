/**
 * A full disk while a pact is written: the user's error, naming the file, and nothing lost or
 * half-written. The fault is the kernel's own: the temp file's bytes go to /dev/full, which
 * fails every write with ENOSPC, as a full file system does.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Contract } from '../contract'
import { UserError } from '../shared'
import { writePacts } from './write'

const disk = vi.hoisted(() => ({ full: false }))

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>()
  const writeTemp: typeof real.writeFile = (file, data, options) =>
    disk.full && String(file).endsWith('.tmp')
      ? real.writeFile('/dev/full', data, options)
      : real.writeFile(file, data, options)
  return { ...real, default: { ...real, writeFile: writeTemp }, writeFile: writeTemp }
})

const contract: Contract = { consumer: 'ui', provider: 'gw', interactions: [] }
const PREVIOUS = '{"the pact": "of the last run"}\n'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-full-disk-'))
  disk.full = false
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('writing pacts onto a full disk', () => {
  it('is an output-unwritable user error naming the file and the reason', async () => {
    disk.full = true
    const written = writePacts(dir, [contract])
    await expect(written).rejects.toBeInstanceOf(UserError)
    await expect(written).rejects.toMatchObject({
      code: 'output-unwritable',
      exitStatus: 1,
      message: `cannot write ${join(dir, 'ui-gw.json')}: no space left on the device`,
      subject: { path: join(dir, 'ui-gw.json') },
      cause: expect.objectContaining({ code: 'ENOSPC' }),
    })
  })

  it('leaves the previous pact whole and no temp file behind', async () => {
    await writeFile(join(dir, 'ui-gw.json'), PREVIOUS)
    disk.full = true
    await expect(writePacts(dir, [contract])).rejects.toThrow('no space left on the device')
    expect(await readdir(dir)).toEqual(['ui-gw.json'])
    expect(await readFile(join(dir, 'ui-gw.json'), 'utf8')).toBe(PREVIOUS)
  })

  it('writes the pact once there is room again', async () => {
    await writeFile(join(dir, 'ui-gw.json'), PREVIOUS)
    await writePacts(dir, [contract])
    expect(await readdir(dir)).toEqual(['ui-gw.json'])
    expect(JSON.parse(await readFile(join(dir, 'ui-gw.json'), 'utf8'))).toMatchObject({
      consumer: { name: 'ui' },
      provider: { name: 'gw' },
    })
  })
})
