import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { defaultsNotice, findConfigFile } from './find'
import { loadConfig } from './load'

// app/specpact.config.yaml, app/web/specs/specpact.config.yaml, app/web/test/unit/, lone/
const root = mkdtempSync(join(tmpdir(), 'specpact-find-'))
for (const dir of ['app/web/specs', 'app/web/test/unit', 'lone'])
  mkdirSync(join(root, dir), { recursive: true })
writeFileSync(join(root, 'app', 'specpact.config.yaml'), 'consumer: app-ui\n')
writeFileSync(join(root, 'app', 'web', 'specs', 'specpact.config.yaml'), 'consumer: web-ui\n')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('findConfigFile', () => {
  it.each([
    { name: 'in the directory itself', from: 'app', found: 'app/specpact.config.yaml' },
    {
      name: 'under specs/ of the directory',
      from: 'app/web',
      found: 'app/web/specs/specpact.config.yaml',
    },
    {
      name: 'the nearest above a test folder',
      from: 'app/web/test/unit',
      found: 'app/web/specs/specpact.config.yaml',
    },
    {
      name: 'from inside specs/ itself',
      from: 'app/web/specs',
      found: 'app/web/specs/specpact.config.yaml',
    },
    { name: 'none above a folder outside any project', from: 'lone', found: undefined },
  ])('$name', ({ from, found }) => {
    expect(findConfigFile(join(root, from))).toBe(found && join(root, found))
  })
})

describe('loadConfig without a configuration file', () => {
  it('uses the defaults, rooted where it looked, and says which', () => {
    const lone = join(root, 'lone')
    const written: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    const config = loadConfig({ cwd: lone })
    loadConfig({ cwd: lone })
    stderr.mockRestore()
    expect(written).toEqual([`${defaultsNotice(lone)}\n`])
    expect(config.file).toBeUndefined()
    expect(config.root).toBe(lone)
    expect(config.consumer).toBe('communication-ui')
    expect(defaultsNotice('/srv/app')).toMatchInlineSnapshot(
      `"specpact: no specpact.config.yaml in /srv/app or above it; using the built-in defaults (consumer communication-ui, specs ./specs, pacts ./pacts, providers communication-gw and core-api, no OpenAPI descriptions: response bodies only from "## Expected Response"). Create specpact.config.yaml or pass --config."`,
    )
  })

  it('finds the project configuration from a folder below it', () => {
    expect(loadConfig({ cwd: join(root, 'app', 'web', 'test', 'unit') }).consumer).toBe('web-ui')
  })
})
