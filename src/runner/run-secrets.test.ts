import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Step } from '../spec'
import { runSteps } from './run'
import { startServer, step, type TestServer } from './test-support/server'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const token = 'staff-secret-token-0123456789abcdef'
const options = () => ({ baseURL: server.url, tokens: { staff: token }, defaultToken: 'staff' })

/** A server that repeats the Authorization header it got, in a header and in the body. */
function echo(status: number, pad = 0) {
  return (request: { headers: { authorization?: string } }) => ({
    status,
    headers: { 'x-echo': request.headers.authorization ?? '' },
    body: { pad: 'x'.repeat(pad), auth: request.headers.authorization, data: { token } },
  })
}

describe('tokens never appear in results', () => {
  it.each<{ name: string; status: number; fields: Partial<Step> }>([
    { name: 'a passed step, echoing the token', status: 200, fields: {} },
    { name: 'a failed step, whose reason quotes the body', status: 500, fields: {} },
    {
      name: 'an extract that picks the token up',
      status: 200,
      fields: { extract: { leaked: '$.data.token' } },
    },
    {
      name: 'a missed extract, whose message quotes the body',
      status: 200,
      fields: { extract: { uid: '$.data.uid' } },
    },
  ])('$name', async ({ status, fields }) => {
    server.route('GET /echo', echo(status))
    const result = await runSteps([step({ path: '/echo', ...fields })], options())
    expect(server.received[0]!.headers.authorization).toBe(`Bearer ${token}`)
    expect(result.steps[0]).toMatchObject({ request: { headers: { Authorization: 'Bearer ***' } } })
    expect(JSON.stringify(result)).not.toContain(token)
  })

  it('not even a piece of one cut off by a truncated message', async () => {
    // The body preview is cut at 300 characters; with this padding the cut falls inside
    // the echoed token.
    server.route('GET /echo', echo(500, 260))
    const result = await runSteps([step({ path: '/echo' })], options())
    const shown = JSON.stringify(result)
    expect(shown).toContain('more characters')
    expect(shown).not.toContain(token.slice(0, 12))
  })

  it('in the request of a step that got no response', async () => {
    server.route('GET /hang', { hang: true })
    const result = await runSteps([step({ path: '/hang' })], { ...options(), timeoutMs: 50 })
    expect(result.steps[0]).toMatchObject({
      kind: 'error',
      request: { headers: { Authorization: 'Bearer ***' } },
    })
    expect(JSON.stringify(result)).not.toContain(token)
  })
})

describe('authorization schemes', () => {
  it.each([
    ['Admin {token}', `Admin ${token}`, 'Admin ***'],
    ['Token token="{token}"', `Token token="${token}"`, 'Token ***'],
  ])('sends %s and reports it without the token', async (scheme, sent, shown) => {
    server.route('GET /echo', echo(200))
    const asked: Array<[string, string]> = []
    const result = await runSteps([step({ path: '/echo' })], {
      ...options(),
      authScheme: (tokenType, path) => {
        asked.push([tokenType, path])
        return scheme
      },
    })
    expect(asked).toEqual([['staff', '/echo']])
    expect(server.received[0]!.headers.authorization).toBe(sent)
    expect(result.steps[0]).toMatchObject({ request: { headers: { Authorization: shown } } })
    expect(JSON.stringify(result)).not.toContain(token)
  })
})
