import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Contract } from '../src/contract'
import { serializePact, writePacts } from '../src/pact'
import { compile, loadProject, type Project } from '../src/project'

const root = resolve(__dirname, '..')
let project: Project
let contract: Contract

type Json = Record<string, unknown>
const pactOf = (c: Contract) => JSON.parse(serializePact(c)) as { interactions: Json[] }
const interaction = (name: string) =>
  pactOf(contract).interactions.find((i) => i.description === name) as Json

beforeAll(async () => {
  project = await loadProject({ cwd: root })
  const build = compile(project)
  expect(build.failed).toEqual([])
  const found = build.contracts.find((c) => c.provider === 'communication-gw')
  if (!found) throw new Error('no communication-gw contract')
  contract = found
})

/**
 * The session create the prerequisites rely on. The pending channel is the one the POST
 * /sessions workflow's own prerequisites create before it, as vCita's runner runs them.
 */
const CREATE_SESSION =
  'POST /business/communication/sessions → 200 or 201, given channel is active, client exists, channel is pending'

describe('specpact generate on specs/', () => {
  it('writes one interaction per communication-gw spec, one for the session create five specs rely on, and one for the message create a status update relies on', () => {
    expect(contract.consumer).toBe('communication-ui')
    expect(contract.interactions.map((i) => i.description)).toEqual([
      'POST /business/communication/messages → 201, given channel is active, client exists',
      CREATE_SESSION,
      ...project.specs.map((s) => s.name).sort(),
    ])
  })

  it('verifies the POST /sessions success the prerequisites rely on: the uid they extract, statuses by enum, the specs named', () => {
    const create = interaction(CREATE_SESSION)
    const response = create.response as { matchingRules: { body: Json; status: Json } }
    expect(response.matchingRules.status).toEqual({
      $: { combine: 'AND', matchers: [{ match: 'statusCode', status: [200, 201] }] },
    })
    expect(response.matchingRules.body).toMatchObject({
      '$.data.session.uid': { matchers: [{ match: 'type' }] },
      '$.data.session.status': {
        matchers: [{ match: 'regex', regex: '^(pending|inactive|active|deleted|failed)$' }],
      },
    })
    expect((create.comments as { text: string[] }).text).toEqual([
      'From specs/communication-gw/delete_business_communication_sessions_uid.md, step create_session',
      "A prerequisite's response: later steps use session_uid from it",
      'Relied on by specs/communication-gw/delete_business_communication_sessions_uid.md (step create_session), specs/communication-gw/post_business_communication_sessions_typing.md (step create_session), specs/communication-gw/put_business_communication_sessions_uid.md (step create_session)',
    ])
  })

  it('writes a core-api pact for the client lookup the prerequisites of seven specs make, given the client exists (and again after it, as the POST /sessions workflow makes it)', () => {
    const build = compile(project)
    const core = build.contracts.find((c) => c.provider === 'core-api')
    const lookups = core ? pactOf(core).interactions : []
    expect(
      lookups.map((l) => [l.description, (l.providerStates as Json[]).map((s) => s.name)]),
    ).toEqual([
      [
        'GET /platform/v1/clients → 200, given client exists (variant 1)',
        ['client exists', 'client exists'],
      ],
      ['GET /platform/v1/clients → 200, given client exists (variant 2)', ['client exists']],
    ])
    for (const lookup of lookups)
      expect((lookup.response as { matchingRules: { body: Json } }).matchingRules.body).toEqual({
        '$.data.clients': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
        '$.data.clients[*].id': { combine: 'AND', matchers: [{ match: 'type' }] },
      })
  })

  it("gives the typing interaction its states in order, the POST /sessions workflow's before the session's, and injects session_uid and contact_uid", () => {
    const typing = interaction('post_business_communication_sessions_typing')
    expect((typing.providerStates as Json[]).map((s) => s.name)).toEqual([
      'channel is active',
      'client exists',
      'channel is pending',
      'client exists',
      'session exists',
    ])
    const request = typing.request as { generators: { body: Json } }
    expect(request.generators.body).toEqual({
      '$.contact_uid': { expression: '${contact_uid}', type: 'ProviderState' },
      '$.session_uid': { expression: '${session_uid}', type: 'ProviderState' },
    })
  })

  it('gives the session-create seed "channel is pending" and an exact 422', () => {
    const create = interaction('post_business_communication_sessions')
    expect((create.providerStates as Json[]).map((s) => s.name)).toEqual([
      'channel is pending',
      'client exists',
    ])
    const response = create.response as { status: number; matchingRules?: Json }
    expect(response.status).toBe(422)
    expect(response.matchingRules?.status).toBeUndefined()
  })

  it('turns expect.status [200, 201] into a V4 status-code matcher', () => {
    const response = interaction('post_business_communication_sessions_typing').response as {
      matchingRules: Json
    }
    expect(response.matchingRules.status).toEqual({
      $: { combine: 'AND', matchers: [{ match: 'statusCode', status: [200, 201] }] },
    })
  })

  it('writes only dummy bearer tokens, matched by a regex', () => {
    const text = serializePact(contract)
    const bearers = [...text.matchAll(/"Bearer [^"]*"/g)].map((m) => m[0])
    expect(new Set(bearers)).toEqual(new Set(['"Bearer example-staff-token"']))
  })

  it('keeps every value a prerequisite extracts in the response it is extracted from', () => {
    const channel = interaction('post_business_communication_channels').response as {
      body: { content: Json }
    }
    expect(channel.body.content).toMatchObject({
      success: true,
      data: { channel: { uid: expect.any(String) } },
    })
  })
})

describe('specpact generate on the webhook specs', () => {
  const messages = () =>
    pactOf(contract).interactions.filter((i) => i.type === 'Asynchronous/Messages')

  it('writes one message interaction per webhook spec, in the same pact as the HTTP ones', () => {
    expect(messages().map((i) => i.description)).toEqual([
      'webhook_channel_activated',
      'webhook_channel_activation_failed',
      'webhook_message_status_updated',
      'webhook_session_status_changed',
    ])
    expect(pactOf(contract).interactions).toHaveLength(16)
  })

  it('gives a message its states, its trigger with state references, and the event as metadata', () => {
    const message = interaction('webhook_message_status_updated')
    expect((message.providerStates as Json[]).map((s) => s.name)).toEqual([
      'channel is active',
      'client exists',
      'message exists',
    ])
    expect((message.comments as Json).trigger).toEqual({
      description: 'The carrier reports the pending message read',
      params: { message_uid: '${message_uid}', status: 'read' },
    })
    expect(message.metadata).toEqual({
      contentType: 'application/json',
      'X-Webhook-Event': 'message.status_updated',
    })
  })

  it('matches the payload by type, except exact values, enums as regexes and injected ids', () => {
    const message = interaction('webhook_channel_activated') as {
      matchingRules: { body: Json }
      generators: { body: Json }
    }
    const rules = message.matchingRules.body
    const rule = (path: string) => (rules[path] as { matchers: Json[] } | undefined)?.matchers
    // Exact: no rule, so the example value itself must be sent.
    expect(rule('$.event')).toBeUndefined()
    expect(rule('$.data.channel.status')).toBeUndefined()
    expect(rule('$.data.channel.type')).toEqual([
      { match: 'regex', regex: '^(?:transactional|promotional)$' },
    ])
    expect(rule('$.event_uid')).toEqual([{ match: 'type' }])
    expect(rule('$.data.channel.uid')).toEqual([{ match: 'type' }])
    expect(message.generators.body).toEqual({
      '$.business_uid': { expression: '${business_id}', type: 'ProviderState' },
      '$.data.channel.uid': { expression: '${channel_uid}', type: 'ProviderState' },
    })
  })
})

describe('pact files', () => {
  const dirs: string[] = []
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
  })

  it('are byte-identical across runs and leave no stale interaction or temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'specpact-gen-'))
    dirs.push(dir)
    const [file] = await writePacts(dir, [contract])
    const first = await readFile(file as string, 'utf8')
    const again = compile(await loadProject({ cwd: root })).contracts.find(
      (c) => c.provider === contract.provider,
    )
    await writePacts(dir, [{ ...contract, interactions: contract.interactions.slice(0, 2) }])
    await writePacts(dir, [again as Contract])
    expect(await readFile(file as string, 'utf8')).toBe(first)
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(dir)).toEqual(['communication-ui-communication-gw.json'])
  })

  it('match the checked-in pacts/ (run `npx specpact generate` after changing specs)', async () => {
    const checkedIn = await readFile(
      join(root, 'pacts', 'communication-ui-communication-gw.json'),
      'utf8',
    )
    expect(serializePact(contract)).toBe(checkedIn)
  })
})
