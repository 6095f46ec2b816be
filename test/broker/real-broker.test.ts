/**
 * The real Pact Broker the broker tests run against: it starts from the run's migrated
 * database, answers only with credentials, and keeps the read-only user read-only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type RealBroker, realBroker } from './real'

vi.setConfig({ hookTimeout: 300_000 })

let broker: RealBroker

beforeAll(async () => {
  broker = await realBroker()
})

afterAll(async () => {
  await broker?.close()
})

function basic(c: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`
}

async function status(method: string, path: string, authorization?: string): Promise<number> {
  const response = await fetch(`${broker.url}${path}`, {
    method,
    headers: {
      accept: 'application/hal+json',
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: method === 'POST' ? JSON.stringify({ name: 'staging', production: false }) : undefined,
    signal: AbortSignal.timeout(30_000),
  })
  await response.arrayBuffer()
  return response.status
}

describe('the real broker', () => {
  it('is pact_broker on SQLite, listening on 127.0.0.1', async () => {
    expect(broker.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const index = (await broker.get('/')) as { _links: Record<string, unknown> }
    expect(Object.keys(index._links)).toEqual(
      expect.arrayContaining([
        'pb:publish-contracts',
        'pb:provider-pacts-for-verification',
        'pb:environments',
      ]),
    )
  })

  it.each([
    ['no credentials', 'GET', undefined, 401],
    ['a wrong password', 'GET', 'wrong', 401],
    ['the read-only user, reading', 'GET', 'readOnly', 200],
    ['the read-only user, writing', 'POST', 'readOnly', 401],
    ['the read/write user, reading', 'GET', 'user', 200],
  ] as const)('%s: %s → %i', async (_, method, who, expected) => {
    const authorization =
      who === undefined
        ? undefined
        : who === 'wrong'
          ? basic({ username: broker.user.username, password: 'not-it' })
          : basic(broker[who])
    const path = method === 'POST' ? '/environments' : '/'
    expect(await status(method, path, authorization)).toBe(expected)
  })

  it('the heartbeat answers without credentials (the readiness check)', async () => {
    expect(await status('GET', '/diagnostic/status/heartbeat')).toBe(200)
  })
})
