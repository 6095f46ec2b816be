import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../config'
import { liveAuth } from './run-auth'

describe('live-run authorization', () => {
  // The built-in defaults, as a project without a configuration file gets them.
  const config = { ...DEFAULT_CONFIG, root: '/srv/app', file: undefined }
  const auth = liveAuth({
    ...config,
    auth: { defaultToken: 'staff', schemes: { app: 'App {token}' } },
  })

  it.each([
    ['staff', '/business/communication/channels', 'Bearer {token}'],
    ['admin', '/platform/v1/clients', 'Admin {token}'],
    ['app', '/business/communication/channels', 'App {token}'],
    ['staff', '/platform/v1/partners/accounts', 'Token token="{token}"'],
  ])('sends a %s token on %s as %s, as translation does', (tokenType, path, scheme) => {
    expect(auth.authScheme?.(tokenType, path)).toBe(scheme)
  })

  it('uses the configured default token type', () => {
    expect(auth.defaultToken).toBe('staff')
  })
})
