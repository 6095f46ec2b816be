import { describe, expect, it } from 'vitest'
import { parseSpec, type WebhookSpec } from '../spec'
import { editWebhook, VALID_WEBHOOK } from '../spec/test-support/webhook-specs'
import { parseCatalog } from './catalog'
import type { TranslateContext } from './translate'
import type { MessageInteraction } from './types'
import { translateWebhook } from './webhook'

const catalog = parseCatalog({
  states: [
    {
      name: 'channel is pending',
      entity: '$.data.channel',
      infer: [{ steps: [{ method: 'POST', path: '/business/communication/channels' }] }],
    },
  ],
})

const ctx: TranslateContext = {
  consumer: 'communication-ui',
  providers: [{ name: 'communication-gw', pathPrefix: '/business/communication' }],
  variables: { business_id: 'bz3p8ja7a1b2c3d4' },
  catalog,
  openapi: new Map(),
  extracts: { paths: () => [], diagnostics: [] },
}

function webhook(text: string): WebhookSpec {
  const result = parseSpec('hook.md', text, { variables: ['business_id'] })
  if (!result.ok || result.spec.kind !== 'webhook')
    throw new Error(`not a webhook spec: ${JSON.stringify(result.diagnostics)}`)
  return result.spec
}

function message(text: string): MessageInteraction {
  const result = translateWebhook(webhook(text), ctx)
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics))
  const [only] = result.interactions
  if (only?.interaction.kind !== 'message') throw new Error('no message interaction')
  return only.interaction
}

describe('translateWebhook', () => {
  it('makes a message: states from prerequisites, trigger with references, event metadata', () => {
    const m = message(VALID_WEBHOOK)
    expect(m).toMatchObject({
      kind: 'message',
      description: 'hook',
      event: 'channel.activated',
      states: [
        {
          name: 'channel is pending',
          params: {
            business_uid: 'bz3p8ja7a1b2c3d4',
            type: 'transactional',
            provides: { channel_uid: 'uid' },
          },
        },
      ],
      trigger: {
        description: 'The gateway activates the pending channel',
        params: { channel_uid: '${channel_uid}' },
      },
      metadata: [
        ['contentType', { kind: 'literal', value: 'application/json' }],
        ['X-Webhook-Event', { kind: 'literal', value: 'channel.activated' }],
      ],
    })
  })

  it.each([
    { path: 'event', template: { kind: 'literal', value: 'channel.activated' } },
    {
      path: 'business_uid',
      template: { kind: 'injected', expression: '${business_id}', example: 'bz3p8ja7a1b2c3d4' },
    },
    {
      path: 'data.channel.uid',
      template: { kind: 'injected', expression: '${channel_uid}', example: expect.any(String) },
    },
    { path: 'data.channel.status', template: { kind: 'literal', value: 'active' } },
    {
      path: 'data.channel.type',
      template: {
        kind: 'regex',
        pattern: '^(?:transactional|promotional)$',
        example: 'transactional',
      },
    },
  ])('matches $path as $template.kind', ({ path, template }) => {
    let node = message(VALID_WEBHOOK).contents
    for (const key of path.split('.')) {
      if (node.kind !== 'object') throw new Error(`${key}: not an object`)
      node = node.fields.find(([k]) => k === key)?.[1] as typeof node
    }
    expect(node).toEqual(template)
  })

  it('matches by type what no matching rule names', () => {
    const m = message(VALID_WEBHOOK.slice(0, VALID_WEBHOOK.indexOf('## Matching')))
    expect(m.contents).toMatchObject({
      kind: 'object',
      fields: expect.arrayContaining([['event', { kind: 'type', example: 'channel.activated' }]]),
    })
  })

  it.each([
    {
      name: 'a provider the configuration does not know',
      text: editWebhook(['provider: communication-gw', 'provider: sms-gateway']),
      code: 'no-provider',
      path: 'frontMatter.provider',
      line: 3,
    },
    {
      name: 'a prerequisite no state covers',
      text: editWebhook(['    method: POST', '    method: DELETE']),
      code: 'uncovered-prerequisite',
      path: 'prerequisites[0]',
      line: 16,
    },
  ])('refuses $name, naming where', ({ text, code, path, line }) => {
    const result = translateWebhook(webhook(text), ctx)
    expect(result.ok).toBe(false)
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code, path, line, severity: 'error', file: 'hook.md' }),
    ])
  })
})
