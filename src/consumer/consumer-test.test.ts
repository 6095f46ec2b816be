/**
 * A consumer test that passes without specpact's global setup would record nothing, and the
 * run would end green having written no pact. It fails instead, saying what to add.
 */
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCommunicationClient } from '../client'
import { RUN_DIR_ENV } from './context'
import { specInteraction } from './interaction'
import { specMessage } from './message'
import { ConsumerSetupError } from './project'

// This suite runs with the global setup; here it is as if it did not: nothing provided.
vi.mock('./context', async (original) => ({
  ...(await original<typeof import('./context')>()),
  provided: async () => undefined,
}))

const ROOT = resolve(__dirname, '..', '..')
const SETUP_MISSING =
  /passed, but no pact can be written: vitest runs without specpact's global setup \(add globalSetup: \['specpact\/src\/consumer\/setup.ts'\]/

let runDir: string | undefined
beforeEach(() => {
  runDir = process.env[RUN_DIR_ENV]
  delete process.env[RUN_DIR_ENV]
})
afterEach(() => {
  if (runDir !== undefined) process.env[RUN_DIR_ENV] = runDir
})

describe('a consumer test without the global setup', () => {
  it('of an HTTP interaction fails once it passed, naming the setup to add', async () => {
    let called = false
    const run = specInteraction<'session_uid' | 'contact_uid'>(
      'post_business_communication_sessions_typing',
      { cwd: ROOT },
    ).run(async (url, values) => {
      const gw = createCommunicationClient({ baseURL: url, token: 'consumer-test-token' })
      await gw.sendTyping({ session_uid: values.session_uid, contact_uid: values.contact_uid })
      called = true
    })
    await expect(run).rejects.toBeInstanceOf(ConsumerSetupError)
    await expect(run).rejects.toThrow(SETUP_MISSING)
    // The consumer's code did run and the mock server was satisfied: only the record failed.
    expect(called).toBe(true)
  })

  it('of a message fails the same way', async () => {
    const run = specMessage('webhook_channel_activated', { cwd: ROOT }).run(async () => 'handled')
    await expect(run).rejects.toThrow(SETUP_MISSING)
  })
})
