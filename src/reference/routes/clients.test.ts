import { beforeEach, describe, expect, it } from 'vitest'
import { buildReferenceApp, type ReferenceApp } from '../reference'
import { DEFAULT_BUSINESS_UID } from '../store'
import { BUSINESS, field, send } from '../testing'

let ref: ReferenceApp
beforeEach(() => {
  ref = buildReferenceApp()
})

const lookup = (query: string, headers?: Record<string, string>) =>
  send(ref.app, 'GET', `/platform/v1/clients?${query}`, undefined, {
    authorization: 'Bearer t',
    ...headers,
  })

const ids = (body: unknown): unknown[] => {
  const clients = field(body, 'data.clients')
  return Array.isArray(clients) ? clients.map((c) => field(c, 'id')) : []
}

describe('GET /platform/v1/clients', () => {
  it('finds a client for any business, in the core API envelope with the swagger fields', async () => {
    const answer = await lookup(`business_id=${BUSINESS}&per_page=1`)
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      status: 'OK',
      data: {
        clients: [
          expect.objectContaining({
            id: expect.stringMatching(/^[a-z0-9]{16}$/),
            business_uid: BUSINESS,
            first_name: expect.any(String),
            last_name: expect.any(String),
            email: expect.stringContaining('@'),
            customer_status: 'lead',
            tags: [],
            created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          }),
        ],
      },
    })
  })

  it('gives a business the same clients after a reset, and other businesses other clients', async () => {
    const before = ids((await lookup(`business_id=${BUSINESS}`)).body)
    ref.reset()
    expect(ids((await lookup(`business_id=${BUSINESS}`)).body)).toEqual(before)
    expect(before).toHaveLength(3)
    const other = ids((await lookup('business_id=anotherbusiness1')).body)
    expect(other.some((id) => before.includes(id))).toBe(false)
  })

  it('pages with per_page and page', async () => {
    const all = ids((await lookup(`business_id=${BUSINESS}`)).body)
    expect(ids((await lookup(`business_id=${BUSINESS}&per_page=2&page=2`)).body)).toEqual(
      all.slice(2, 4),
    )
    expect(ids((await lookup(`business_id=${BUSINESS}&per_page=2&page=3`)).body)).toEqual([])
  })

  it('takes the business from X-On-Behalf-Of, else the default business', async () => {
    const onBehalf = await lookup('per_page=1', { 'x-on-behalf-of': BUSINESS })
    expect(field(onBehalf.body, 'data.clients.0.business_uid')).toBe(BUSINESS)
    const unnamed = await lookup('per_page=1')
    expect(field(unnamed.body, 'data.clients.0.business_uid')).toBe(DEFAULT_BUSINESS_UID)
  })

  it.each([
    { by: 'uid', term: (id: string) => id },
    { by: 'email', term: () => 'omer.cohen' },
  ])('searches by $by', async ({ by, term }) => {
    const second = ids((await lookup(`business_id=${BUSINESS}`)).body)[1]
    const answer = await lookup(
      `business_id=${BUSINESS}&search_by=${by}&search_term=${term(String(second))}`,
    )
    expect(ids(answer.body)).toEqual([second])
  })

  it.each([
    { query: 'per_page=abc', error: 'per_page must be an integer from 1 to 100 (got "abc")' },
    { query: 'per_page=101', error: 'per_page must be from 1 to 100 (got number 101)' },
    { query: 'page=0', error: expect.stringContaining('page must be from 1') },
    {
      query: 'search_by=name&search_term=x',
      error: expect.stringContaining('search_by must be one of email, uid, phone, updated_at'),
    },
  ])('422 in the core API error shape for $query', async ({ query, error }) => {
    const answer = await lookup(query)
    expect(answer).toEqual({ status: 422, body: { status: 'Error', error } })
  })

  it('401 without a token, in the core API error shape', async () => {
    const answer = await send(ref.app, 'GET', '/platform/v1/clients?per_page=1', undefined, {})
    expect(answer).toEqual({ status: 401, body: { status: 'Error', error: 'Unauthorized' } })
  })
})
