import { afterEach, describe, expect, it } from 'vitest'
import { parseListen, startListener, type WebhookListener } from './listener'

let listener: WebhookListener | undefined
afterEach(async () => {
  await listener?.close()
  listener = undefined
})

async function start() {
  listener = await startListener({ host: '127.0.0.1', port: 0 })
  return listener
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(5000),
  })

const activated = (uid: string) =>
  JSON.stringify({ event: 'channel.activated', data: { channel: { uid } } })

const forChannel = (uid: string) => ({
  event: 'channel.activated',
  match: { '$.data.channel.uid': uid },
})

describe('the webhook listener', () => {
  it('answers a wait with a webhook that arrives later', async () => {
    const { url, waitFor } = await start()
    const waiting = waitFor(forChannel('ch1'), 5000)
    expect((await post(url, activated('ch1'))).status).toBe(202)
    expect(await waiting).toMatchObject({
      kind: 'received',
      event: { event: 'channel.activated', body: { data: { channel: { uid: 'ch1' } } } },
    })
  })

  it('keeps a webhook that arrived before the wait, and gives it to one wait only', async () => {
    const { url, waitFor } = await start()
    await post(url, activated('ch1'))
    expect((await waitFor(forChannel('ch1'), 5000)).kind).toBe('received')
    expect(await waitFor(forChannel('ch1'), 50)).toEqual({ kind: 'timed-out', others: 0 })
  })

  it('names the event by X-Webhook-Event before the body', async () => {
    const { url, waitFor } = await start()
    await post(url, JSON.stringify({ data: {} }), { 'X-Webhook-Event': 'session.status_changed' })
    expect((await waitFor({ event: 'session.status_changed', match: {} }, 5000)).kind).toBe(
      'received',
    )
  })

  it('counts the webhooks of the event that did not match', async () => {
    const { url, waitFor } = await start()
    const waiting = waitFor(forChannel('ch1'), 60_000)
    await post(url, activated('other'))
    await post(url, activated('another'))
    // Closing ends the wait as a timeout would, without depending on the clock.
    await listener?.close()
    listener = undefined
    expect(await waiting).toEqual({ kind: 'timed-out', others: 2 })
  })

  it.each([
    ['not JSON', '{', {}, 400],
    ['no event name', '{"data": {}}', {}, 400],
  ])('refuses %s', async (_name, body, headers, status) => {
    const { url, received } = await start()
    expect((await post(url, body, headers)).status).toBe(status)
    expect(received).toEqual([])
  })

  it('refuses what is not a POST', async () => {
    const { url } = await start()
    expect((await fetch(url, { signal: AbortSignal.timeout(5000) })).status).toBe(405)
  })

  it('ends the waits still open when it closes', async () => {
    const { waitFor } = await start()
    const waiting = waitFor(forChannel('ch1'), 60_000)
    await listener?.close()
    listener = undefined
    expect(await waiting).toEqual({ kind: 'timed-out', others: 0 })
  })
})

describe('--webhook-listen', () => {
  it.each([
    ['127.0.0.1:8787', { host: '127.0.0.1', port: 8787 }],
    ['0.0.0.0:0', { host: '0.0.0.0', port: 0 }],
    ['localhost:9000', { host: 'localhost', port: 9000 }],
    ['[::1]:0', { host: '::1', port: 0 }],
  ])('reads %s', (text, expected) => {
    expect(parseListen(text)).toEqual(expected)
  })

  it.each(['8787', 'host:', 'host:99999', ':80', 'a:b'])('refuses %s', (text) => {
    expect(() => parseListen(text)).toThrow(
      `expected host:port such as 127.0.0.1:8787 or 0.0.0.0:0, got "${text}"`,
    )
  })
})
