/**
 * `specpact verify` with each Authorization scheme vCita's runner sends, end to end: specs of
 * a temp project → `specpact generate` → `specpact verify` (the real `pact verifier` binary
 * behind specpact's gateway) → a real HTTP provider that accepts only the exact header of its
 * scheme with the real token. The pact holds dummies; the real tokens come from the
 * environment and must reach the provider in the right scheme, and appear nowhere else: not
 * in the pact, not on stdout or stderr (with the core's whole report), not in the JSON or
 * JUnit output — also when the provider refuses a token and echoes the header it got.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { specpact } from './broker/cli'

/** Real-looking tokens: a JWT, base64 with `+/=`, a hex string. */
const TOKENS = {
  SPECPACT_TOKEN_STAFF: 'eyJhbGciOiJIUzI1NiJ9.c3RhZmY.q9Xw-Zr_81mT',
  SPECPACT_TOKEN_ADMIN: 'adm+Kx9/Qw2Lr8==',
  SPECPACT_TOKEN_INTERNAL: '6f1c93be0d7a4e25',
}

/** Each spec: its path, the token it names (none: the default, staff), the exact header due. */
const CASES = [
  {
    name: 'get_api_admin_reports',
    path: '/api/admin/reports',
    token: 'admin',
    header: `Admin ${TOKENS.SPECPACT_TOKEN_ADMIN}`,
    dummy: 'Admin example-admin-token',
  },
  {
    name: 'get_api_internal_jobs',
    path: '/api/internal/jobs',
    token: 'internal',
    header: `Admin ${TOKENS.SPECPACT_TOKEN_INTERNAL}`,
    dummy: 'Admin example-internal-token',
  },
  {
    name: 'get_api_partners_accounts',
    path: '/api/partners/accounts',
    token: undefined,
    header: `Token token="${TOKENS.SPECPACT_TOKEN_STAFF}"`,
    dummy: 'Token token="example-staff-token"',
  },
  {
    name: 'get_api_items',
    path: '/api/items',
    token: 'staff',
    header: `Bearer ${TOKENS.SPECPACT_TOKEN_STAFF}`,
    dummy: 'Bearer example-staff-token',
  },
]

const spec = (c: (typeof CASES)[number]) =>
  [
    '---',
    `endpoint: "GET ${c.path}"`,
    'domain: auth',
    'tags: [auth]',
    'status: verified',
    `tokens: [${c.token ?? 'staff'}]`,
    '---',
    '',
    `# ${c.name}`,
    '',
    '## Test Request',
    '```yaml',
    'steps:',
    '  - id: main',
    '    method: GET',
    `    path: "${c.path}"`,
    ...(c.token ? [`    token: ${c.token}`] : []),
    '    expect:',
    '      status: 200',
    '```',
    '',
    '## Expected Response',
    '```json',
    '{ "ok": true }',
    '```',
    '',
  ].join('\n')

const CONFIG = `consumer: auth-ui
specs: [specs]
pacts: pacts
providers:
  - { name: auth-api, pathPrefix: /api }
tokens:
  staff: SPECPACT_TOKEN_STAFF
  admin: SPECPACT_TOKEN_ADMIN
  internal: SPECPACT_TOKEN_INTERNAL
`

let dir: string
let provider: Server
let providerUrl: string
/** The provider's expectation per path, changed by a test to refuse one real token. */
let expected: Map<string, string>
/** Every Authorization header the provider received, by path. */
const received = new Map<string, string[]>()

// A hang detector, far above what a run takes.
const inProject = (args: string[], env: Record<string, string>) =>
  specpact(args, env, { cwd: dir, timeoutMs: 180_000 })

const verify = (extra: string[], env: Record<string, string> = TOKENS) =>
  inProject(
    ['verify', 'pacts', '--provider', 'auth-api', '--provider-base-url', providerUrl, ...extra],
    env,
  )

/** Every file the run wrote, beside stdout and stderr. */
const written = (names: string[]) =>
  names.map((n) => {
    try {
      return readFileSync(join(dir, n), 'utf8')
    } catch {
      return ''
    }
  })

function expectNoToken(texts: string[], tokens: readonly string[]) {
  for (const text of texts) for (const token of tokens) expect(text).not.toContain(token)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'specpact-auth-'))
  mkdirSync(join(dir, 'specs'))
  writeFileSync(join(dir, 'specpact.config.yaml'), CONFIG)
  for (const c of CASES) writeFileSync(join(dir, 'specs', `${c.name}.md`), spec(c))
  expected = new Map(CASES.map((c) => [c.path, c.header]))
  provider = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] as string
    const got = request.headers.authorization ?? ''
    // specpact's reachability probe (GET /, no token) is not an interaction.
    if (expected.has(path)) received.set(path, [...(received.get(path) ?? []), got])
    const ok = got === expected.get(path)
    response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
    // A refusal echoes the header it got in the field the contract reads, so the Pact
    // core's mismatch prints it: specpact must redact it there.
    response.end(JSON.stringify({ ok: ok ? true : `refused ${got}` }))
  })
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r))
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`
  const generated = await inProject(['generate'], {})
  // The specs name no swagger (a warning each): the responses come from ## Expected Response.
  expect(generated.stderr).toContain('4 files, 0 errors, 4 warnings')
  expect(generated.code).toBe(0)
}, 200_000)

afterAll(async () => {
  await new Promise((r) => provider.close(r))
  rmSync(dir, { recursive: true, force: true })
})

describe('specpact verify with the Admin and Token token="…" schemes', () => {
  it('writes each scheme with a dummy token into the pact, and no real token', () => {
    const [file] = readdirSync(join(dir, 'pacts'))
    const text = readFileSync(join(dir, 'pacts', file as string), 'utf8')
    const pact = JSON.parse(text) as {
      interactions: Array<{ description: string; request: { headers: Record<string, string[]> } }>
    }
    expect(
      Object.fromEntries(
        pact.interactions.map((i) => [i.description, i.request.headers.Authorization?.[0]]),
      ),
    ).toEqual(Object.fromEntries(CASES.map((c) => [c.name, c.dummy])))
    expectNoToken([text], Object.values(TOKENS))
  })

  it('sends the real token from the environment in each scheme, and prints it nowhere', async () => {
    received.clear()
    const run = await verify(['--verbose', '--junit', 'passing.xml'])
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('4 interactions: 4 verified, 0 failed')
    expect(run.code).toBe(0)
    // The provider accepted only the exact header: each arrived once, in its scheme.
    expect(Object.fromEntries(received)).toEqual(
      Object.fromEntries(CASES.map((c) => [c.path, [c.header]])),
    )
    expectNoToken([run.stdout, run.stderr, ...written(['passing.xml'])], Object.values(TOKENS))
  }, 200_000)

  it('fails the interaction whose token the provider refuses, redacting the header it echoes', async () => {
    // The environment's admin token is not the one the provider accepts.
    const wrong = 'adm+WRONG/Zz0=='
    expected.set('/api/admin/reports', `Admin ${TOKENS.SPECPACT_TOKEN_ADMIN}`)
    const env = { ...TOKENS, SPECPACT_TOKEN_ADMIN: wrong }
    received.clear()
    const text = await verify(['--verbose', '--junit', 'failing.xml'], env)
    const json = await verify(['--format', 'json'], env)
    expect(received.get('/api/admin/reports')).toEqual([`Admin ${wrong}`, `Admin ${wrong}`])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('4 interactions: 3 verified, 1 failed')
    expect(text.stdout).toMatch(/✗ get_api_admin_reports[\s\S]*expected 200 but was 401/)
    const out = JSON.parse(json.stdout) as {
      interactions: Array<{ description: string; result: string }>
    }
    expect(out.interactions.filter((i) => i.result === 'failed').map((i) => i.description)).toEqual(
      ['get_api_admin_reports'],
    )
    // The echoed header reads `***` wherever the core's report or specpact shows it.
    expect(`${text.stdout}${json.stdout}`).toContain('Admin ***')
    expectNoToken(
      [text.stdout, text.stderr, json.stdout, json.stderr, ...written(['failing.xml'])],
      [...Object.values(env), TOKENS.SPECPACT_TOKEN_ADMIN],
    )
  }, 200_000)
})
