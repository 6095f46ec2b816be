import { describe, expect, it } from 'vitest'
import { typeTemplate } from './body'
import type { OpenApiDoc, Schema } from './openapi'
import { type EnumDisagreement, refineWithSchema } from './refine'

const doc: OpenApiDoc = {
  components: {
    schemas: {
      Status: { type: 'string', enum: ['pending', 'active'] },
      Envelope: {
        type: 'object',
        properties: { success: { type: 'boolean', enum: [true] } },
      },
    },
  },
}
const schema: Schema = {
  allOf: [
    { $ref: '#/components/schemas/Envelope' },
    {
      properties: {
        data: {
          type: 'object',
          properties: {
            channel: {
              type: 'object',
              properties: {
                status: { $ref: '#/components/schemas/Status' },
                display_name: { type: 'string' },
              },
            },
            sessions: {
              type: 'array',
              items: { properties: { status: { $ref: '#/components/schemas/Status' } } },
            },
          },
        },
      },
    },
  ],
}

describe('refineWithSchema', () => {
  it('turns enum-restricted leaves into a regex or a literal, keeping the example', () => {
    const example = {
      success: true,
      data: { channel: { status: 'pending', display_name: 'x' }, sessions: [{ status: 'active' }] },
    }
    expect(refineWithSchema(doc, schema, typeTemplate(example))).toEqual({
      kind: 'object',
      fields: [
        ['success', { kind: 'literal', value: true }],
        [
          'data',
          {
            kind: 'object',
            fields: [
              [
                'channel',
                {
                  kind: 'object',
                  fields: [
                    [
                      'status',
                      { kind: 'regex', pattern: '^(pending|active)$', example: 'pending' },
                    ],
                    ['display_name', { kind: 'type', example: 'x' }],
                  ],
                },
              ],
              [
                'sessions',
                {
                  kind: 'eachLike',
                  min: 1,
                  item: {
                    kind: 'object',
                    fields: [
                      [
                        'status',
                        { kind: 'regex', pattern: '^(pending|active)$', example: 'active' },
                      ],
                    ],
                  },
                },
              ],
            ],
          },
        ],
      ],
    })
  })

  it('reports an example outside the enum and keeps its type matcher', () => {
    const disagreements: EnumDisagreement[] = []
    const template = typeTemplate({ data: { channel: { status: 'PENDING' } } })
    const refined = refineWithSchema(doc, schema, template, disagreements)
    expect(refined).toEqual(template)
    expect(disagreements).toEqual([
      { path: '$.data.channel.status', example: 'PENDING', allowed: ['pending', 'active'] },
    ])
  })

  it('leaves fields the schema does not describe, and everything without a schema', () => {
    const template = typeTemplate({ extra: 'x' })
    expect(refineWithSchema(doc, schema, template)).toEqual(template)
    expect(refineWithSchema(doc, undefined, template)).toEqual(template)
  })
})
