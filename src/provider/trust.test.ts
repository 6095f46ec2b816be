import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { allPlainHttp, withPlainHttpTrust } from './trust'

describe('allPlainHttp', () => {
  it.each([
    { urls: ['http://127.0.0.1:3000', 'http://localhost/_pact/states'], plain: true },
    { urls: ['http://127.0.0.1:3000', 'https://broker.example.com/pacts/1'], plain: false },
    { urls: ['https://gw.example.com'], plain: false },
    { urls: ['not a url'], plain: false },
    { urls: [], plain: true },
  ])('$urls → $plain', ({ urls, plain }) => {
    expect(allPlainHttp(urls)).toBe(plain)
  })
})

describe('withPlainHttpTrust', () => {
  const before = { file: process.env.SSL_CERT_FILE, dir: process.env.SSL_CERT_DIR }
  afterEach(() => {
    expect(process.env.SSL_CERT_FILE).toBe(before.file)
    expect(process.env.SSL_CERT_DIR).toBe(before.dir)
  })

  it('points the trust store at one certificate and an empty directory, for plain http only', async () => {
    const seen = await withPlainHttpTrust(['http://127.0.0.1:1'], async () => ({
      file: process.env.SSL_CERT_FILE as string,
      dir: process.env.SSL_CERT_DIR as string,
    }))
    expect(readFileSync(seen.file, 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(1)
    expect(readdirSync(seen.dir)).toEqual([])
  })

  it('leaves the system trust store alone when any URL is https', async () => {
    const seen = await withPlainHttpTrust(
      ['http://127.0.0.1:1', 'https://broker'],
      async () => process.env.SSL_CERT_FILE,
    )
    expect(seen).toBe(before.file)
  })

  it('restores the variables once overlapping runs are all done, also after a failure', async () => {
    let release: () => void = () => {}
    const first = withPlainHttpTrust(['http://a'], () => new Promise<void>((r) => (release = r)))
    const second = withPlainHttpTrust(['http://b'], async () => {
      throw new Error('boom')
    })
    await expect(second).rejects.toThrow('boom')
    expect(process.env.SSL_CERT_FILE).toMatch(/one-root\.pem$/)
    release()
    await first
  })
})
