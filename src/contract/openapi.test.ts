import { describe, expect, it } from 'vitest'
import { baseOf, matchPathTemplate, type OpenApiDoc, pathFit, responseExample } from './openapi'

describe('pathFit', () => {
  it.each([
    { template: '/sessions/{uid}', path: '/sessions/{{session_uid}}', fit: 1 },
    { template: '/sessions/typing', path: '/sessions/typing', fit: 2 },
    { template: '/sessions/{uid}', path: '/sessions/typing', fit: 1 },
    { template: '/sessions/typing', path: '/sessions/{{session_uid}}', fit: undefined },
    { template: '/sessions/{uid}', path: '/sessions/abc/', fit: 1 },
    { template: '/sessions', path: '/sessions/abc', fit: undefined },
    { template: '/channels/{uid}', path: '/sessions/abc', fit: undefined },
  ])('$template ~ $path → $fit', ({ template, path, fit }) => {
    expect(pathFit(template, path)).toBe(fit)
  })
})

describe('matchPathTemplate', () => {
  const templates = ['/sessions', '/sessions/typing', '/sessions/{uid}']

  it('takes a variable segment for a parameter, not for a literal listed first', () => {
    expect(matchPathTemplate(templates, '/sessions/{{session_uid}}')).toBe('/sessions/{uid}')
  })

  it('prefers the template with more literal segments in common', () => {
    expect(matchPathTemplate(['/sessions/{uid}', ...templates], '/sessions/typing')).toBe(
      '/sessions/typing',
    )
  })

  it('finds nothing for a path no template fits', () => {
    expect(matchPathTemplate(templates, '/messages/{{message_uid}}')).toBeUndefined()
  })
})

describe('pathFit with a query string', () => {
  it('ignores the query of the spec path', () => {
    expect(pathFit('/sessions/{uid}', '/sessions/{{session_uid}}?x=1')).toBe(1)
  })
})

describe('baseOf', () => {
  it.each<{ doc: OpenApiDoc; base: string }>([
    { doc: { swagger: '2.0', basePath: '/platform/v1/' }, base: '/platform/v1' },
    { doc: { openapi: '3.0.0', servers: [{ url: 'https://api.vcita.biz/' }] }, base: '' },
    {
      doc: { openapi: '3.0.0', servers: [{ url: 'https://api.vcita.biz/platform/v1' }] },
      base: '/platform/v1',
    },
    { doc: { openapi: '3.0.0', servers: [{ url: '/v3' }] }, base: '/v3' },
    { doc: { openapi: '3.0.0' }, base: '' },
  ])('$base', ({ doc, base }) => {
    expect(baseOf(doc)).toBe(base)
  })
})

describe('responseExample', () => {
  it.each<{ name: string; response: OpenApiDoc }>([
    {
      name: 'an OpenAPI 3 example',
      response: { content: { 'application/json': { example: { ok: true } } } },
    },
    {
      name: 'the first OpenAPI 3 examples value',
      response: { content: { 'application/json': { examples: { a: { value: { ok: true } } } } } },
    },
    { name: 'Swagger 2 examples', response: { examples: { 'application/json': { ok: true } } } },
  ])('takes $name', ({ response }) => {
    const doc: OpenApiDoc = { paths: { '/x': { get: { responses: { '200': response } } } } }
    expect(responseExample(doc, 'GET', '/x', 200)).toEqual({ ok: true })
  })
})
