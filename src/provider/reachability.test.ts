import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { probe } from './reachability'

const servers: Server[] = []
async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections()
    s.close()
  }
})

describe('probe', () => {
  it('accepts any HTTP answer, even a 404', async () => {
    const url = await listen((_, res) => res.writeHead(404).end())
    expect(await probe('the provider', `${url}/states`, 2000)).toBeUndefined()
  })

  it('names the errno of a refused connection', async () => {
    const url = await listen(() => undefined)
    const closed = servers.pop() as Server
    closed.closeAllConnections()
    await new Promise((resolve) => closed.close(resolve))
    expect(await probe('the provider', url, 2000)).toEqual({
      what: 'the provider',
      url,
      cause: expect.stringMatching(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
    })
  })

  it('says when a server accepts the connection but never answers', async () => {
    const url = await listen(() => undefined)
    expect((await probe('the provider', url, 200))?.cause).toBe(
      'connected, but no HTTP answer within 200 ms',
    )
  })

  it.each([
    { url: 'not a url', cause: 'not a valid URL' },
    { url: 'ftp://x', cause: 'unsupported protocol ftp:' },
  ])('refuses $url', async ({ url, cause }) => {
    expect((await probe('the provider', url, 200))?.cause).toBe(cause)
  })
})
