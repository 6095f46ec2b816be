import { describe, expect, it } from 'vitest'
import type { ProviderConfig } from '../config'
import { authorizationFor, DEFAULT_AUTH, schemeFor, tokenTypeOfDummy, withRealToken } from './auth'

const gw: ProviderConfig = { name: 'gw', pathPrefix: '/business' }
const partners: ProviderConfig = {
  name: 'partners',
  pathPrefix: '/v1/partners',
  auth: { schemes: { '*': 'Partner {token}' } },
}

describe('schemeFor: the scheme vCita runner sends', () => {
  it.each([
    { token: 'staff', path: '/business/x', provider: gw, scheme: 'Bearer {token}' },
    { token: 'directory', path: '/business/x', provider: gw, scheme: 'Bearer {token}' },
    { token: 'admin', path: '/business/x', provider: gw, scheme: 'Admin {token}' },
    { token: 'internal', path: '/business/x', provider: gw, scheme: 'Admin {token}' },
    {
      token: 'staff',
      path: '/v1/partners/accounts',
      provider: gw,
      scheme: 'Token token="{token}"',
    },
    { token: 'admin', path: '/v1/partners/accounts', provider: gw, scheme: 'Admin {token}' },
    { token: 'staff', path: '/v1/partners/x', provider: partners, scheme: 'Partner {token}' },
    { token: 'admin', path: '/v1/partners/x', provider: partners, scheme: 'Admin {token}' },
  ])('$token on $path → $scheme', ({ token, path, provider, scheme }) => {
    expect(schemeFor(token, path, provider, DEFAULT_AUTH)).toBe(scheme)
  })

  it('lets the configuration name a scheme per token type and for any', () => {
    const auth = { defaultToken: 'staff', schemes: { app: 'App {token}', '*': 'Token {token}' } }
    expect(schemeFor('app', '/business/x', gw, auth)).toBe('App {token}')
    expect(schemeFor('staff', '/business/x', gw, auth)).toBe('Token {token}')
    expect(schemeFor('admin', '/business/x', gw, auth)).toBe('Admin {token}')
  })
})

describe('authorizationFor and the verifier swap', () => {
  it.each([
    ['staff', 'Bearer {token}', 'Bearer example-staff-token', 'Bearer s3cr3t.t0k3n'],
    ['admin', 'Admin {token}', 'Admin example-admin-token', 'Admin s3cr3t.t0k3n'],
    [
      'staff',
      'Token token="{token}"',
      'Token token="example-staff-token"',
      'Token token="s3cr3t.t0k3n"',
    ],
  ])('%s as %s', (type, scheme, dummy, real) => {
    const matcher = authorizationFor(type, scheme)
    expect(matcher).toMatchObject({ kind: 'regex', example: dummy })
    const regex = new RegExp(matcher.kind === 'regex' ? matcher.pattern : '')
    expect(dummy).toMatch(regex)
    expect(tokenTypeOfDummy(dummy)).toBe(type)
    const swapped = withRealToken(dummy, 's3cr3t.t0k3n')
    expect(swapped).toBe(real)
    expect(swapped).toMatch(regex)
  })

  it('reads token types with dashes and underscores from a dummy', () => {
    expect(tokenTypeOfDummy('Bearer example-app-user-token')).toBe('app-user')
    expect(tokenTypeOfDummy('Bearer example-client_v2-token')).toBe('client_v2')
    expect(tokenTypeOfDummy('Bearer real-token')).toBeUndefined()
  })
})
