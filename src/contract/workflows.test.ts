/** Workflow-level prerequisites, as vCita's runner resolves them (runner/…/prerequisite/executor.js). */
import { describe, expect, it } from 'vitest'
import { parseSpec } from '../spec'
import { buildContracts } from './build'
import {
  CATALOG,
  contextFor,
  createChannel,
  createSession,
  getClient,
  httpSpec,
  type StepInput,
} from './test-support/specs'
import type { HttpInteraction } from './types'
import { expandWorkflows, MAX_WORKFLOW_DEPTH, workflowIndex } from './workflows'

/** A session on the channel only: a workflow's test request must use only what it defines. */
const sessionOnChannel: StepInput = {
  ...createSession,
  body: { channel_uid: '{{channel_uid}}' },
}
const newSession: StepInput = {
  ...createSession,
  id: 'main',
  body: { business_uid: '{{business_id}}' },
}
const listSessions: StepInput = {
  id: 'list',
  method: 'GET',
  path: '/business/communication/sessions',
  params: { channel_uid: '{{channel_uid}}', contact_uid: '{{contact_uid}}' },
  expect: { status: 200 },
}
/** The workflow of POST /sessions: its own prerequisites create a channel and look a client up. */
const sessionsWorkflow = () => httpSpec('post_sessions', [createChannel, getClient], createSession)

const summary = (specs: ReturnType<typeof httpSpec>[], name: string) => {
  const spec = specs.find((s) => s.name === name)
  if (!spec) throw new Error(name)
  const { spec: expanded } = expandWorkflows(spec, workflowIndex(specs))
  return expanded.prerequisites.map((s) => {
    const uses = JSON.stringify([s.path, s.params ?? {}, s.body ?? {}]).match(/\{\{\w+\}\}/g) ?? []
    return `${s.id}: ${uses.join(' ')} -> ${Object.keys(s.extract ?? {}).join(' ')}`.trim()
  })
}

describe('expandWorkflows', () => {
  it.each([
    {
      name: "a step's workflow runs first; its values replace the spec's for later steps only",
      specs: () => [
        sessionsWorkflow(),
        httpSpec('list', [createChannel, getClient, createSession], listSessions),
      ],
      spec: 'list',
      steps: [
        // The spec's own channel and client: create_session was resolved before the
        // workflow ran, so it keeps them, renamed because the workflow's replace them.
        'create_channel: {{business_id}} -> channel_uid_1',
        'get_client: {{business_id}} -> contact_uid_1',
        'create_session/create_channel: {{business_id}} -> channel_uid',
        'create_session/get_client: {{business_id}} -> contact_uid',
        'create_session: {{channel_uid_1}} {{contact_uid_1}} -> session_uid',
      ],
    },
    {
      name: 'a value the workflow does not replace keeps its name',
      specs: () => [
        httpSpec('post_sessions', [getClient], newSession),
        httpSpec('list', [createChannel, sessionOnChannel], {
          ...listSessions,
          params: { channel_uid: '{{channel_uid}}' },
        }),
      ],
      spec: 'list',
      steps: [
        'create_channel: {{business_id}} -> channel_uid',
        'create_session/get_client: {{business_id}} -> contact_uid',
        'create_session: {{channel_uid}} -> session_uid',
      ],
    },
    {
      name: 'a path with a variable is looked up after substitution, so it names no workflow',
      specs: () => [
        httpSpec('get_channel', [createChannel], {
          id: 'get',
          method: 'GET',
          path: '/business/communication/channels/{{channel_uid}}',
          expect: { status: 200 },
        }),
        httpSpec('read', [
          createChannel,
          {
            ...getClient,
            id: 'get_channel',
            path: '/business/communication/channels/{{channel_uid}}',
          },
        ]),
      ],
      spec: 'read',
      steps: [
        'create_channel: {{business_id}} -> channel_uid',
        'get_channel: {{channel_uid}} {{business_id}} -> contact_uid',
      ],
    },
    {
      name: 'workflows of workflow steps, recursively',
      specs: () => [
        httpSpec('post_channels', [getClient], { ...createChannel, id: 'main' }),
        httpSpec('post_sessions', [createChannel], newSession),
        httpSpec('typing', [createChannel, sessionOnChannel]),
      ],
      spec: 'typing',
      steps: [
        'create_channel/get_client: {{business_id}} -> contact_uid',
        'create_channel: {{business_id}} -> channel_uid_1',
        'create_session/create_channel/get_client: {{business_id}} -> contact_uid',
        'create_session/create_channel: {{business_id}} -> channel_uid',
        'create_session: {{channel_uid_1}} -> session_uid',
      ],
    },
    {
      name: 'the test request is not expanded (its workflow is usually the spec itself)',
      specs: () => [httpSpec('post_sessions', [createChannel, getClient], createSession)],
      spec: 'post_sessions',
      steps: [
        'create_channel: {{business_id}} -> channel_uid',
        'get_client: {{business_id}} -> contact_uid',
      ],
    },
  ])('$name', ({ specs, spec, steps }) => {
    expect(summary(specs(), spec)).toEqual(steps)
  })

  it('stops five levels deep, as the runner does (depth < 5)', () => {
    // A workflow whose prerequisite is its own endpoint: the runner follows it five times.
    const loop = httpSpec('post_channels', [createChannel], { ...createChannel, id: 'main' })
    const { spec } = expandWorkflows(loop, workflowIndex([loop]))
    expect(spec.prerequisites).toHaveLength(MAX_WORKFLOW_DEPTH + 1)
  })

  it("a later file (in the runner's scan order, folders depth first) replaces an earlier one of the same endpoint", () => {
    const read = (file: string, steps: StepInput[]) => {
      const spec = httpSpec('x', steps, newSession)
      return { ...spec, file }
    }
    const early = read('workflows/b.md', [getClient])
    // `a/z.md` is scanned before `b.md` (the folder `a` sorts first), `c.md` after it.
    const nested = read('workflows/a/z.md', [createChannel])
    const late = read('workflows/c.md', [createChannel, getClient])
    expect(workflowIndex([late, early, nested]).get('POST /business/communication/sessions')).toBe(
      late,
    )
    expect(workflowIndex([early, nested]).get('POST /business/communication/sessions')).toBe(early)
  })

  it('reads only a section headed exactly "## Prerequisites", as the runner does', () => {
    const text = (heading: string) =>
      [
        '---',
        'endpoint: "POST /business/communication/sessions"',
        'domain: test',
        'tags: []',
        'swagger: test.json',
        'status: verified',
        '---',
        '',
        heading,
        '```yaml',
        'steps:',
        '  - id: get_client',
        '    method: GET',
        '    path: /platform/v1/clients',
        '    extract: { contact_uid: "$.data.clients[0].id" }',
        '```',
        '',
        '## Test Request',
        '```yaml',
        'steps:',
        '  - { id: main, method: POST, path: /business/communication/sessions, body: { contact_uid: "{{contact_uid}}" }, expect: { status: 201 } }',
        '```',
        '',
      ].join('\n')
    const spec = (heading: string) => {
      const result = parseSpec('w.md', text(heading), { variables: [] })
      if (!result.ok || result.spec.kind !== 'http') throw new Error('unreadable')
      return result.spec
    }
    const puller = httpSpec('typing', [createChannel, sessionOnChannel])
    expect(
      expandWorkflows(puller, workflowIndex([spec('## Prerequisites')])).spec.prerequisites,
    ).toHaveLength(3)
    expect(
      expandWorkflows(puller, workflowIndex([spec('## Prerequisites (setup)')])).spec.prerequisites,
    ).toHaveLength(2)
  })

  it("sends a step to the fallback API when its endpoint's workflow says useFallbackApi", () => {
    const workflow = httpSpec('post_sessions', [], newSession)
    const fallback = { ...workflow, frontMatter: { ...workflow.frontMatter, useFallbackApi: true } }
    const puller = httpSpec('typing', [createChannel, getClient, createSession])
    const { spec } = expandWorkflows(puller, workflowIndex([fallback]))
    expect(spec.prerequisites.map((s) => s.useFallback ?? false)).toEqual([false, false, true])
  })
})

describe('buildContracts with workflow prerequisites', () => {
  const build = () => {
    const specs = [
      sessionsWorkflow(),
      httpSpec('list', [createChannel, getClient, createSession], listSessions),
    ]
    return buildContracts(specs, { ...contextFor(specs), catalog: CATALOG })
  }

  it("gives the interaction the workflow's states before the pulling step's, and the request the workflow's values", () => {
    const { contracts } = build()
    const list = contracts
      .flatMap((c) => c.interactions)
      .find((i): i is HttpInteraction => i.description === 'list') as HttpInteraction
    expect(list.states.map((s) => [s.name, s.params.provides ?? {}])).toEqual([
      ['channel is pending', { channel_uid_1: 'uid' }],
      ['client exists', { contact_uid_1: 'id' }],
      ['channel is pending', { channel_uid: 'uid' }],
      ['client exists', { contact_uid: 'id' }],
      ['a session exists', { session_uid: 'uid' }],
    ])
    expect(list.states[4]?.params).toMatchObject({
      channel_uid: '${channel_uid_1}',
      contact_uid: '${contact_uid_1}',
    })
    expect(
      list.request.query.map(([k, m]) => [k, m.kind === 'injected' ? m.expression : m.kind]),
    ).toEqual([
      ['channel_uid', '${channel_uid}'],
      ['contact_uid', '${contact_uid}'],
    ])
  })

  it('warns where the workflow replaces values the later steps use', () => {
    const warnings = build().diagnostics.filter((d) => d.code === 'runner-workflow-prerequisites')
    expect(
      warnings.map((d) => `${d.file}:${d.line} ${d.path}: ${d.message}`),
    ).toMatchInlineSnapshot(`
      [
        "list.md:36 prerequisites[2]: vCita's runner runs the 2 prerequisite step(s) of post_sessions.md (the workflow of POST /business/communication/sessions) before this step, and their channel_uid, contact_uid then replace this spec's for the steps after it; the contract does the same (their states come before this step's)",
      ]
    `)
  })

  it("reports an error of a workflow's step at the step that pulls it in, and leaves its warnings to the workflow", () => {
    const deleting: StepInput = {
      id: 'delete_old',
      method: 'DELETE',
      path: '/business/communication/channels/old',
      expect: { status: 200 },
    }
    const specs = [
      httpSpec('post_sessions', [deleting, createChannel, getClient], createSession),
      httpSpec('list', [createChannel, getClient, createSession], listSessions),
    ]
    const { diagnostics } = buildContracts(specs, { ...contextFor(specs), catalog: CATALOG })
    const inList = diagnostics.filter((d) => d.file === 'list.md' && d.severity === 'error')
    expect(inList.map((d) => `${d.line} ${d.path} ${d.code}: ${d.message}`)).toMatchInlineSnapshot(`
      [
        "36 prerequisites[2] uncovered-prerequisite: step "create_session/delete_old" (DELETE /business/communication/channels/old) cannot be a provider state: a DELETE prerequisite neither creates nor looks up an entity; add an infer rule to the state catalog (states.yaml) or move the step (a prerequisite of post_sessions.md, which vCita's runner runs before step "create_session")",
      ]
    `)
  })
})
