import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { allPlainHttp, trustStoreFor, withVerifierTrust } from './trust'

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

describe('withVerifierTrust', () => {
  const before = { file: process.env.SSL_CERT_FILE, dir: process.env.SSL_CERT_DIR }
  afterEach(() => {
    expect(process.env.SSL_CERT_FILE).toBe(before.file)
    expect(process.env.SSL_CERT_DIR).toBe(before.dir)
  })

  it('points the trust store at one certificate and an empty directory, for plain http only', async () => {
    const seen = await withVerifierTrust(['http://127.0.0.1:1'], async () => ({
      file: process.env.SSL_CERT_FILE as string,
      dir: process.env.SSL_CERT_DIR as string,
    }))
    expect(readFileSync(seen.file, 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(1)
    expect(readdirSync(seen.dir)).toEqual([])
  })

  it('leaves the system trust store alone when any URL is https', async () => {
    const seen = await withVerifierTrust(
      ['http://127.0.0.1:1', 'https://broker'],
      async () => process.env.SSL_CERT_FILE,
    )
    expect(seen).toBe(before.file)
  })

  it('restores the variables once overlapping runs are all done, also after a failure', async () => {
    let release: () => void = () => {}
    const first = withVerifierTrust(['http://a'], () => new Promise<void>((r) => (release = r)))
    const second = withVerifierTrust(['http://b'], async () => {
      throw new Error('boom')
    })
    await expect(second).rejects.toThrow('boom')
    expect(process.env.SSL_CERT_FILE).toMatch(/one-root\.pem$/)
    release()
    await first
  })
})

describe('trustStoreFor', () => {
  it('trusts exactly a configured CA bundle, for an https broker too', () => {
    const ca = join(__dirname, '..', '..', 'test', 'fixtures', 'tls', 'ca.pem')
    expect(trustStoreFor(['https://broker.example.com'], ca)?.file).toBe(ca)
  })

  it('refuses a bundle without a certificate, naming it', () => {
    const notPem = join(__dirname, '..', '..', 'test', 'fixtures', 'tls', 'README.md')
    expect(() => trustStoreFor([], notPem)).toThrow(`${notPem} holds no PEM certificate`)
  })

  it('keeps the system store for an https broker without a bundle', () => {
    expect(trustStoreFor(['https://broker.example.com'], undefined)).toBeUndefined()
  })
})
