/**
 * vCita's specs of four domains (../shared/corpus), translated with the providers-only
 * configuration of test/fixtures/vcita-corpus: what lint says and what generate writes must
 * agree on every spec, every request must carry the Authorization vCita's runner sends,
 * and no `{{` may reach a pact. A representative set is pinned as golden files in
 * test/fixtures/corpus-golden (rewrite with UPDATE_GOLDEN=1 and read every diff).
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serializePact } from '../src/pact'
import { compile, loadProject } from '../src/project'

const ROOT = resolve(__dirname, '..')
const CORPUS = resolve(ROOT, '../shared/corpus/vcita/workflows')
const CONFIG = join(__dirname, 'fixtures', 'vcita-corpus', 'specpact.config.yaml')
const GOLDEN = join(__dirname, 'fixtures', 'corpus-golden')
const DOMAINS = ['communication', 'clients', 'scheduling', 'apps'].map((d) => join(CORPUS, d))
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const run = promisify(execFile)

type Json = { [key: string]: unknown }

interface Written {
  /** Spec files with an interaction in a written pact. */
  translated: Set<string>
  pacts: Json[]
}

let out: string
let lintErrors: Set<string>
let written: Written

const cli = (args: string[]) =>
  run(process.execPath, [join(ROOT, 'bin', 'specpact.js'), ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout: string; stderr: string; code: number }) => error)

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'specpact-corpus-'))
  const [lint] = await Promise.all([
    cli(['lint', '--format', 'json', '--config', CONFIG, ...DOMAINS]),
    cli(['generate', '--keep-going', '--config', CONFIG, '--out', out, ...DOMAINS]),
  ])
  const report = JSON.parse(lint.stdout) as {
    files: Array<{ file: string; diagnostics: Array<{ severity: string }> }>
  }
  lintErrors = new Set(
    report.files
      .filter((f) => f.diagnostics.some((d) => d.severity === 'error'))
      .map((f) => resolve(ROOT, f.file)),
  )
  const pacts = await Promise.all(
    (await readdir(out)).map(async (f) => JSON.parse(await readFile(join(out, f), 'utf8')) as Json),
  )
  const translated = new Set<string>()
  for (const pact of pacts) {
    for (const i of pact.interactions as Json[]) {
      const text = ((i.comments as Json).text as string[])[0] ?? ''
      const file = /^From (.*), step /.exec(text)?.[1]
      if (file) translated.add(resolve(ROOT, file))
    }
  }
  written = { translated, pacts }
}, 180_000)

afterAll(async () => {
  await rm(out, { recursive: true, force: true })
})

describe('the vCita corpus with a providers-only configuration', () => {
  it('lint calls a spec clean exactly when generate translates it', async () => {
    const all = (
      await Promise.all(
        DOMAINS.map(async (d) =>
          (await readdir(d)).filter((f) => f.endsWith('.md')).map((f) => join(d, f)),
        ),
      )
    ).flat()
    expect(all).toHaveLength(138)
    const clean = all.filter((f) => !lintErrors.has(f)).sort()
    expect([...written.translated].sort()).toEqual(clean)
    // States are inferred without a catalog: only specs with defects of their own are left.
    expect(clean.length).toBeGreaterThanOrEqual(121)
  })

  it('sends the Authorization vCita runner sends in every request, and no {{ anywhere in a pact', () => {
    const schemes = new Set<string>()
    for (const pact of written.pacts) {
      for (const i of pact.interactions as Json[]) {
        // Requests, responses and the params of provider states alike.
        expect(JSON.stringify(i), String(i.description)).not.toContain('{{')
        const headers = (i.request as Json).headers as Record<string, string[]>
        const [auth] = headers.Authorization ?? []
        expect(auth, String(i.description)).toMatch(/^(Bearer|Admin|Token token=")/)
        schemes.add(String(auth).replace(/example-[a-z_-]+-token/, '<token>'))
      }
    }
    expect([...schemes].sort()).toEqual(['Admin <token>', 'Bearer <token>'])
  })
})

/** A representative set: swagger basePath and servers, external $refs, tokens, odd forms. */
const GOLDEN_SPECS = [
  'clients/post_platform_v1_clients.md',
  'clients/get_platform_v1_clients_client_id_estimates.md',
  'clients/get_platform_v1_clients_client_id_payment_client_packages.md',
  'scheduling/get_v3_scheduling_resource_types.md',
  'scheduling/get_platform_v1_scheduling_bookings.md',
  'communication/get_v3_communication_voice_call_settings.md',
  'apps/post_v3_apps_widgets.md',
  'apps/put_v3_apps_widgets_uid.md',
]

describe('golden translations of corpus specs', async () => {
  const project = await loadProject({
    config: CONFIG,
    cwd: ROOT,
    paths: GOLDEN_SPECS.map((s) => join(CORPUS, s)),
  })
  const build = compile(project)
  const diagnostics = [...project.files.flatMap((f) => f.diagnostics), ...build.diagnostics]
    .map(
      (d) =>
        `${d.file.replace(/^.*workflows\//, '')}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`,
    )
    .sort()
  const files: Array<[string, string]> = [
    ...build.contracts.map((c): [string, string] => [`${c.provider}.pact.json`, serializePact(c)]),
    ['diagnostics.txt', `${diagnostics.join('\n')}\n`],
  ]

  it.each(files)('%s', async (name, text) => {
    const file = join(GOLDEN, name)
    if (UPDATE) await writeFile(file, text)
    expect(existsSync(file), `${file}: run with UPDATE_GOLDEN=1`).toBe(true)
    expect(text).toBe(await readFile(file, 'utf8'))
  })

  it('has no golden file left over', async () => {
    const kept = (await readdir(GOLDEN)).filter((f) => f !== 'biome.json')
    expect(kept.sort()).toEqual(files.map(([n]) => n).sort())
  })

  it("keeps the spec's own X-On-Behalf-Of beside the directory token", () => {
    const platform = build.contracts.find((c) => c.provider === 'platform-api')
    const estimates = platform?.interactions.find(
      (i) => i.description === 'get_platform_v1_clients_client_id_estimates',
    )
    expect(estimates?.kind === 'http' && estimates.request.headers).toEqual(
      expect.arrayContaining([
        ['Authorization', expect.objectContaining({ example: 'Bearer example-directory-token' })],
        [
          'X-On-Behalf-Of',
          { kind: 'injected', expression: '${business_id}', example: 'bz3p8ja7a1b2c3d4' },
        ],
      ]),
    )
  })
})
