import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runSteps } from './run'
import { startServer, step, type TestServer } from './test-support/server'

let server: TestServer
let closedURL: string
beforeAll(async () => {
  server = await startServer()
  const closed = await startServer()
  closedURL = closed.url
  await closed.close()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

describe('requests that get no response', () => {
  it('turns a refused connection into an error outcome', async () => {
    const result = await runSteps([step({ path: '/x', onFail: 'continue' })], {
      baseURL: closedURL,
    })
    expect(result.outcome).toBe('failed')
    expect(result.steps[0]).toMatchObject({
      kind: 'error',
      response: undefined,
      problems: [{ kind: 'network', code: 'ECONNREFUSED' }],
      reason: expect.stringMatching(/^request failed: .*ECONNREFUSED/),
      request: { method: 'GET', url: `${closedURL}/x` },
    })
  })

  it('turns a server that never answers into a timeout outcome', async () => {
    server.route('GET /hang', { hang: true })
    const started = Date.now()
    const result = await runSteps([step({ path: '/hang' })], {
      baseURL: server.url,
      timeoutMs: 100,
    })
    expect(result.steps[0]).toMatchObject({
      kind: 'error',
      problems: [{ kind: 'timeout', timeoutMs: 100 }],
      reason: 'no response within 100 ms',
    })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('applies onFail: skip to an unreachable service', async () => {
    const result = await runSteps(
      [step({ path: '/x', onFail: 'skip', skipReason: 'service not deployed here' }), step()],
      { baseURL: closedURL },
    )
    expect(result.steps.map((s) => s.kind)).toEqual(['skipped', 'not-run'])
    expect(result.outcome).toBe('skipped')
  })
})

describe('steps that cannot be built', () => {
  it('names every unknown variable and the step, and sends nothing', async () => {
    const result = await runSteps(
      [
        step({
          id: 'create_session',
          method: 'POST',
          path: '/channels/{{channel_uid}}',
          body: { contact_uid: '{{contact_uid}}', business_uid: '{{business_id}}' },
        }),
      ],
      { baseURL: server.url, variables: { business_id: 'bz1' } },
    )
    expect(result.steps[0]).toMatchObject({
      kind: 'error',
      request: undefined,
      problems: [
        {
          kind: 'unknown-variable',
          stepId: 'create_session',
          variables: [
            { name: 'channel_uid', where: 'path' },
            { name: 'contact_uid', where: 'body.contact_uid' },
          ],
        },
      ],
    })
    expect(result.steps[0]?.kind === 'error' && result.steps[0].reason).toContain(
      'step "create_session": unknown variable {{channel_uid}} at path',
    )
    expect(server.received).toHaveLength(0)
  })

  it('reports every setup problem of a step at once', async () => {
    const result = await runSteps(
      [step({ path: '/{{x}}', token: 'app', useFallback: true, body: {}, form_data: {} })],
      { baseURL: server.url },
    )
    expect(
      result.steps[0]?.kind === 'error' && result.steps[0].problems.map((p) => p.kind),
    ).toEqual(['body-and-form', 'missing-fallback', 'missing-token', 'unknown-variable'])
  })

  it('fails a step whose extract path is not JSONPath, even with onFail: skip', async () => {
    server.route('GET /x', { body: { a: 1 } })
    const result = await runSteps([step({ path: '/x', extract: { a: '$.[' }, onFail: 'skip' })], {
      baseURL: server.url,
    })
    expect(result.steps[0]).toMatchObject({
      kind: 'failed',
      problems: [{ kind: 'extract-invalid-path', path: '$.[' }],
    })
  })
})
