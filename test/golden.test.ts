/**
 * Golden files: every folder under test/fixtures/golden is one case, holding spec files and,
 * beside them, what specpact makes of them:
 * - `expected.pact.json`: the pact `specpact generate` writes, compared byte for byte. Absent
 *   when a spec cannot be translated (generate then writes nothing).
 * - `expected.diagnostics.json`: every diagnostic of reading and translating, in report
 *   order. Absent when there is none.
 * The specs of one case are translated together and only with each other (extract conflicts
 * are found across a case's specs), with the project's configuration, catalog and OpenAPI.
 *
 * After a deliberate change of the output, rewrite the golden files with
 *   UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
 * and read every diff before committing: a golden file pins whatever the code does, so a
 * wrong expectation is a bug to report, not a file to commit. The `intents` below state what
 * each case is about and fail on a rewritten file that lost it.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import type { AnyDiagnostic, Contract } from '../src/contract'
import { serializePact } from '../src/pact'
import { compile, loadProject } from '../src/project'

const ROOT = resolve(__dirname, '..')
const GOLDEN = join(__dirname, 'fixtures', 'golden')
const CONFIG = join(ROOT, 'specs', 'specpact.config.yaml')
const PACT = 'expected.pact.json'
const DIAGNOSTICS = 'expected.diagnostics.json'
const UPDATE = process.env.UPDATE_GOLDEN === '1'

const CASES = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({ name: e.name, dir: join(GOLDEN, e.name) }))
  .sort((a, b) => a.name.localeCompare(b.name))

interface Outcome {
  /** The pact text, when generate would write one. */
  pact: string | undefined
  /**
   * Pacts of other providers, by file name (`expected.core-api.pact.json`): those holding
   * only interactions derived from prerequisites (a core API lookup the specs rely on).
   */
  others: Record<string, string>
  /** Diagnostics as JSON text, when there are any. */
  diagnostics: string | undefined
}

/** Fixed key order and sort order, so the golden file reads like the human report. */
function diagnosticsText(all: AnyDiagnostic[]): string | undefined {
  if (all.length === 0) return undefined
  const sorted = [...all].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code),
  )
  const rows = sorted.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    code: d.code,
    severity: d.severity,
    path: d.path,
    message: d.message,
    ...(d.expected === undefined ? {} : { expected: d.expected }),
    ...(d.found === undefined ? {} : { found: d.found }),
  }))
  return `${JSON.stringify(rows, null, 2)}\n`
}

/** What `specpact generate test/fixtures/golden/<case>` run at the repository root produces. */
async function translate(dir: string): Promise<Outcome> {
  // loadProject finds specs relative to `cwd` but reads them relative to process.cwd(), so
  // the two must agree; the root keeps the paths in pacts and diagnostics stable.
  if (process.cwd() !== ROOT) throw new Error(`run the golden tests from ${ROOT}`)
  const project = await loadProject({ cwd: ROOT, paths: [relative(ROOT, dir)], config: CONFIG })
  const build = compile(project)
  const read = project.files.flatMap((f) => f.diagnostics)
  const failed = project.files.length - project.specs.length + build.failed.length
  if (project.files.length === 0) throw new Error(`${dir} holds no spec`)
  const own = build.contracts.filter((c) => c.interactions.some((i) => !isDerived(i)))
  if (failed === 0 && own.length !== 1) {
    throw new Error(
      `a golden case must make exactly one pact of its specs, ${dir} makes ${own.length}`,
    )
  }
  const [contract] = own
  const others = failed === 0 ? build.contracts.filter((c) => c !== contract) : []
  return {
    pact: failed === 0 && contract ? serializePact(contract) : undefined,
    others: Object.fromEntries(
      others.map((c) => [`expected.${c.provider}.pact.json`, serializePact(c)]),
    ),
    diagnostics: diagnosticsText([...read, ...build.diagnostics]),
  }
}

const isDerived = (i: Contract['interactions'][number]) =>
  i.kind === 'http' && i.prerequisite !== undefined

/** The golden files of other providers' pacts in a case folder. */
const othersIn = (dir: string) =>
  readdirSync(dir).filter((f) => /^expected\..+\.pact\.json$/.test(f) && f !== PACT)

async function readIfExists(file: string): Promise<string | undefined> {
  return existsSync(file) ? readFile(file, 'utf8') : undefined
}

async function writeOrRemove(file: string, text: string | undefined): Promise<void> {
  if (text !== undefined) await writeFile(file, text)
  else if (existsSync(file)) await unlink(file)
}

type Json = { [key: string]: unknown }
type Interaction = Json & { description: string; request: Json; response: Json }
interface Diag {
  file: string
  line: number
  code: string
  severity: string
  path: string
  expected?: string
  found?: string
}

/** A case's own interactions: those derived from its prerequisites have intents of their own. */
const interactionsOf = (pact: string | undefined): Interaction[] =>
  pact === undefined
    ? []
    : (JSON.parse(pact) as { interactions: Interaction[] }).interactions.filter(
        (i) => !derivedOf(i),
      )
const derivedOf = (i: Interaction) =>
  ((i.comments as { text?: string[] } | undefined)?.text ?? []).some((t) =>
    t.startsWith("A prerequisite's response"),
  )
const only = (pact: string | undefined): Interaction => {
  const all = interactionsOf(pact)
  expect(all).toHaveLength(1)
  return all[0] as Interaction
}
const diagnosticsOf = (text: string | undefined): Diag[] =>
  text === undefined ? [] : (JSON.parse(text) as Diag[])
const rulesAt = (section: unknown, key: string) =>
  ((section as Json | undefined)?.[key] as Json | undefined)?.matchers
const statesOf = (i: Interaction) =>
  (i.providerStates as Array<{ name: string; params: Json }> | undefined) ?? []

/**
 * What each case is about, checked on the golden files themselves: a rewrite that lost the
 * point of a case fails here even though the byte comparison then passes.
 */
const intents: Record<string, (o: Outcome) => void> = {
  'seed-create-session': ({ pact }) => {
    const i = only(pact)
    expect(statesOf(i).map((s) => s.name)).toEqual(['channel is pending', 'client exists'])
    expect(i.response.status).toBe(422)
    expect(i.response.matchingRules).not.toHaveProperty('status')
  },
  'seed-session-typing': ({ pact }) => {
    const i = only(pact)
    expect(statesOf(i).map((s) => s.name)).toEqual([
      'channel is active',
      'client exists',
      'session exists',
    ])
    expect(statesOf(i)[2]?.params).toMatchObject({
      channel_uid: '${channel_uid}',
      contact_uid: '${contact_uid}',
      provides: { session_uid: 'uid' },
    })
    expect((i.request.generators as Json).body).toEqual({
      '$.contact_uid': { expression: '${contact_uid}', type: 'ProviderState' },
      '$.session_uid': { expression: '${session_uid}', type: 'ProviderState' },
    })
  },
  'status-list-and-single': ({ pact }) => {
    const [created, either] = interactionsOf(pact)
    expect(created?.description).toBe('create_channel_created')
    expect(created?.response.status).toBe(201)
    expect(created?.response.matchingRules).not.toHaveProperty('status')
    expect(either?.description).toBe('create_channel_either_status')
    // The mock answers with the code the OpenAPI documents (201), not the first listed.
    expect(either?.response.status).toBe(201)
    expect(rulesAt((either?.response.matchingRules as Json | undefined)?.status, '$')).toEqual([
      { match: 'statusCode', status: [200, 201] },
    ])
  },
  'expected-outcome': ({ pact }) => {
    const i = only(pact)
    expect(i.response.status).toBe(422)
    expect(i.response.matchingRules).not.toHaveProperty('status')
    expect((i.response.body as Json).content).toMatchObject({ success: false })
  },
  'query-params': ({ pact }) => {
    const { request } = only(pact)
    expect(request.query).toEqual({
      'filter[business_uid]': ['bz3p8ja7a1b2c3d4'],
      per_page: ['5'],
      // vCita's runner makes now_timestamp Unix seconds.
      updated_since: ['1767258000'],
    })
    const rules = request.matchingRules as { query: Json }
    expect(rulesAt(rules.query, 'updated_since')).toEqual([
      { match: 'regex', regex: '^(?:\\d{10})$' },
    ])
    expect(rulesAt(rules.query, 'per_page')).toBeUndefined()
    expect((request.generators as { query: Json }).query).toEqual({
      'filter[business_uid]': { expression: '${business_id}', type: 'ProviderState' },
    })
  },
  'nested-body': ({ pact }) => {
    const { request } = only(pact)
    const body = request.body as { content: Json }
    expect(body.content.settings).toEqual({
      fallback: null,
      notify: {
        emails: ['apitest_1767258000000@example.com', 'ops@example.com'],
        enabled: true,
        retries: 3,
      },
      quiet_hours: [{ from: '22:00', to: '07:00' }],
    })
    const rules = (request.matchingRules as { body: Json }).body
    // Only templated strings are matched loosely; every other value must be sent as it is.
    expect(rules).toEqual({
      '$.business_uid': { combine: 'AND', matchers: [{ match: 'type' }] },
      '$.display_name': {
        combine: 'AND',
        matchers: [{ match: 'regex', regex: '^Newsletter (?:\\d{10})$' }],
      },
      '$.settings.notify.emails[0]': {
        combine: 'AND',
        matchers: [{ match: 'regex', regex: '^(?:apitest_\\d{13}@example\\.com)$' }],
      },
    })
  },
  'expected-response': ({ pact }) => {
    const rules = (only(pact).response.matchingRules as { body: Json }).body
    expect(rulesAt(rules, '$.data.sessions')).toEqual([{ match: 'type', min: 1 }])
    expect(rulesAt(rules, '$.data.sessions[*].contact.phones')).toEqual([{ match: 'type', min: 1 }])
    expect(rulesAt(rules, '$.data.sessions[*].labels')).toEqual([{ match: 'type' }])
    expect(rulesAt(rules, '$.data.sessions[*].closed_at')).toEqual([{ match: 'type' }])
  },
  'multi-step-request': ({ pact }) => {
    const all = interactionsOf(pact)
    expect(all.map((i) => i.description)).toEqual([
      'list_sessions_twice list_all',
      'list_sessions_twice list_page',
    ])
    expect(all.map((i) => i.request.query)).toEqual([
      { 'filter[business_uid]': ['bz3p8ja7a1b2c3d4'] },
      { 'filter[business_uid]': ['bz3p8ja7a1b2c3d4'], per_page: ['2'] },
    ])
  },
  'multipart-admin': ({ pact }) => {
    // The admin token goes as vCita's runner sends it; the body is multipart, part by part.
    const { request } = only(pact)
    const headers = request.headers as Record<string, string[]>
    expect(headers.Authorization).toEqual(['Admin example-admin-token'])
    expect(headers['Content-Type']?.[0]).toMatch(/^multipart\/form-data; boundary=/)
    const rules = (request.matchingRules as { body: Json }).body
    expect(rulesAt(rules, '$.title')).toEqual([{ match: 'regex', regex: '^Logo (?:\\d{1,4})$' }])
    expect(rulesAt(rules, '$.logo')).toEqual([{ match: 'type' }])
    expect((request.body as Json).content).toContain('filename="logo.png"')
  },
  'token-directory': ({ pact }) => {
    expect(only(pact).request.headers).toEqual({
      Authorization: ['Bearer example-directory-token'],
    })
  },
  'extracted-id-path': ({ pact }) => {
    const i = only(pact)
    expect(statesOf(i)).toEqual([
      {
        name: 'channel is pending',
        params: {
          business_uid: 'bz3p8ja7a1b2c3d4',
          display_name: 'Test Channel 1767258000',
          provides: { channel_uid: 'uid' },
          type: 'transactional',
        },
      },
    ])
    expect(i.request.path).toMatch(/^\/business\/communication\/channels\/[a-z0-9]{16}$/)
    expect((i.request.generators as Json).path).toEqual({
      expression: '/business/communication/channels/${channel_uid}',
      type: 'ProviderState',
    })
  },
  'error-uncovered-prerequisite': ({ pact, diagnostics }) => {
    expect(pact).toBeUndefined()
    expect(diagnosticsOf(diagnostics)).toMatchObject([
      { line: 21, code: 'uncovered-prerequisite', severity: 'error', path: 'prerequisites[0]' },
    ])
  },
  'error-no-provider': ({ pact, diagnostics }) => {
    expect(pact).toBeUndefined()
    expect(diagnosticsOf(diagnostics)).toMatchObject([
      { line: 27, code: 'no-provider', severity: 'error', path: 'request[0].path' },
    ])
  },
  'error-request-uses-request-extract': ({ pact, diagnostics }) => {
    // A second test request cannot use an id the first one extracts: interactions are
    // verified independently, so nothing would supply it; it must be a prerequisite.
    expect(pact).toBeUndefined()
    expect(diagnosticsOf(diagnostics)).toMatchObject([
      { line: 24, code: 'request-uses-request-extract', severity: 'error', path: 'request[1]' },
      { line: 26, code: 'endpoint-mismatch', severity: 'warning', path: 'request[1].path' },
    ])
  },
  'warning-extract-conflict': ({ pact, diagnostics }) => {
    // Two specs read the channel's uid at $.data.channel.uid, one at $.data.channel.id: the
    // odd one out is told where the others read it, and still gets its pact.
    const all = interactionsOf(pact)
    expect(all.map((i) => i.description)).toEqual([
      'close_channel',
      'delete_channel',
      'rename_channel',
    ])
    expect(all.map((i) => statesOf(i)[0]?.params.provides)).toEqual([
      { channel_uid: 'uid' },
      { channel_uid: 'uid' },
      { channel_uid: 'id' },
    ])
    expect(
      diagnosticsOf(diagnostics).filter((d) => d.code !== 'extract-not-in-openapi'),
    ).toMatchObject([
      {
        file: 'test/fixtures/golden/warning-extract-conflict/rename_channel.md',
        line: 30,
        code: 'extract-conflict',
        severity: 'warning',
        path: 'prerequisites[0].extract.channel_uid',
        expected: '$.data.channel.uid',
        found: '$.data.channel.id',
      },
    ])
  },
  'warning-extract-outside-entity': ({ pact, diagnostics }) => {
    expect(statesOf(only(pact))[0]?.params.provides).toEqual({ channel_uid: 'uid' })
    // The interaction derived from the prerequisite also finds $.data.uid undocumented.
    expect(diagnosticsOf(diagnostics).map((d) => d.code)).toEqual([
      'extract-not-in-openapi',
      'extract-outside-entity',
    ])
    expect(diagnosticsOf(diagnostics).slice(1)).toMatchObject([
      {
        line: 30,
        code: 'extract-outside-entity',
        severity: 'warning',
        path: 'prerequisites[0].extract.channel_uid',
      },
    ])
  },
}

describe('golden files', () => {
  it('every case folder has specs, an intent, and a golden file; every intent has a folder', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(8)
    expect(CASES.map((c) => c.name)).toEqual(Object.keys(intents).sort())
    for (const { dir } of CASES) {
      const files = readdirSync(dir)
      expect(files.some((f) => f.endsWith('.md'))).toBe(true)
      expect(files.some((f) => f === PACT || f === DIAGNOSTICS)).toBe(true)
    }
  })

  it.each(CASES)('$name', async ({ name, dir }) => {
    const actual = await translate(dir)
    if (UPDATE) {
      await writeOrRemove(join(dir, PACT), actual.pact)
      await writeOrRemove(join(dir, DIAGNOSTICS), actual.diagnostics)
      for (const file of othersIn(dir)) await writeOrRemove(join(dir, file), undefined)
      for (const [file, text] of Object.entries(actual.others))
        await writeFile(join(dir, file), text)
    }
    const expected: Outcome = {
      pact: await readIfExists(join(dir, PACT)),
      others: Object.fromEntries(
        await Promise.all(
          othersIn(dir).map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const),
        ),
      ),
      diagnostics: await readIfExists(join(dir, DIAGNOSTICS)),
    }
    expect(actual.diagnostics).toBe(expected.diagnostics)
    expect(actual.pact).toBe(expected.pact)
    expect(actual.others).toEqual(expected.others)
    intents[name]?.(expected)
  })
})

describe('specpact generate, the command', () => {
  const run = promisify(execFile)
  const dirs: string[] = []
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
  })

  /** Runs the CLI on a case folder from the repository root; resolves with code and output. */
  async function generate(name: string) {
    const out = await mkdtemp(join(tmpdir(), `specpact-golden-${name}-`))
    dirs.push(out)
    const folder = relative(ROOT, join(GOLDEN, name))
    const args = [join(ROOT, 'bin', 'specpact.js'), '--config', CONFIG, 'generate', folder]
    const env = { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' }
    const result = await run(process.execPath, [...args, '--out', out], {
      cwd: ROOT,
      env,
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    )
    return { ...result, out, files: await readdir(out) }
  }

  it('writes the golden pact byte for byte, and nothing for a case with an error', async () => {
    const [typing, invoices] = await Promise.all([
      generate('seed-session-typing'),
      generate('error-no-provider'),
    ])
    expect(typing.code).toBe(0)
    expect(typing.files).toEqual([
      'communication-ui-communication-gw.json',
      'communication-ui-core-api.json',
    ])
    expect(await readFile(join(typing.out, typing.files[0] as string), 'utf8')).toBe(
      await readFile(join(GOLDEN, 'seed-session-typing', PACT), 'utf8'),
    )
    expect(await readFile(join(typing.out, typing.files[1] as string), 'utf8')).toBe(
      await readFile(join(GOLDEN, 'seed-session-typing', 'expected.core-api.pact.json'), 'utf8'),
    )
    expect(invoices.code).toBe(1)
    expect(invoices.files).toEqual([])
    expect(invoices.stderr).toContain('list_invoices.md')
    expect(invoices.stderr).toContain('no-provider')
  })
})
