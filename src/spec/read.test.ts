import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DIAGNOSTICS, type DiagnosticCode } from './errors'
import { MAX_SPEC_BYTES } from './file'
import { parseSpec, readSpec } from './read'
import { edit, textAt, VALID, VARIABLES } from './test-support/specs'
import { WEBHOOK_CODES } from './test-support/webhook-specs'
import type { Diagnostic, ReadResult, Severity } from './types'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-read-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const parse = (text: string) => parseSpec('spec.md', text, { variables: VARIABLES })

interface Case {
  name: string
  code: DiagnosticCode
  severity: Severity
  text: string
  /** Reads the spec some other way than parsing `text` (an unreadable file). */
  read?: () => Promise<ReadResult>
  line: number
  column: number
  /** What the spec file shows at line:column. */
  at: string
  path: string
  /** Every code the spec gets, in order: one defect must not echo as several. */
  codes: DiagnosticCode[]
}

const cases: Case[] = [
  {
    name: 'a file that cannot be read',
    code: 'file-unreadable',
    severity: 'error',
    text: '',
    read: () => readSpec(join(dir, 'missing.md')),
    line: 1,
    column: 1,
    at: '',
    path: '',
    codes: ['file-unreadable'],
  },
  {
    name: 'no front matter',
    code: 'front-matter-missing',
    severity: 'error',
    text: edit(['---\nendpoint', 'endpoint']),
    line: 1,
    column: 1,
    at: 'endpoint:',
    path: 'frontMatter',
    codes: ['front-matter-missing'],
  },
  {
    name: 'front matter without its closing ---',
    code: 'front-matter-unclosed',
    severity: 'error',
    text: edit(['tokens: [staff]\n---\n', 'tokens: [staff]\n']),
    line: 1,
    column: 1,
    at: '---',
    path: 'frontMatter',
    codes: ['front-matter-unclosed'],
  },
  {
    name: 'malformed front-matter YAML points at the unclosed bracket',
    code: 'front-matter-yaml',
    severity: 'error',
    text: edit(['tags: [Communication Messages (SMS)]', 'tags: [Communication Messages (SMS)']),
    line: 4,
    column: 7,
    at: '[Communication',
    path: 'frontMatter',
    codes: ['front-matter-yaml'],
  },
  {
    name: 'a missing front-matter field',
    code: 'missing-field',
    severity: 'error',
    text: edit(['domain: communication\n', '']),
    line: 2,
    column: 1,
    at: 'endpoint:',
    path: 'frontMatter.domain',
    codes: ['missing-field'],
  },
  {
    name: 'a front-matter value that is not allowed',
    code: 'invalid-field',
    severity: 'error',
    text: edit(['status: verified', 'status: 5']),
    line: 6,
    column: 9,
    at: '5',
    path: 'frontMatter.status',
    codes: ['invalid-field'],
  },
  {
    name: 'a status of the upstream repository',
    code: 'status-mapped',
    severity: 'warning',
    text: edit(['status: verified', 'status: success']),
    line: 6,
    column: 9,
    at: 'success',
    path: 'frontMatter.status',
    codes: ['status-mapped'],
  },
  {
    name: 'a template that is no variable reference',
    code: 'template-invalid',
    severity: 'error',
    text: edit(['test-external-uid-{{now_timestamp}}', 'test-external-uid-{{now-timestamp}}']),
    line: 67,
    column: 21,
    at: '"test-external-uid-{{now-timestamp}}"',
    path: 'request[0].body.external_uid',
    codes: ['template-invalid'],
  },
  {
    name: 'a template the runner sends as literal text',
    code: 'runner-literal-template',
    severity: 'warning',
    text: edit([
      '"{{business_id}}"\n      channel_uid',
      '"{{config.params.business_id}}"\n      channel_uid',
    ]),
    line: 64,
    column: 21,
    at: '"{{config.params.business_id}}"',
    path: 'request[0].body.business_uid',
    codes: ['runner-literal-template'],
  },
  {
    name: 'a date variable in a spec without prerequisites',
    code: 'runner-date-scope',
    severity: 'warning',
    text: edit(['  - id: create_channel', '  - id: create_channel\n    onFail: abort'])
      .replace(/## Prerequisites\n```yaml\n[\s\S]*?```/, '## Prerequisites\n\nNone required.')
      .replace(/"\{\{(channel|contact)_uid\}\}"/g, '"{{unique_id}}"'),
    line: 40,
    column: 21,
    at: '"test-external-uid-{{now_timestamp}}"',
    path: 'request[0].body.external_uid',
    codes: ['runner-date-scope'],
  },
  {
    name: 'a request written as one JSON step',
    code: 'request-single-step',
    severity: 'warning',
    text: edit([
      '## Test Request\n```yaml\nsteps:\n  - id: main_request\n    description: "Create a session on an active channel"\n    method: POST\n    path: "/business/communication/sessions"\n    body:\n      business_uid: "{{business_id}}"\n      channel_uid: "{{channel_uid}}"\n      contact_uid: "{{contact_uid}}"\n      external_uid: "test-external-uid-{{now_timestamp}}"\n    expect:\n      status: 201\n```',
      '## Test Request\n```json\n{"method": "POST", "path": "/business/communication/sessions", "body": {"channel_uid": "{{channel_uid}}", "contact_uid": "{{contact_uid}}"}, "expect": {"status": 201}}\n```',
    ]),
    line: 58,
    column: 1,
    at: '{"method": "POST", "path": "/business/communication/sessions", "body": {"channel_uid": "{{channel_uid}}", "contact_uid": "{{contact_uid}}"}, "expect": {"status": 201}}',
    path: 'request',
    codes: ['request-single-step'],
  },
  {
    name: 'a step without expect',
    code: 'expect-missing',
    severity: 'warning',
    text: edit(['    expect:\n      status: 201\n', '']),
    line: 59,
    column: 5,
    at: 'id: main_request',
    path: 'request[0].expect',
    codes: ['expect-missing'],
  },
  {
    name: 'no swagger',
    code: 'missing-swagger',
    severity: 'warning',
    text: edit(['swagger: swagger/communication/communication.json\n', '']),
    line: 2,
    column: 1,
    at: 'endpoint:',
    path: 'frontMatter.swagger',
    codes: ['missing-swagger'],
  },
  {
    name: 'a swagger path of one machine',
    code: 'swagger-not-relative',
    severity: 'warning',
    text: edit(['swagger: swagger/', 'swagger: /Users/me/swagger/']),
    line: 5,
    column: 10,
    at: '/Users/me/swagger/',
    path: 'frontMatter.swagger',
    codes: ['swagger-not-relative'],
  },
  {
    name: 'a skipped spec without skipReason',
    code: 'skip-without-reason',
    severity: 'warning',
    text: edit(['status: verified', 'status: skip']),
    line: 6,
    column: 9,
    at: 'skip',
    path: 'frontMatter.status',
    codes: ['skip-without-reason'],
  },
  {
    name: 'a step with onFail: skip and no skipReason',
    code: 'skip-without-reason',
    severity: 'warning',
    text: edit(['      status: 200\n    onFail: abort', '      status: 200\n    onFail: skip']),
    line: 53,
    column: 13,
    at: 'skip',
    path: 'prerequisites[1].onFail',
    codes: ['skip-without-reason'],
  },
  {
    name: 'no Test Request section',
    code: 'section-missing',
    severity: 'error',
    text: edit(['## Test Request', '## Request']),
    line: 12,
    column: 1,
    at: '# Create Communication Session',
    path: 'request',
    codes: ['section-missing'],
  },
  {
    name: 'a Test Request without a yaml block',
    code: 'steps-missing',
    severity: 'error',
    text: edit(['```yaml\nsteps:\n  - id: main_request', '```text\nsteps:\n  - id: main_request']),
    line: 56,
    column: 1,
    at: '## Test Request',
    path: 'request',
    codes: ['steps-missing'],
  },
  {
    name: 'malformed YAML in a step block',
    code: 'yaml-malformed',
    severity: 'error',
    text: edit([
      '    method: POST\n    path: "/business/communication/sessions"',
      '    method: POST\n   path: "/business/communication/sessions"',
    ]),
    line: 62,
    column: 1,
    at: '   path:',
    path: 'request',
    codes: ['yaml-malformed'],
  },
  {
    name: 'a step block whose list is not under steps:',
    code: 'steps-not-list',
    severity: 'error',
    text: edit(['steps:\n  - id: main_request', 'step:\n  - id: main_request']),
    line: 58,
    column: 1,
    at: 'step:',
    path: 'request',
    codes: ['unknown-key', 'steps-not-list'],
  },
  {
    name: 'a step that is a string',
    code: 'step-not-object',
    severity: 'error',
    text: edit(['steps:\n  - id: main_request', 'steps:\n  - main_request\n  - id: main_request']),
    line: 59,
    column: 5,
    at: 'main_request',
    path: 'request[0]',
    codes: ['step-not-object'],
  },
  {
    name: 'a step without method',
    code: 'missing-key',
    severity: 'error',
    text: edit([
      '    method: POST\n    path: "/business/communication/sessions"',
      '    path: "/business/communication/sessions"',
    ]),
    line: 59,
    column: 5,
    at: 'id: main_request',
    path: 'request[0].method',
    codes: ['missing-key'],
  },
  {
    name: 'params given as a list',
    code: 'wrong-type',
    severity: 'error',
    text: edit([
      '      business_id: "{{business_id}}"\n      per_page: "1"',
      '      - business_id',
    ]),
    line: 47,
    column: 7,
    at: '- business_id',
    path: 'prerequisites[1].params',
    codes: ['wrong-type'],
  },
  {
    name: 'an onFail that is not allowed',
    code: 'invalid-value',
    severity: 'error',
    text: edit(['      status: 200\n    onFail: abort', '      status: 200\n    onFail: retry']),
    line: 53,
    column: 13,
    at: 'retry',
    path: 'prerequisites[1].onFail',
    codes: ['invalid-value'],
  },
  {
    name: 'a lower-case method',
    code: 'invalid-method',
    severity: 'error',
    text: edit(['    method: GET', '    method: get']),
    line: 44,
    column: 13,
    at: 'get',
    path: 'prerequisites[1].method',
    codes: ['invalid-method'],
  },
  {
    name: 'a status list with a bad item points at the item',
    code: 'invalid-status',
    severity: 'error',
    text: edit(['      status: [200, 201]', '      status: [200, 2010]']),
    line: 39,
    column: 21,
    at: '2010]',
    path: 'prerequisites[0].expect.status[1]',
    codes: ['invalid-status'],
  },
  {
    name: 'two steps with one id',
    code: 'duplicate-step-id',
    severity: 'error',
    text: edit(['  - id: get_client', '  - id: create_channel']),
    line: 42,
    column: 9,
    at: 'create_channel',
    path: 'prerequisites[1].id',
    codes: ['duplicate-step-id'],
  },
  {
    name: 'a misspelled variable',
    code: 'undefined-variable',
    severity: 'error',
    text: edit(['"{{contact_uid}}"', '"{{contact_id}}"']),
    line: 66,
    column: 20,
    at: '"{{contact_id}}"',
    path: 'request[0].body.contact_uid',
    // The extract it was meant to use is now unused: both are true and both help.
    codes: ['unused-extract', 'undefined-variable'],
  },
  {
    name: 'an extract no step uses',
    code: 'unused-extract',
    severity: 'warning',
    text: edit([
      '      channel_uid: "$.data.channel.uid"',
      '      channel_uid: "$.data.channel.uid"\n      channel_status: "$.data.channel.status"',
    ]),
    line: 38,
    column: 7,
    at: 'channel_status:',
    path: 'prerequisites[0].extract.channel_status',
    codes: ['unused-extract'],
  },
  {
    name: 'an extract path without $',
    code: 'invalid-jsonpath',
    severity: 'error',
    text: edit(['"$.data.channel.uid"', '"data.channel.uid"']),
    line: 37,
    column: 20,
    at: '"data.channel.uid"',
    path: 'prerequisites[0].extract.channel_uid',
    codes: ['invalid-jsonpath'],
  },
  {
    name: 'a swagger {placeholder} left in a path',
    code: 'unresolved-placeholder',
    severity: 'error',
    text: edit(['path: "/platform/v1/clients"', 'path: "/platform/v1/clients/{client_uid}"']),
    line: 45,
    column: 11,
    at: '"/platform/v1/clients/{client_uid}"',
    path: 'prerequisites[1].path',
    codes: ['unresolved-placeholder'],
  },
  {
    name: 'an unknown step key',
    code: 'unknown-key',
    severity: 'warning',
    text: edit(['      status: 201\n', '      status: 201\n    retries: 3\n']),
    line: 70,
    column: 5,
    at: 'retries: 3',
    path: 'request[0].retries',
    codes: ['unknown-key'],
  },
  {
    name: 'an unknown key under expect',
    code: 'unknown-key',
    severity: 'warning',
    text: edit(['      status: 201\n', '      status: 201\n      body: {}\n']),
    line: 70,
    column: 7,
    at: 'body: {}',
    path: 'request[0].expect.body',
    codes: ['unknown-key'],
  },
  {
    name: 'a request path that is not the endpoint',
    code: 'endpoint-mismatch',
    severity: 'warning',
    text: edit([
      'path: "/business/communication/sessions"',
      'path: "/business/communication/session"',
    ]),
    line: 62,
    column: 11,
    at: '"/business/communication/session"',
    path: 'request[0].path',
    codes: ['endpoint-mismatch'],
  },
  {
    name: 'an expectedOutcome the request does not expect',
    code: 'outcome-mismatch',
    severity: 'warning',
    text: edit(['status: verified', 'status: verified\nexpectedOutcome: 422']),
    line: 7,
    column: 18,
    at: '422',
    path: 'frontMatter.expectedOutcome',
    codes: ['outcome-mismatch'],
  },
  {
    name: 'a request expecting a failure without expectedOutcome',
    code: 'outcome-undeclared',
    severity: 'warning',
    text: edit(['      status: 201\n```', '      status: 422\n```']),
    line: 69,
    column: 15,
    at: '422',
    path: 'request[0].expect.status',
    codes: ['outcome-undeclared'],
  },
  {
    name: 'a trailing comma in the expected response',
    code: 'expected-response-json',
    severity: 'error',
    text: edit(['"ai_status": "none" } }', '"ai_status": "none", } }']),
    line: 76,
    column: 80,
    at: '} }',
    path: 'expectedResponse',
    codes: ['expected-response-json'],
  },
  {
    name: 'an expected response nested deeper than a pact can hold',
    code: 'too-deep',
    severity: 'error',
    text: edit([
      '"ai_status": "none" } }',
      `"ai_status": ${'['.repeat(200)}${']'.repeat(200)} } }`,
    ]),
    line: 76,
    column: 189,
    at: '[[',
    path: 'expectedResponse',
    codes: ['too-deep'],
  },
  {
    name: 'a file larger than any spec',
    code: 'file-too-large',
    severity: 'error',
    text: '',
    read: async () => {
      await writeFile(join(dir, 'large.md'), `${VALID}${' '.repeat(MAX_SPEC_BYTES)}`)
      return readSpec(join(dir, 'large.md'))
    },
    line: 1,
    column: 1,
    at: '',
    path: '',
    codes: ['file-too-large'],
  },
]

const run = (c: Case) => (c.read ? c.read() : Promise.resolve(parse(c.text)))

describe('one defect, one diagnostic', () => {
  it.each(cases)('$name', async (c) => {
    const result = await run(c)
    expect(result.diagnostics.map((d) => d.code)).toEqual(c.codes)
    const d = result.diagnostics.find((x) => x.code === c.code) as Diagnostic
    expect(d).toMatchObject({ severity: c.severity, line: c.line, column: c.column, path: c.path })
    expect(textAt(c.text, d.line, d.column).startsWith(c.at)).toBe(true)
    expect(result.ok).toBe(!result.diagnostics.some((x) => x.severity === 'error'))
  })

  it('has a case for every diagnostic code', () => {
    // unknown-domain is no longer reported: any domain is accepted.
    const covered = new Set([...cases.map((c) => c.code), ...WEBHOOK_CODES, 'unknown-domain'])
    const missing = Object.keys(DIAGNOSTICS).filter((code) => !covered.has(code as DiagnosticCode))
    expect(missing).toEqual([])
  })

  it('says what went wrong, what was expected and what was found', async () => {
    const lines: string[] = []
    for (const c of cases) {
      const d = (await run(c)).diagnostics.find((x) => x.code === c.code) as Diagnostic
      const detail = [d.expected && `expected ${d.expected}`, d.found && `found ${d.found}`]
      lines.push(`${d.code}: ${d.message}`.replace(dir, '<dir>'))
      lines.push(`  ${detail.filter(Boolean).join('; ')}`.trimEnd())
    }
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "file-unreadable: cannot read <dir>/missing.md: there is no such file or directory
        expected a readable spec file (a regular file of at most 1 MiB); found ENOENT
      front-matter-missing: the file does not start with --- front matter
        expected a first line "---", YAML fields, and a closing "---"; found endpoint: "POST /business/communication/sessions"
      front-matter-unclosed: the front matter is never closed by ---
        expected a line "---" after the front-matter fields; found the end of the file
      front-matter-yaml: front matter: Flow sequence in block collection must be sufficiently indented and end with a ]
        expected YAML key: value fields; found tags: [Communication Messages (SMS)
      missing-field: front matter has no "domain"
        expected a domain such as communication; found nothing
      invalid-field: front matter: status is number 5, expected one of verified, pending, failed, skip, skipped
        expected one of verified, pending, failed, skip, skipped; found 5
      status-mapped: status "success" is an upstream word for verified; read as verified
        expected one of verified, pending, failed, skip, skipped; found success
      template-invalid: step "main_request": "{{now-timestamp}}" is not a variable reference (a name of letters, digits and _, optionally config.params. or resolved. before it)
        expected {{name}}, {{config.params.name}}, {{resolved.name}} or {{name | slice: -4}}; found {{now-timestamp}}
      runner-literal-template: step "main_request": vCita's runner sends {{config.params.business_id}} as literal text (it substitutes only {{name}}); specpact reads it as {{business_id}}
        expected {{business_id}}; found {{config.params.business_id}}
      runner-date-scope: step "main_request" uses {{now_timestamp}}, which vCita's runner defines only in specs with prerequisites; this spec has none, so the runner sends it as literal text
        expected a ## Prerequisites step, or a generator such as {{current_date}}; found {{now_timestamp}}
      request-single-step: "## Test Request" holds one step, not a steps: list; vCita's runner reads only a \`\`\`yaml steps: block, so it would not run this request
        expected \`\`\`yaml with steps: and a list of steps; found a \`\`\`json step
      expect-missing: step "main_request" has no expect; read as expect: {status: 200}, as vCita's runner does
        expected expect: with a status, e.g. status: [200]; found no expect
      missing-swagger: front matter has no swagger
        expected swagger: the path of the API description, relative to the swagger root; found nothing
      swagger-not-relative: swagger "/Users/me/swagger/communication/communication.json" is an absolute path, which exists only on the machine that wrote it
        expected a path relative to the swagger root, e.g. swagger/communication/communication.json; found "/Users/me/swagger/communication/communication.json"
      skip-without-reason: status is skip but there is no skipReason
        expected a skipReason saying why the spec is skipped; found nothing
      skip-without-reason: step "get_client" has onFail: skip but no skipReason
        expected a skipReason explaining when skipping is acceptable; found nothing
      section-missing: the spec has no "## Test Request" section
        expected a "## Test Request" heading with a \`\`\`yaml steps: block; found no such heading
      steps-missing: "## Test Request" has no yaml block
        expected a \`\`\`yaml block with a steps: list; found a \`\`\`text block
      yaml-malformed: Test Request: Sequence item without - indicator
        expected YAML: a steps: list of key: value mappings; found path: "/business/communication/sessions"
      steps-not-list: "## Test Request" has no steps
        expected steps: followed by a list of steps; found no steps: key
      step-not-object: request step 1 is string "main_request", not a step
        expected a mapping with id, method, path, expect; found string "main_request"
      missing-key: step "main_request" has no "method"
        expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; found nothing
      wrong-type: step "get_client": params is a list, expected a mapping of query parameters
        expected a mapping of query parameters; found ["business_id"]
      invalid-value: step "get_client": onFail is string "retry", expected one of abort, skip, continue, warn
        expected one of abort, skip, continue, warn; found "retry"
      invalid-method: step "get_client": "get" is not an HTTP method (methods are upper case: GET)
        expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; found "get"
      invalid-status: step "create_channel": expect.status[1] 2010 is not an HTTP status code
        expected an HTTP status code (100-599), or a non-empty list of them; found 2010
      duplicate-step-id: step id "create_channel" is already used by prerequisites[0]
        expected a unique id; found create_channel
      undefined-variable: step "main_request" uses {{contact_id}}, which is not built in, not configured and not extracted by an earlier step (did you mean "contact_uid"?)
        expected a built-in, configured or earlier-extracted variable; found {{contact_id}}
      unused-extract: step "create_channel" extracts "channel_status", which no later step uses
        expected a later step using {{channel_status}}; found no use
      invalid-jsonpath: step "create_channel": extract "channel_uid" is not a valid JSONPath (it must start with $)
        expected a JSONPath starting with $, e.g. $.data.items[0].uid; found "data.channel.uid"
      unresolved-placeholder: step "get_client": path "/platform/v1/clients/{client_uid}" keeps the literal placeholder {client_uid}; it would be sent as is
        expected a template variable such as {{client_uid}}; found {client_uid}
      unknown-key: step "main_request" has an unknown key "retries"; it is ignored
        expected one of id, description, method, path, params, body, headers, form_data, content_type, form_fields, file_fields, x_on_behalf_of, token, extract, expect, onFail, skipReason, sleep, useFallback, useFallbackApi, waitFor; found retries
      unknown-key: step "main_request" has an unknown key "body" in expect; it is ignored
        expected one of status; found body
      endpoint-mismatch: front matter says POST /business/communication/sessions but step "main_request" sends POST /business/communication/session
        expected POST /business/communication/sessions; found POST /business/communication/session
      outcome-mismatch: expectedOutcome 422 is not among the statuses the test request expects
        expected one of 201; found 422
      outcome-undeclared: the test request expects only 422, not a 2xx success, but the front matter has no expectedOutcome
        expected expectedOutcome: 422 and an expectedOutcomeReason in the front matter; found no expectedOutcome
      expected-response-json: Expected Response: expected another value after "," (JSON has no trailing commas), found "}"
        expected a JSON document; found "}"
      too-deep: Expected Response: the JSON nests more than 120 levels deep; the Pact core cannot read such a pact
        expected a JSON document; found more than 120 levels
      file-too-large: cannot read <dir>/large.md: it has more than 1048576 bytes (1050365), more than any spec
        expected a readable spec file (a regular file of at most 1 MiB); found 1050365 bytes"
    `)
  })
})

describe('a file with several problems', () => {
  it('reports all of them in one pass, in file order', () => {
    const text = edit(
      ['status: verified', 'status: 5'],
      ['    method: GET', '    method: FETCH'],
      ['"$.data.channel.uid"', '"data.channel.uid"'],
      ['"ai_status": "none" } }', '"ai_status": "none", } }'],
    )
    const result = parse(text)
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '6:9 invalid-field',
      '37:20 invalid-jsonpath',
      '44:13 invalid-method',
      '76:80 expected-response-json',
    ])
  })

  it('still reads the markdown when the front matter is never closed', () => {
    const text = edit(
      ['tokens: [staff]\n---\n', 'tokens: [staff]\n'],
      ['    method: GET', '    method: FETCH'],
    )
    expect(parse(text).diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual([
      '1 front-matter-unclosed',
      '43 invalid-method',
    ])
  })

  it('reports each required field of an empty front matter', () => {
    const text = VALID.replace(/^---\n[\s\S]*?\n---\n/, '---\n---\n')
    const result = parse(text)
    expect(result.diagnostics.map((d) => `${d.line} ${d.code} ${d.path}`)).toEqual([
      '2 missing-field frontMatter.endpoint',
      '2 missing-field frontMatter.domain',
      '2 missing-field frontMatter.tags',
      '2 missing-field frontMatter.status',
      '2 missing-swagger frontMatter.swagger',
    ])
  })
})

/** Defects whose consequences would otherwise be reported as problems of their own. */
const echoes: Array<{ name: string; text: string; codes: DiagnosticCode[] }> = [
  {
    name: 'a malformed prerequisite block does not make its variables undefined',
    text: edit(['    method: GET\n', '   method: GET\n']),
    codes: ['yaml-malformed'],
  },
  {
    name: 'a malformed request block does not make the extracts unused',
    text: edit([
      '    method: POST\n    path: "/business/communication/sessions"',
      '   method: POST\n    path: "/business/communication/sessions"',
    ]),
    codes: ['yaml-malformed'],
  },
  {
    name: 'a missing test request does not make the extracts unused',
    text: edit(['## Test Request', '## Request']),
    codes: ['section-missing'],
  },
  {
    name: 'an invalid method is not also an endpoint mismatch',
    text: edit([
      '    method: POST\n    path: "/business/communication/sessions"',
      '    method: FETCH\n    path: "/business/communication/sessions"',
    ]),
    codes: ['invalid-method'],
  },
  {
    name: 'a path without / is not also an endpoint mismatch',
    text: edit([
      'path: "/business/communication/sessions"',
      'path: "business/communication/sessions"',
    ]),
    codes: ['invalid-value'],
  },
  {
    name: 'an extract name that is not a variable name is not also unused',
    text: edit([
      '      channel_uid: "$.data.channel.uid"',
      '      channel-uid: "$.data.channel.uid"',
    ]),
    // {{channel_uid}} is indeed undefined now; the hint names the misspelled extract.
    codes: ['invalid-value', 'undefined-variable'],
  },
  {
    name: 'an invalid front-matter field does not hide the other front-matter checks',
    text: edit(
      ['status: verified', 'status: 5'],
      ['swagger: swagger/communication/communication.json\n', ''],
    ),
    codes: ['missing-swagger', 'invalid-field'],
  },
]

describe('one defect is reported once', () => {
  it.each(echoes)('$name', ({ text, codes }) => {
    expect(parse(text).diagnostics.map((d) => d.code)).toEqual(codes)
  })
})

describe('a valid spec', () => {
  it('gives the typed spec with every part of the file', () => {
    const result = parseSpec('specs/post_business_communication_sessions.md', VALID, {
      variables: VARIABLES,
    })
    expect(result.diagnostics).toEqual([])
    if (!result.ok || result.spec.kind !== 'http') throw new Error('expected an HTTP spec')
    const { spec } = result
    expect(spec.name).toBe('post_business_communication_sessions')
    expect(spec.title).toBe('Create Communication Session')
    expect(spec.frontMatter).toEqual({
      endpoint: 'POST /business/communication/sessions',
      domain: 'communication',
      tags: ['Communication Messages (SMS)'],
      swagger: 'swagger/communication/communication.json',
      status: 'verified',
      savedAt: '2026-01-29T18:21:26.398Z',
      timesReused: 0,
      tokens: ['staff'],
    })
    expect(spec.prerequisites.map((s) => [s.id, s.method, s.path, s.expect.status])).toEqual([
      ['create_channel', 'POST', '/business/communication/channels', [200, 201]],
      ['get_client', 'GET', '/platform/v1/clients', 200],
    ])
    expect(spec.prerequisites[1]?.params).toEqual({ business_id: '{{business_id}}', per_page: '1' })
    expect(spec.requests).toHaveLength(1)
    expect(spec.requests[0]).toMatchObject({
      id: 'main_request',
      method: 'POST',
      body: { channel_uid: '{{channel_uid}}', contact_uid: '{{contact_uid}}' },
      expect: { status: 201 },
    })
    expect(spec.responseCodes).toEqual([
      { status: 201, meaning: 'Created - the session' },
      { status: 422, meaning: 'Unprocessable Entity - the channel is not active' },
    ])
    expect(spec.expectedResponse).toEqual({
      success: true,
      data: { session: { uid: 's1', status: 'active', ai_status: 'none' } },
    })
    expect(spec.sections.map((s) => `${s.line} ${'#'.repeat(s.level)} ${s.heading}`)).toEqual([
      '12 # Create Communication Session',
      '14 ## Summary',
      '18 ## Response Codes',
      '25 ## Prerequisites',
      '56 ## Test Request',
      '72 ## Expected Response',
    ])
  })

  it('locates every value, down to nested keys, in the file', () => {
    const result = parse(VALID)
    if (!result.ok) throw new Error('expected a spec')
    const { locations } = result.spec
    expect(locations.at('frontMatter.status')).toEqual({ line: 6, column: 9 })
    expect(locations.at('frontMatter.tags[0]')).toEqual({ line: 4, column: 8 })
    expect(locations.at('prerequisites[0]')).toEqual({ line: 28, column: 5 })
    expect(locations.at('prerequisites[0].extract.channel_uid')).toEqual({ line: 37, column: 20 })
    expect(locations.at('prerequisites[1].expect.status')).toEqual({ line: 52, column: 15 })
    expect(locations.at('request[0].body.contact_uid')).toEqual({ line: 66, column: 20 })
  })

  it.each(['comunication', 'ai', 'integrations'])('accepts any domain: %s', (domain) => {
    const result = parse(edit(['domain: communication', `domain: ${domain}`]))
    expect(result.ok && result.diagnostics).toEqual([])
  })

  it('reads empty optional front-matter fields as absent', () => {
    const result = parse(
      edit(['timesReused: 0', 'timesReused:\nskipReason: ""\nexpectedOutcomeReason:']),
    )
    expect(result.diagnostics).toEqual([])
    expect(result.ok && result.spec.frontMatter.timesReused).toBeUndefined()
  })

  it.each([
    ['success', 'verified'],
    ['working', 'verified'],
    ['pass', 'verified'],
    ['deprecated', 'skipped'],
    ['someday', 'pending'],
  ])('reads the upstream status %s as %s', (status, mapped) => {
    const result = parse(
      edit(['status: verified', `status: ${status}\nskipReason: "not implemented"`]),
    )
    expect(result.ok && result.spec.frontMatter.status).toBe(mapped)
  })

  it('reads the statuses of an "Expected Response (…)" heading and picks the section by them', () => {
    const text = edit([
      '## Expected Response\n',
      '## Expected Response (422)\n```json\n{"success": false}\n```\n\n## Expected Response - Created (200/201)\n',
    ])
    const result = parse(text)
    expect(result.ok && result.spec.kind === 'http' && result.spec.expectedResponses).toEqual([
      { statuses: [422], value: { success: false } },
      {
        statuses: [200, 201],
        value: {
          success: true,
          data: { session: { uid: 's1', status: 'active', ai_status: 'none' } },
        },
      },
    ])
  })

  it('reads "## Test Request (WILL FAIL)" as the test request', () => {
    const result = parse(edit(['## Test Request\n', '## Test Request (WILL FAIL)\n']))
    expect(result.ok && result.spec.kind === 'http' && result.spec.requests[0]?.id).toBe(
      'main_request',
    )
  })

  it('accepts unknown keys with a warning', () => {
    const text = edit(
      ['status: verified', 'status: verified\nowner: team-a'],
      ['      status: 201\n', '      status: 201\n    retries: 3\n'],
    )
    const result = parse(text)
    expect(result.ok).toBe(true)
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`)).toEqual([
      'warning unknown-key frontMatter.owner',
      'warning unknown-key request[0].retries',
    ])
    expect(result.ok && result.spec.kind === 'http' && result.spec.requests[0]).not.toHaveProperty(
      'retries',
    )
  })

  it('suggests the key a misspelled one was meant to be', () => {
    const text = edit(['    onFail: abort\n```\n\n## Test', '    onFial: abort\n```\n\n## Test'])
    const [d] = parse(text).diagnostics
    expect(d?.message).toMatchInlineSnapshot(
      `"step "get_client" has an unknown key "onFial"; it is ignored (did you mean "onFail"?)"`,
    )
  })

  it('takes steps: [] as no prerequisites', () => {
    const text = VALID.replace(
      /## Prerequisites\n```yaml\n[\s\S]*?```/,
      '## Prerequisites\n```yaml\nsteps: []\n```',
    ).replace(/"\{\{(channel|contact)_uid\}\}"/g, '"{{unique_id}}"')
    const result = parse(text)
    // Only that the runner, without prerequisites, has no {{now_timestamp}}.
    expect(result.diagnostics.map((d) => d.code)).toEqual(['runner-date-scope'])
    expect(result.ok && result.spec.prerequisites).toEqual([])
  })

  it('takes prose under Prerequisites as no prerequisites', () => {
    const text = VALID.replace(
      /## Prerequisites\n```yaml\n[\s\S]*?```/,
      '## Prerequisites\n\nNone required for this endpoint.',
    ).replace(/"\{\{(channel|contact)_uid\}\}"/g, '"{{unique_id}}"')
    expect(parse(text).ok).toBe(true)
  })

  it('gives one request per step of a multi-step Test Request', () => {
    const second = [
      '  - id: duplicate_session',
      '    description: "Create the same session again"',
      '    method: POST',
      '    path: "/business/communication/sessions"',
      '    body:',
      '      channel_uid: "{{channel_uid}}"',
      '    expect:',
      '      status: [201, 422]',
    ].join('\n')
    const result = parse(edit(['      status: 201\n```', `      status: 201\n${second}\n\`\`\``]))
    expect(result.diagnostics).toEqual([])
    expect(
      result.ok &&
        result.spec.kind === 'http' &&
        result.spec.requests.map((s) => [s.id, s.expect.status]),
    ).toEqual([
      ['main_request', 201],
      ['duplicate_session', [201, 422]],
    ])
  })

  it('takes the json block of a "## Response" section as the expected response', () => {
    const result = parse(edit(['## Expected Response', '## Response']))
    expect(result.ok && result.spec.kind === 'http' && result.spec.expectedResponse).toMatchObject({
      success: true,
    })
  })

  it.each([
    { name: 'CRLF line endings', text: VALID.replace(/\n/g, '\r\n') },
    { name: 'a byte-order mark', text: `\uFEFF${VALID}` },
  ])('reads a file with $name alike', ({ text }) => {
    const broken = text.replace('    method: GET', '    method: FETCH')
    const result = parse(broken)
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '44:13 invalid-method',
    ])
    expect(parse(text).ok).toBe(true)
  })
})

/** Inputs found by probing the reader beyond what specs usually hold. */
describe('extreme input', () => {
  it('reads a heading line of 200,000 characters in linear time', () => {
    const started = performance.now()
    const result = parse(`${VALID}\n# ${' #'.repeat(100_000)}x\n`)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(result.ok && result.spec.sections.at(-1)?.heading.endsWith('#x')).toBe(true)
  })

  it.each([
    { name: '.nan', value: '.nan', shown: 'NaN' },
    { name: '.inf', value: '.inf', shown: 'Infinity' },
    { name: 'a number too big for a double', value: '1e400', shown: 'Infinity' },
  ])('shows a status of $name as the number it is, not as null', ({ value, shown }) => {
    const [d] = parse(edit(['      status: 201\n', `      status: ${value}\n`])).diagnostics
    expect(d).toMatchObject({ code: 'invalid-status', found: shown })
    expect(d?.message).toContain(`expect.status ${shown} is not`)
  })

  it.each([121, 5000, 500_000])(
    'refuses YAML nested %i levels, past what a pact can hold, before parsing it',
    (levels) => {
      const deep = `${'['.repeat(levels)}${']'.repeat(levels)}`
      const result = parse(edit(['      type: "transactional"', `      type: ${deep}`]))
      expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
        [
          'too-deep',
          'Prerequisites: the YAML nests more than 120 levels deep; the Pact core cannot read such a pact',
        ],
      ])
    },
  )

  it('reads YAML nested as deep as a pact can hold', () => {
    const deep = `${'['.repeat(110)}${']'.repeat(110)}`
    const result = parse(edit(['      type: "transactional"', `      type: ${deep}`]))
    expect(result.diagnostics.map((d) => d.code)).not.toContain('too-deep')
  })

  it('calls binary data binary data', () => {
    const [d] = parse(
      edit(['      type: "transactional"', '      type: !!binary aGVsbG8=']),
    ).diagnostics
    expect(d?.message).toContain('type is binary data')
  })

  it('prints nothing of its own to stderr for a mapping used as a key', () => {
    const warn = vi.spyOn(process, 'emitWarning')
    try {
      const result = parse(edit(['      type: "transactional"', '      ? [a, b]\n      : c']))
      expect(result.ok).toBe(true)
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })
})
