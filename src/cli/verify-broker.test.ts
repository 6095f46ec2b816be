import { describe, expect, it } from 'vitest'
import { UsageError } from './errors'
import { type BrokerVerifyCliOptions, checkBrokerUsage } from './verify-broker'

function problem(sources: string[], options: BrokerVerifyCliOptions): string | undefined {
  try {
    checkBrokerUsage(sources, options)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as Error).message
  }
}

describe('checkBrokerUsage (exit status 2 before anything starts)', () => {
  it.each([
    {
      name: 'broker options without --broker',
      sources: [],
      options: { pactUrl: 'https://b/p', publish: false, pending: false },
      message: '--pact-url, --publish/--no-publish, --no-pending only apply with --broker',
    },
    {
      name: 'pact files with --broker',
      sources: ['pacts'],
      options: { broker: true },
      message: '--broker takes the pacts from the broker: give no pact files (got pacts)',
    },
    {
      name: 'a shard of broker pacts',
      sources: [],
      options: { broker: true, shard: '1/2' },
      message:
        '--shard cannot be combined with --broker: the result of a part of a pact would be published as the result of the whole pact',
    },
    {
      name: 'a selector that is not JSON',
      sources: [],
      options: { broker: true, consumerVersionSelector: ['mainBranch=true'] },
      message: `--consumer-version-selector must be a JSON object, e.g. '{"mainBranch": true}', got mainBranch=true`,
    },
    {
      name: 'a selector with a misspelt key',
      sources: [],
      options: { broker: true, consumerVersionSelector: ['{"mainbranch": true}'] },
      message:
        '--consumer-version-selector {"mainbranch": true}: selector: Unrecognized key: "mainbranch"',
    },
    {
      name: 'a selector with a value of the wrong type',
      sources: [],
      options: { broker: true, consumerVersionSelector: ['{"branch": true}'] },
      message:
        '--consumer-version-selector {"branch": true}: branch: Invalid input: expected string, received boolean',
    },
  ])('$name', ({ sources, options, message }) => {
    expect(problem(sources, options)).toEqual(message)
  })

  it.each([
    { name: 'a local verification', sources: ['pacts'], options: { pending: true } },
    { name: 'a broker verification with defaults', sources: [], options: { broker: true } },
    {
      name: 'every broker option',
      sources: [],
      options: {
        broker: true,
        providerVersion: 'v1',
        providerBranch: 'main',
        publish: true,
        consumerVersionSelector: [
          '{"mainBranch": true}',
          '{"deployed": true, "environment": "production"}',
        ],
        pending: true,
        includeWipPactsSince: '2024-01-01',
        buildUrl: 'https://ci/1',
      },
    },
  ])('accepts $name', ({ sources, options }) => {
    expect(problem(sources, options)).toBeUndefined()
  })
})
