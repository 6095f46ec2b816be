import { describe, expect, it } from 'vitest'
import type { DiagnosticCode } from './errors'
import { parseSpec } from './read'
import { textAt } from './test-support/specs'
import { editWebhook, VALID_WEBHOOK, WEBHOOK_CODES } from './test-support/webhook-specs'
import type { Diagnostic, Severity } from './types'

const parse = (text: string) => parseSpec('webhook.md', text, { variables: ['business_id'] })

interface Case {
  name: string
  code: DiagnosticCode
  severity: Severity
  text: string
  line: number
  column: number
  /** What the spec file shows at line:column. */
  at: string
  path: string
}

const cases: Case[] = [
  {
    name: 'an event name that is not dot-separated words',
    code: 'invalid-field',
    severity: 'error',
    text: editWebhook(['event: channel.activated', 'event: ChannelActivated']),
    line: 2,
    column: 8,
    at: 'ChannelActivated',
    path: 'frontMatter.event',
  },
  {
    name: 'no provider',
    code: 'missing-field',
    severity: 'error',
    text: editWebhook(['provider: communication-gw\n', '']),
    line: 2,
    column: 1,
    at: 'event:',
    path: 'frontMatter.provider',
  },
  {
    name: 'an HTTP-only front-matter key',
    code: 'unknown-key',
    severity: 'warning',
    text: editWebhook([
      'provider: communication-gw\n',
      'provider: communication-gw\ntokens: [staff]\n',
    ]),
    line: 4,
    column: 1,
    at: 'tokens:',
    path: 'frontMatter.tokens',
  },
  {
    name: 'no payload section',
    code: 'section-missing',
    severity: 'error',
    text: editWebhook(['## Payload', '## Body']),
    line: 11,
    column: 1,
    at: '# Channel Activated Webhook',
    path: 'payload',
  },
  {
    name: 'a trigger that is a string',
    code: 'trigger-invalid',
    severity: 'error',
    text: editWebhook([
      'trigger:\n  description: "The gateway activates the pending channel"\n  params:\n    channel_uid: "{{channel_uid}}"',
      'trigger: activate',
    ]),
    line: 30,
    column: 10,
    at: 'activate',
    path: 'trigger',
  },
  {
    name: 'a trigger param using a variable no prerequisite extracts',
    code: 'undefined-variable',
    severity: 'error',
    text: editWebhook(['channel_uid: "{{channel_uid}}"\n', 'channel_uid: "{{channel_id}}"\n']),
    line: 33,
    column: 18,
    at: '"{{channel_id}}"',
    path: 'trigger.params.channel_uid',
  },
  {
    name: 'an extract neither the trigger nor the payload uses',
    code: 'unused-extract',
    severity: 'warning',
    text: editWebhook([
      '      channel_uid: "$.data.channel.uid"',
      '      channel_uid: "$.data.channel.uid"\n      channel_status: "$.data.channel.status"',
    ]),
    line: 24,
    column: 7,
    at: 'channel_status:',
    path: 'prerequisites[0].extract.channel_status',
  },
  {
    name: 'a trailing comma in the payload',
    code: 'payload-json',
    severity: 'error',
    text: editWebhook(['"type": "transactional" } }', '"type": "transactional", } }']),
    line: 41,
    column: 97,
    at: '} }',
    path: 'payload',
  },
  {
    name: 'a matching block that is a list',
    code: 'matching-invalid',
    severity: 'error',
    text: editWebhook([
      'exact: [$.event, $.data.channel.status]\noneOf:\n  $.data.channel.type: [transactional, promotional]',
      '- $.event',
    ]),
    line: 47,
    column: 1,
    at: '- $.event',
    path: 'matching',
  },
  {
    name: 'an exact path the payload does not have',
    code: 'matching-path-unknown',
    severity: 'error',
    text: editWebhook(['$.data.channel.status]', '$.data.channel.state]']),
    line: 47,
    column: 18,
    at: '$.data.channel.state',
    path: 'matching.exact[1]',
  },
  {
    name: 'an exact path that is not JSONPath',
    code: 'invalid-jsonpath',
    severity: 'error',
    text: editWebhook(['$.data.channel.status]', 'data.channel.status]']),
    line: 47,
    column: 18,
    at: 'data.channel.status',
    path: 'matching.exact[1]',
  },
  {
    name: 'a oneOf list without the payload example',
    code: 'matching-example-mismatch',
    severity: 'error',
    text: editWebhook(['[transactional, promotional]', '[promotional]']),
    line: 49,
    column: 3,
    at: '$.data.channel.type:',
    path: 'matching.oneOf["$.data.channel.type"]',
  },
  {
    name: 'a payload naming another event',
    code: 'event-mismatch',
    severity: 'warning',
    text: editWebhook(['"event": "channel.activated"', '"event": "channel.active"']),
    line: 39,
    column: 3,
    at: '"event": "channel.active"',
    path: 'payload.event',
  },
]

describe('a webhook spec with one defect', () => {
  it.each(cases)('$name', (c) => {
    const result = parse(c.text)
    expect(result.diagnostics.map((d) => d.code)).toEqual([c.code])
    const d = result.diagnostics[0] as Diagnostic
    expect(d).toMatchObject({ severity: c.severity, line: c.line, column: c.column, path: c.path })
    expect(textAt(c.text, d.line, d.column).startsWith(c.at)).toBe(true)
    expect(result.ok).toBe(c.severity === 'warning')
  })

  it('has a case for every code only webhook specs get', () => {
    const covered = new Set(cases.map((c) => c.code))
    expect(WEBHOOK_CODES.filter((code) => !covered.has(code))).toEqual([])
  })
})

describe('a valid webhook spec', () => {
  it('gives the typed spec: event, provider, prerequisites, trigger, payload and matching', () => {
    const result = parse(VALID_WEBHOOK)
    expect(result.diagnostics).toEqual([])
    if (!result.ok || result.spec.kind !== 'webhook') throw new Error('expected a webhook spec')
    const { spec } = result
    expect(spec).toMatchObject({
      name: 'webhook',
      title: 'Channel Activated Webhook',
      frontMatter: { event: 'channel.activated', provider: 'communication-gw', status: 'skip' },
      trigger: {
        description: 'The gateway activates the pending channel',
        params: { channel_uid: '{{channel_uid}}' },
      },
      matching: {
        exact: ['$.event', '$.data.channel.status'],
        oneOf: { '$.data.channel.type': ['transactional', 'promotional'] },
      },
    })
    expect(spec.prerequisites.map((s) => s.id)).toEqual(['create_channel'])
    expect(spec.payload).toEqual({
      event: 'channel.activated',
      business_uid: '{{business_id}}',
      data: { channel: { uid: '{{channel_uid}}', status: 'active', type: 'transactional' } },
    })
    expect(spec.locations.at('trigger.params.channel_uid')).toEqual({ line: 33, column: 18 })
  })

  it('needs no Matching section: every value is then matched by type', () => {
    const result = parse(VALID_WEBHOOK.slice(0, VALID_WEBHOOK.indexOf('## Matching')))
    expect(result.diagnostics).toEqual([])
    expect(result.ok && result.spec.kind === 'webhook' && result.spec.matching).toEqual({})
  })

  it('is an HTTP spec when the front matter names no event', () => {
    const result = parse(editWebhook(['event: channel.activated\n', '']))
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toContain(
      'missing-field frontMatter.endpoint',
    )
  })
})
