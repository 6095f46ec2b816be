import { describe, expect, it } from 'vitest'
import { UsageError } from './errors'
import { type RunCliOptions, runLive } from './run'

const TYPING = 'specs/communication-gw/post_business_communication_sessions_typing.md'
const DEFAULTS: RunCliOptions = { concurrency: '4', format: 'json', retries: '2' }

describe('specpact run usage', () => {
  it.each([
    [{}, 'give --base-url <url> or --against reference'],
    [
      { against: 'reference', baseUrl: 'http://x' },
      'give either --base-url or --against, not both',
    ],
    [
      { against: 'staging' },
      '--against: the only embedded environment is "reference", got "staging"',
    ],
    [{ baseUrl: 'ftp://x' }, '--base-url: expected an http(s) URL, got "ftp://x"'],
    [{ baseUrl: 'not a url' }, '--base-url: not a URL: "not a url"'],
    [
      { against: 'reference', webhookListen: 'nope' },
      '--webhook-listen: expected host:port such as 127.0.0.1:8787 or 0.0.0.0:0, got "nope"',
    ],
    [
      { against: 'reference', concurrency: '0' },
      '--concurrency must be a whole number of at least 1, got "0"',
    ],
    [
      { against: 'reference', timeout: '1.5' },
      '--timeout must be a whole number of at least 1, got "1.5"',
    ],
    [{ against: 'reference', retries: '-1' }, '--retries must be a whole number, got "-1"'],
    [
      { against: 'reference', rateLimit: '0' },
      '--rate-limit must be a number of requests per second above 0, got "0"',
    ],
    [
      { baseUrl: 'http://127.0.0.1:1', webhookRegister: 'http://127.0.0.1:1/hooks' },
      '--webhook-register needs a listener (--webhook-listen) or --webhook-public-url',
    ],
  ] as const)('%j: %s', async (options, message) => {
    const run = runLive([TYPING], { ...DEFAULTS, ...options })
    await expect(run).rejects.toThrow(UsageError)
    await expect(run).rejects.toThrow(message)
  })
})
