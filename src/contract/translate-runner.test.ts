/** Translation as vCita's runner sends a step: token, scheme, X-On-Behalf-Of, fallback API. */
import { describe, expect, it } from 'vitest'
import type { ProviderConfig } from '../config'
import { type HttpSpec, parseSpec } from '../spec'
import { indexExtracts } from './extracts'
import { baseOf, type OpenApiDoc } from './openapi'
import { type TranslateContext, translateSpec } from './translate'
import type { HttpInteraction } from './types'

const FENCE = '```'

function spec(step: string, frontMatter = ''): HttpSpec {
  const text = `---
endpoint: "GET /platform/v1/clients"
domain: clients
tags: []
swagger: swagger/clients.json
status: verified
${frontMatter}---

# List clients

## Test Request
${FENCE}yaml
steps:
  - id: main_request
    method: GET
    path: "/platform/v1/clients"
${step}    expect:
      status: 200
${FENCE}
`
  const read = parseSpec('spec.md', text, { variables: ['business_uid'] })
  if (!read.ok || read.spec.kind !== 'http') throw new Error(JSON.stringify(read.diagnostics))
  return read.spec
}

const platform: ProviderConfig = {
  name: 'platform-api',
  pathPrefix: '/platform/v1',
  fallbackProvider: 'platform-fallback',
}

const swagger: OpenApiDoc = {
  swagger: '2.0',
  basePath: '/platform/v1',
  paths: { '/clients': { get: { 'x-on-behalf-of': true, responses: { '200': {} } } } },
}

function translate(s: HttpSpec, withSwagger = true) {
  const ctx: TranslateContext = {
    consumer: 'c',
    providers: [platform],
    variables: { business_uid: 'bz3p8ja7a1b2c3d4' },
    catalog: { states: [] },
    openapi: new Map(),
    swaggers: new Map(
      withSwagger
        ? [
            [
              'swagger/clients.json',
              {
                kind: 'found' as const,
                description: { file: 'clients.json', doc: swagger, base: baseOf(swagger) },
              },
            ],
          ]
        : [],
    ),
    extracts: indexExtracts([s]),
  }
  const result = translateSpec(s, ctx)
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics))
  const [first] = result.interactions
  return { provider: first?.provider, interaction: first?.interaction as HttpInteraction }
}

const header = (i: HttpInteraction, name: string) =>
  i.request.headers.find(([k]) => k === name)?.[1]

describe('translateSpec: what the runner sends', () => {
  it('sends the staff token when a step names none, whatever tokens: lists', () => {
    const { interaction } = translate(spec('', 'tokens: [directory]\n'))
    expect(header(interaction, 'Authorization')).toMatchObject({
      example: 'Bearer example-staff-token',
    })
    expect(interaction.tokenType).toBe('staff')
  })

  it('sends an admin token as Admin', () => {
    const { interaction } = translate(spec('    token: admin\n'))
    expect(header(interaction, 'Authorization')).toMatchObject({
      kind: 'regex',
      example: 'Admin example-admin-token',
    })
  })

  it.each([
    { step: '    token: directory\n', sends: true },
    { step: '    token: directory\n    x_on_behalf_of: false\n', sends: false },
    { step: '    token: staff\n    x_on_behalf_of: true\n', sends: false },
  ])('X-On-Behalf-Of where the swagger asks for it: $step', ({ step, sends }) => {
    const { interaction } = translate(spec(step))
    expect(header(interaction, 'X-On-Behalf-Of')).toEqual(
      sends
        ? { kind: 'injected', expression: '${business_uid}', example: 'bz3p8ja7a1b2c3d4' }
        : undefined,
    )
  })

  it('sends X-On-Behalf-Of without a swagger only when the step asks', () => {
    const asked = translate(spec('    token: directory\n    x_on_behalf_of: true\n'), false)
    expect(header(asked.interaction, 'X-On-Behalf-Of')).toBeDefined()
    const silent = translate(spec('    token: directory\n'), false)
    expect(header(silent.interaction, 'X-On-Behalf-Of')).toBeUndefined()
  })

  it.each([
    { fm: 'useFallbackApi: true\n', step: '', provider: 'platform-fallback' },
    { fm: '', step: '    useFallback: true\n', provider: 'platform-fallback' },
    { fm: '', step: '', provider: 'platform-api' },
  ])(
    'puts a fallback-API spec in the fallback provider’s pact: $provider',
    ({ fm, step, provider }) => {
      expect(translate(spec(step, fm)).provider).toBe(provider)
    },
  )
})
