import { describe, expect, it } from 'vitest'
import { canIDeployArgs, createEnvironmentArgs, publishArgs, recordDeploymentArgs } from './args'
import type { BrokerError } from './errors'

describe('publishArgs', () => {
  it.each([
    {
      name: 'version only',
      input: { paths: ['pacts'], consumerVersion: 'abc' },
      args: ['--consumer-app-version', 'abc', '--', 'pacts'],
    },
    {
      name: 'branch, tags, build URL and merge',
      input: {
        paths: ['a.json', 'b.json'],
        consumerVersion: 'abc',
        branch: 'feat/x',
        tags: ['dev', 'rc'],
        buildUrl: 'https://ci/1',
        merge: true,
      },
      args: [
        '--consumer-app-version',
        'abc',
        '--branch',
        'feat/x',
        '--tag=dev,rc',
        '--build-url',
        'https://ci/1',
        '--merge',
        '--',
        'a.json',
        'b.json',
      ],
    },
    {
      name: 'a path starting with a dash stays a path',
      input: { paths: ['-odd.json'], consumerVersion: 'abc', tags: [] },
      args: ['--consumer-app-version', 'abc', '--', '-odd.json'],
    },
  ])('$name', ({ input, args }) => {
    expect(publishArgs(input)).toEqual(args)
  })

  it('rejects a tag with a comma, which the CLI would split in two', () => {
    expect(() => publishArgs({ paths: ['p'], consumerVersion: 'v', tags: ['a,b'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_TAG' }) as BrokerError,
    )
  })
})

describe('canIDeployArgs', () => {
  it.each([
    {
      name: 'version and environment, --version right after --pacticipant',
      input: { pacticipant: 'communication-ui', version: 'abc', toEnvironment: 'production' },
      args: [
        '--pacticipant',
        'communication-ui',
        '--version',
        'abc',
        '--to-environment',
        'production',
      ],
    },
    {
      name: 'polling while results are unknown',
      input: {
        pacticipant: 'ui',
        version: '1',
        toEnvironment: 'test',
        retryWhileUnknown: 12,
        retryInterval: 10,
      },
      args: [
        '--pacticipant',
        'ui',
        '--version',
        '1',
        '--to-environment',
        'test',
        '--retry-while-unknown',
        '12',
        '--retry-interval',
        '10',
      ],
    },
    {
      name: 'negative or fractional polling values are clamped to whole seconds',
      input: {
        pacticipant: 'ui',
        version: '1',
        toEnvironment: 'test',
        retryWhileUnknown: -3,
        retryInterval: 2.7,
      },
      args: [
        '--pacticipant',
        'ui',
        '--version',
        '1',
        '--to-environment',
        'test',
        '--retry-while-unknown',
        '0',
        '--retry-interval',
        '2',
      ],
    },
  ])('$name', ({ input, args }) => {
    expect(canIDeployArgs(input)).toEqual(args)
  })
})

describe('recordDeploymentArgs', () => {
  it.each([
    {
      name: 'without application instance',
      input: { pacticipant: 'gw', version: '2', environment: 'production' },
      args: ['--pacticipant', 'gw', '--version', '2', '--environment', 'production'],
    },
    {
      name: 'with application instance',
      input: {
        pacticipant: 'gw',
        version: '2',
        environment: 'production',
        applicationInstance: 'eu',
      },
      args: [
        '--pacticipant',
        'gw',
        '--version',
        '2',
        '--environment',
        'production',
        '--application-instance',
        'eu',
      ],
    },
  ])('$name', ({ input, args }) => {
    expect(recordDeploymentArgs(input)).toEqual(args)
  })
})

describe('createEnvironmentArgs', () => {
  it.each([
    { name: 'plain', input: { name: 'test' }, args: ['--name', 'test'] },
    {
      name: 'production with display name',
      input: { name: 'production', displayName: 'Production', production: true },
      args: ['--name', 'production', '--display-name', 'Production', '--production'],
    },
  ])('$name', ({ input, args }) => {
    expect(createEnvironmentArgs(input)).toEqual(args)
  })
})

describe('credentials are never arguments', () => {
  it('no builder emits broker URL, token or password flags', () => {
    const all = [
      ...publishArgs({ paths: ['p'], consumerVersion: 'v', branch: 'b', tags: ['t'] }),
      ...canIDeployArgs({ pacticipant: 'p', version: 'v', toEnvironment: 'e' }),
      ...recordDeploymentArgs({ pacticipant: 'p', version: 'v', environment: 'e' }),
      ...createEnvironmentArgs({ name: 'e', production: true }),
    ]
    for (const flag of ['-b', '--broker-base-url', '-k', '--broker-token', '-u', '-p']) {
      expect(all).not.toContain(flag)
    }
    expect(all.some((a) => a.startsWith('--broker-'))).toBe(false)
  })
})
