/** HTTP specs built from step lists, for the translation's unit tests. */
import { stringify } from 'yaml'
import { type HttpSpec, parseSpec } from '../../spec'
import { parseCatalog } from '../catalog'
import { indexExtracts } from '../extracts'
import type { TranslateContext } from '../translate'

export type StepInput = Record<string, unknown>

/** A spec file named `name.md` with these prerequisites and this test request. */
export function httpSpec(
  name: string,
  prerequisites: StepInput[],
  request: StepInput = { id: 'main', method: 'GET', path: '/v2/coupons', expect: { status: 200 } },
): HttpSpec {
  const endpoint = `${String(request.method)} ${String(request.path).split('?')[0]}`
  const text = [
    '---',
    `endpoint: "${endpoint}"`,
    'domain: test',
    'tags: []',
    'swagger: test.json',
    'status: verified',
    'tokens: [staff]',
    '---',
    '',
    `# ${name}`,
    '',
    ...(prerequisites.length > 0
      ? ['## Prerequisites', '```yaml', stringify({ steps: prerequisites }).trim(), '```', '']
      : []),
    '## Test Request',
    '```yaml',
    stringify({ steps: [request] }).trim(),
    '```',
    '',
  ].join('\n')
  const result = parseSpec(`${name}.md`, text, { variables: ['business_id'] })
  if (!result.ok || result.spec.kind !== 'http')
    throw new Error(`not an HTTP spec: ${JSON.stringify(result.diagnostics)}`)
  return result.spec
}

/** The seeds' catalog, as specs/states.yaml has it (two of its states). */
export const CATALOG = parseCatalog({
  states: [
    {
      name: 'channel is pending',
      entity: '$.data.channel',
      infer: [{ steps: [{ method: 'POST', path: '/business/communication/channels' }] }],
    },
    {
      name: 'client exists',
      entity: '$.data.clients[0]',
      infer: [{ steps: [{ method: 'GET', path: '/platform/v1/clients' }] }],
    },
  ],
})

export function contextFor(specs: readonly HttpSpec[]): TranslateContext {
  return {
    consumer: 'shop-ui',
    providers: [
      { name: 'core-api', pathPrefix: '/platform/v1' },
      { name: 'communication-gw', pathPrefix: '/business/communication' },
      { name: 'vcita-api', pathPrefix: '/' },
    ],
    variables: { business_id: 'bz3p8ja7a1b2c3d4' },
    catalog: CATALOG,
    openapi: new Map(),
    extracts: indexExtracts(specs),
  }
}

/** The seeds' prerequisite steps: a channel, the core API's client lookup, a session on both. */
export const createChannel: StepInput = {
  id: 'create_channel',
  method: 'POST',
  path: '/business/communication/channels',
  body: { business_uid: '{{business_id}}', type: 'transactional' },
  extract: { channel_uid: '$.data.channel.uid' },
  expect: { status: [200, 201] },
}
export const getClient: StepInput = {
  id: 'get_client',
  method: 'GET',
  path: '/platform/v1/clients',
  params: { business_id: '{{business_id}}' },
  extract: { contact_uid: '$.data.clients[0].id' },
  expect: { status: 200 },
}
export const createSession: StepInput = {
  id: 'create_session',
  method: 'POST',
  path: '/business/communication/sessions',
  body: { channel_uid: '{{channel_uid}}', contact_uid: '{{contact_uid}}' },
  extract: { session_uid: '$.data.session.uid' },
  expect: { status: 201 },
}
