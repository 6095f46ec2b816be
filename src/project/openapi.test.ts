import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { locateOperation } from '../contract'
import { responseSchema, schemaTemplate } from '../contract/openapi'
import { BUNDLED, createApiLoader } from './openapi'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-openapi-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const HUB = 'https://vcita.github.io/developers-hub/'

async function write(file: string, value: unknown) {
  await mkdir(join(dir, file, '..'), { recursive: true })
  await writeFile(join(dir, file), JSON.stringify(value))
}

const swagger = {
  openapi: '3.0.0',
  servers: [{ url: 'https://api.vcita.biz/v3/apps' }],
  paths: {
    '/widgets/{uid}': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data'],
                  properties: { data: { $ref: `${HUB}entities/apps/widget.json` } },
                },
              },
            },
          },
        },
      },
    },
  },
}

describe('createApiLoader', () => {
  it('brings external $refs in through remoteRefs, with their own local refs', async () => {
    await write('swagger/apps.json', swagger)
    await write('hub/entities/apps/widget.json', {
      type: 'object',
      required: ['uid', 'size'],
      properties: { uid: { type: 'string' }, size: { $ref: '#/definitions/Size' } },
      definitions: { Size: { type: 'integer' } },
    })
    const loader = createApiLoader({ [HUB]: join(dir, 'hub') })
    const description = loader.load(join(dir, 'swagger/apps.json'))
    expect(loader.problems()).toEqual([])
    expect(description?.base).toBe('/v3/apps')
    const match = locateOperation(description ? [description] : [], 'GET', '/v3/apps/widgets/w1')
    expect(match?.relative).toBe('/widgets/w1')
    const doc = match?.description.doc ?? {}
    const schema = responseSchema(doc, 'GET', '/widgets/w1', 200)
    expect(schemaTemplate(doc, schema)).toEqual({
      kind: 'object',
      fields: [
        [
          'data',
          {
            kind: 'object',
            fields: [
              ['uid', { kind: 'type', example: 'string' }],
              ['size', { kind: 'type', example: 1 }],
            ],
          },
        ],
      ],
    })
    expect(Object.keys(doc[BUNDLED] as object)).toEqual([
      join(dir, 'hub/entities/apps/widget.json'),
    ])
  })

  it('reports a ref no remoteRefs entry maps and one whose file is missing, and keeps both', async () => {
    await write('swagger/apps.json', {
      ...swagger,
      components: { schemas: { Other: { $ref: 'https://example.com/x.json' } } },
    })
    const loader = createApiLoader({ [HUB]: join(dir, 'hub') })
    const description = loader.load(join(dir, 'swagger/apps.json'))
    expect(description).toBeDefined()
    expect(loader.problems().map((p) => [p.kind, 'ref' in p ? p.ref : ''])).toEqual([
      ['ref-missing', `${HUB}entities/apps/widget.json`],
      ['ref-unmapped', 'https://example.com/x.json'],
    ])
  })

  it('reports a description that cannot be read, once', () => {
    const loader = createApiLoader({})
    expect(loader.load(join(dir, 'none.json'))).toBeUndefined()
    expect(loader.load(join(dir, 'none.json'))).toBeUndefined()
    expect(loader.problems()).toEqual([
      { kind: 'unreadable', file: join(dir, 'none.json'), reason: 'there is no such file' },
    ])
  })
})
