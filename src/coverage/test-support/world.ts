/**
 * A small provider for coverage tests: an OpenAPI document of things (create, read, update,
 * an event), specs written against it, and the contracts they translate to.
 */
import { buildContracts, type Contract, type OpenApiDoc, parseCatalog } from '../../contract'
import { renderInteraction } from '../../pact'
import { parseSpec, type Spec } from '../../spec'
import { type CoverageInput, coverageReport } from '../compute'
import type { OpenApiSource } from '../operations'
import type { VerificationResults } from '../verification'

const FENCE = '```'

export const THINGS: OpenApiDoc = {
  openapi: '3.0.3',
  info: { title: 'things', version: '1' },
  servers: [{ url: 'https://api.example.test/things-api' }],
  'x-webhooks': { 'thing.created': {}, 'thing.deleted': {} },
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string' } },
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'created',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ThingEnvelope' } },
            },
          },
          '422': { description: 'invalid' },
        },
      },
    },
    '/things/{uid}': {
      parameters: [{ name: 'uid', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'getThing',
        responses: {
          '200': {
            description: 'the thing',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ThingEnvelope' } },
            },
          },
          '4XX': { description: 'not found' },
        },
      },
      put: { operationId: 'updateThing', responses: { '200': { description: 'updated' } } },
    },
  },
  components: {
    schemas: {
      ThingEnvelope: {
        type: 'object',
        additionalProperties: false,
        properties: {
          data: {
            type: 'object',
            additionalProperties: false,
            properties: {
              thing: {
                type: 'object',
                additionalProperties: false,
                properties: { uid: { type: 'string' }, name: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
}

export interface SpecParts {
  name: string
  endpoint: string
  prerequisites?: string
  request: string
  response?: unknown
}

export function specText(parts: SpecParts): string {
  const pre = parts.prerequisites
    ? `## Prerequisites\n${FENCE}yaml\nsteps:\n${parts.prerequisites}\n${FENCE}\n\n`
    : ''
  const response =
    parts.response === undefined
      ? ''
      : `\n## Expected Response\n${FENCE}json\n${JSON.stringify(parts.response, null, 2)}\n${FENCE}\n`
  return `---\nendpoint: "${parts.endpoint}"\ndomain: communication\ntags: [Things]\nswagger: things.json\nstatus: verified\ntokens: [staff]\n---\n\n# ${parts.name}\n\n${pre}## Test Request\n${FENCE}yaml\nsteps:\n${parts.request}\n${FENCE}\n${response}`
}

export function spec(parts: SpecParts): Spec {
  const result = parseSpec(`specs/${parts.name}.md`, specText(parts), { variables: [] })
  if (!result.ok) throw new Error(`${parts.name}: ${JSON.stringify(result.diagnostics)}`)
  return result.spec
}

export const CATALOG_DATA = {
  states: [
    {
      name: 'thing exists',
      entity: '$.data.thing',
      infer: [{ steps: [{ method: 'POST' as const, path: '/things-api/things' }] }],
    },
  ],
}

const catalog = parseCatalog(CATALOG_DATA)

export const PROVIDERS = [{ name: 'things', pathPrefix: '/things-api' }]

export const SOURCE: OpenApiSource = { file: 'things.yaml', doc: THINGS, basePath: '/things-api' }

export function contractsOf(specs: readonly Spec[], consumer = 'ui'): Contract[] {
  const build = buildContracts(specs, {
    consumer,
    providers: PROVIDERS,
    variables: {},
    catalog,
    openapi: new Map([['things', [{ file: 'things.yaml', doc: THINGS, base: '/things-api' }]]]),
  })
  if (build.failed.length > 0) throw new Error(JSON.stringify(build.diagnostics))
  return build.contracts
}

export function report(
  specs: readonly Spec[],
  options: { verification?: VerificationResults; drift?: boolean; contracts?: Contract[] } = {},
) {
  const input: CoverageInput = {
    consumer: 'ui',
    specs,
    contracts: options.contracts ?? contractsOf(specs),
    providers: PROVIDERS,
    openapi: new Map([['things', [SOURCE]]]),
    verification: options.verification,
    render: options.drift === false ? undefined : renderInteraction,
  }
  return coverageReport(input)
}

/** Steps, as YAML list items. */
export const CREATE = (extract = '$.data.thing.uid', status = '201') => `  - id: create_thing
    method: POST
    path: "/things-api/things"
    body:
      name: "a thing"
    extract:
      thing_uid: "${extract}"
    expect:
      status: ${status}`

/**
 * The contracts without the interactions derived from prerequisites: what a consumer's pacts
 * hold when only each spec's own request is contracted (pacts of an older specpact, or of
 * another tool), so that an extract no interaction carries can be shown.
 */
export function specInteractionsOnly(specs: readonly Spec[]): Contract[] {
  const names = new Set(specs.map((s) => s.name))
  return contractsOf(specs).map((c) => ({
    ...c,
    interactions: c.interactions.filter((i) => names.has(i.description)),
  }))
}
