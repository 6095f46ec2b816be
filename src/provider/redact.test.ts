import { describe, expect, it } from 'vitest'
import { brokerSecrets, redactor } from './redact'

const token = 'st4ff-t0ken/with+odd"chars'
const redact = redactor([token, 'broker-token-1234'], [['pact', 'broker-pass']])

describe('redactor', () => {
  it.each([
    {
      name: 'a bearer header',
      text: `Authorization: Bearer ${token}`,
      out: 'Authorization: Bearer ***',
    },
    { name: 'another scheme', text: `Token token=${token}`, out: 'Token token=***' },
    { name: 'JSON-escaped', text: JSON.stringify({ h: token }), out: '{"h":"***"}' },
    { name: 'URL-encoded', text: `?t=${encodeURIComponent(token)}`, out: '?t=***' },
    { name: 'base64', text: Buffer.from(token).toString('base64'), out: '***' },
    {
      name: 'basic auth of the broker credentials',
      text: `Basic ${Buffer.from('pact:broker-pass').toString('base64')}`,
      out: 'Basic ***',
    },
    {
      name: 'several in one line',
      text: 'broker-token-1234 and broker-token-1234',
      out: '*** and ***',
    },
    {
      name: 'nothing secret',
      text: 'Bearer example-staff-token',
      out: 'Bearer example-staff-token',
    },
  ])('hides $name', ({ text, out }) => {
    expect(redact(text)).toBe(out)
  })

  it('ignores empty and very short values, which would mangle all output', () => {
    expect(redactor(['', undefined, 'ab'])('a b ab abc')).toBe('a b ab abc')
  })

  it('reads the broker credentials from the environment', () => {
    const { secrets, pairs } = brokerSecrets({
      PACT_BROKER_TOKEN: 'tok-9999',
      PACT_BROKER_USERNAME: 'u',
      PACT_BROKER_PASSWORD: 'pw-8888',
    })
    const hide = redactor(secrets, pairs)
    expect(hide('tok-9999 pw-8888')).toBe('*** ***')
  })
})
