import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { discoverSpecs, SpecPathError } from './discover'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-discover-'))
  for (const file of [
    'b.md',
    'a.md',
    'README.md',
    'TEMPLATE.md',
    'notes.txt',
    'nested/c.md',
    '.hidden/d.md',
    'node_modules/e.md',
  ]) {
    await mkdir(join(dir, file, '..'), { recursive: true })
    await writeFile(join(dir, file), '')
  }
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('discoverSpecs', () => {
  it.each([
    {
      name: 'a directory, recursively, sorted',
      paths: ['.'],
      found: ['a.md', 'b.md', 'nested/c.md'],
    },
    { name: 'a file, even one a directory walk skips', paths: ['README.md'], found: ['README.md'] },
    {
      name: 'each file once',
      paths: ['nested', '.', 'a.md'],
      found: ['a.md', 'b.md', 'nested/c.md'],
    },
  ])('finds $name', async ({ paths, found }) => {
    expect(await discoverSpecs(paths, dir)).toEqual(found)
  })

  it('takes an absolute path as it is, and answers relative to the working directory', async () => {
    expect(await discoverSpecs([join(dir, 'nested')], dir)).toEqual(['nested/c.md'])
  })

  it('refuses a path that does not exist', async () => {
    const failure = discoverSpecs(['missing'], dir)
    await expect(failure).rejects.toBeInstanceOf(SpecPathError)
    await expect(failure).rejects.toThrowErrorMatchingInlineSnapshot(
      `[SpecPathError: no such file or directory: missing]`,
    )
  })
})
