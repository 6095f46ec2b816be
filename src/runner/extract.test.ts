import { describe, expect, it } from 'vitest'
import { describeProblem } from './errors'
import { extractAll, extractOne } from './extract'

const channel = { success: true, data: { channel: { uid: 'ch_1', status: 'pending' } } }
const clients = { status: 'OK', data: { clients: [{ id: 7, email: null }, { id: 8 }] } }

describe('extractOne', () => {
  it.each([
    { name: 'a nested string', body: channel, path: '$.data.channel.uid', value: 'ch_1' },
    { name: 'a number in an array', body: clients, path: '$.data.clients[0].id', value: 7 },
    { name: 'a null value is found', body: clients, path: '$.data.clients[0].email', value: null },
    { name: 'the first of many matches', body: clients, path: '$..id', value: 7 },
    { name: 'an object', body: channel, path: '$.data.channel', value: channel.data.channel },
    { name: 'a top-level array', body: [{ uid: 'a' }], path: '$[0].uid', value: 'a' },
  ])('finds $name', ({ body, path, value }) => {
    expect(extractOne(body, 'v', path)).toEqual({ kind: 'found', value })
  })

  it.each([
    { name: 'a path the body lacks', body: channel, path: '$.data.uid' },
    { name: 'an index past the end', body: clients, path: '$.data.clients[5].id' },
    { name: 'a text body', body: '<html>Bad gateway</html>', path: '$.data.uid' },
    { name: 'an empty body', body: undefined, path: '$.data.uid' },
  ])('reports not found for $name', ({ body, path }) => {
    expect(extractOne(body, 'channel_uid', path)).toMatchObject({
      kind: 'extract-not-found',
      variable: 'channel_uid',
      path,
    })
  })

  it('shows the path, the variable and the body when nothing matched', () => {
    const outcome = extractOne(channel, 'channel_uid', '$.data.uid')
    expect(outcome.kind === 'found' ? outcome : describeProblem(outcome)).toMatchInlineSnapshot(
      `"$.data.uid (for channel_uid) matched nothing in the response body: {"success":true,"data":{"channel":{"uid":"ch_1","status":"pending"}}}"`,
    )
  })

  it('truncates a long body in the message', () => {
    const body = { data: { items: Array.from({ length: 500 }, (_, i) => ({ id: i })) } }
    const outcome = extractOne(body, 'uid', '$.data.uid')
    if (outcome.kind !== 'extract-not-found') throw new Error(`unexpected ${outcome.kind}`)
    expect(outcome.bodyPreview.length).toBeLessThan(400)
    expect(outcome.bodyPreview).toMatch(
      /^\{"data":\{"items":\[\{"id":0\}.*… \(\d+ more characters\)$/,
    )
  })

  it('reports a path that is not JSONPath', () => {
    expect(extractOne(channel, 'uid', '$.data[')).toMatchObject({
      kind: 'extract-invalid-path',
      variable: 'uid',
      path: '$.data[',
      message: expect.stringContaining('Parse error'),
    })
  })
})

describe('extractAll', () => {
  it('keeps what was found and reports what was not', () => {
    const { values, problems } = extractAll(clients, {
      contact_uid: '$.data.clients[0].id',
      channel_uid: '$.data.channel.uid',
    })
    expect(values).toEqual({ contact_uid: 7 })
    expect(problems).toMatchObject([{ kind: 'extract-not-found', variable: 'channel_uid' }])
  })

  it('quotes the shown body, not the real one', () => {
    const { problems } = extractAll({ token: 'secret' }, { x: '$.x' }, { token: '***' })
    expect(problems).toMatchObject([{ bodyPreview: '{"token":"***"}' }])
  })
})
