/**
 * The layers of DESIGN.md, enforced: `npm run check` (biome) fails on an import against the
 * arrows. Each folder of src/ gets one file importing each other folder, in a copy of the
 * project's own biome.json, and biome must report exactly the imports the design forbids.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'

const ROOT = resolve(__dirname, '..')
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome')

/**
 * What each folder may import, as DESIGN.md draws it: cli → report/broker/provider/runner/
 * pact → contract → spec; config/ (and shared/, the common vocabulary) under everything;
 * nothing imports cli/.
 */
const MAY_IMPORT: Record<string, string[]> = {
  shared: [],
  config: ['shared'],
  spec: ['config', 'shared'],
  contract: ['spec', 'config', 'shared'],
  project: ['contract', 'spec', 'config', 'shared'],
  pact: ['project', 'contract', 'spec', 'config', 'shared'],
  runner: ['project', 'contract', 'spec', 'config', 'shared'],
  provider: ['pact', 'project', 'contract', 'spec', 'config', 'shared'],
  reference: ['provider', 'contract', 'spec', 'config', 'shared'],
  client: ['shared'],
  broker: ['provider', 'pact', 'project', 'contract', 'spec', 'config', 'shared'],
  report: [
    'broker',
    'provider',
    'runner',
    'pact',
    'coverage',
    'project',
    'contract',
    'spec',
    'config',
    'shared',
  ],
  consumer: [
    'report',
    'runner',
    'pact',
    'client',
    'project',
    'contract',
    'spec',
    'config',
    'shared',
  ],
}
const FOLDERS = [...Object.keys(MAY_IMPORT), 'cli']

const BiomeReport = z.object({
  diagnostics: z.array(
    z.object({ category: z.string().optional(), location: z.object({ path: z.string() }) }),
  ),
})

let dir: string
let reported: Set<string>

function biomeLint(cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      BIOME,
      ['lint', '--reporter=json', '--max-diagnostics=none', '.'],
      { cwd },
      (error, stdout) => {
        // biome exits 1 when it reports errors: that is the expected outcome here.
        if (error && typeof error.code !== 'number') fail(error)
        else done(stdout)
      },
    )
  })
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-layers-'))
  const config = JSON.parse(await readFile(join(ROOT, 'biome.json'), 'utf8'))
  // The copy lives outside the repository: no git ignore file, no schema path to resolve.
  delete config.vcs
  delete config.$schema
  await writeFile(join(dir, 'biome.json'), JSON.stringify(config))
  for (const from of FOLDERS) {
    await mkdir(join(dir, 'src', from, 'deep'), { recursive: true })
    for (const to of FOLDERS.filter((f) => f !== from)) {
      await writeFile(
        join(dir, 'src', from, `uses-${to}.ts`),
        `import { thing } from '../${to}/thing'\nexport const used = thing\n`,
      )
      await writeFile(
        join(dir, 'src', from, 'deep', `uses-${to}.ts`),
        `import { thing } from '../../${to}'\nexport const used = thing\n`,
      )
    }
  }
  const report = BiomeReport.parse(JSON.parse(await biomeLint(dir)))
  reported = new Set(
    report.diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports')
      .map((d) => d.location.path.replaceAll('\\', '/')),
  )
}, 60_000)

afterAll(() => rm(dir, { recursive: true, force: true }))

const arrows = FOLDERS.flatMap((from) =>
  FOLDERS.filter((to) => to !== from).map((to) => ({
    from,
    to,
    allowed: from === 'cli' || (MAY_IMPORT[from] ?? []).includes(to),
  })),
)

describe('the layers are enforced by the linter', () => {
  it('reports every import against the arrows, and only those', () => {
    const wrong = arrows.filter(({ from, to, allowed }) => {
      const flagged = reported.has(`src/${from}/uses-${to}.ts`)
      const deep = reported.has(`src/${from}/deep/uses-${to}.ts`)
      return flagged === allowed || deep === allowed
    })
    expect(wrong).toEqual([])
  })

  it('forbids importing cli/ from everywhere', () => {
    const unflagged = FOLDERS.filter((f) => f !== 'cli' && !reported.has(`src/${f}/uses-cli.ts`))
    expect(unflagged).toEqual([])
    expect(arrows.filter((a) => !a.allowed).length).toBeGreaterThan(80)
  })
})
