import { describe, expect, it } from 'vitest'
import { detectCiBranch, detectCiBuildUrl, detectCiCommit, isCI } from './ci'
import type { Env } from './config'
import type { BrokerError } from './errors'
import { type GitRunner, resolveBranch, resolveBuildUrl, resolveVersion } from './versioning'

const SHA = '4f1c2a9e0d3b7c6a5f4e3d2c1b0a9f8e7d6c5b4a'

/** A git that answers from a table and remembers what it was asked. */
function fakeGit(answers: Record<string, string | undefined>): GitRunner & { calls: string[] } {
  const calls: string[] = []
  const run = (args: readonly string[]) => {
    calls.push(args.join(' '))
    return answers[args.join(' ')]
  }
  return Object.assign(run, { calls })
}

const noGit = fakeGit({})

describe('resolveVersion', () => {
  it.each([
    {
      name: 'explicit version wins',
      explicit: '1.2.3',
      env: { GITHUB_SHA: 'ci-sha' },
      git: fakeGit({ 'rev-parse HEAD': SHA }),
      version: '1.2.3',
    },
    {
      name: 'full SHA of HEAD',
      explicit: undefined,
      env: { GITHUB_SHA: 'ci-sha' },
      git: fakeGit({ 'rev-parse HEAD': SHA }),
      version: SHA,
    },
    {
      name: 'CI commit variable when git is unavailable',
      explicit: undefined,
      env: { CI_COMMIT_SHA: 'gitlab-sha' },
      git: noGit,
      version: 'gitlab-sha',
    },
    {
      name: 'a blank explicit version is no version',
      explicit: '  ',
      env: {},
      git: fakeGit({ 'rev-parse HEAD': SHA }),
      version: SHA,
    },
  ])('$name', ({ explicit, env, git, version }) => {
    expect(resolveVersion(explicit, { env, git })).toBe(version)
  })

  it('throws VERSION_UNKNOWN when nothing names a version', () => {
    expect(() => resolveVersion(undefined, { env: {}, git: noGit })).toThrow(
      expect.objectContaining({ code: 'VERSION_UNKNOWN' }) as BrokerError,
    )
  })
})

describe('resolveBranch', () => {
  const git = fakeGit({ 'rev-parse --abbrev-ref HEAD': 'local-branch' })
  it.each([
    { name: 'explicit', explicit: 'release', env: { GITHUB_REF_NAME: 'main' }, branch: 'release' },
    {
      name: 'GitHub pull request: the source branch, not "123/merge"',
      env: { GITHUB_HEAD_REF: 'feat/typing', GITHUB_REF_NAME: '123/merge' },
      branch: 'feat/typing',
    },
    {
      name: 'GitHub push (GITHUB_HEAD_REF is empty)',
      env: { GITHUB_HEAD_REF: '', GITHUB_REF_NAME: 'main', GITHUB_REF_TYPE: 'branch' },
      branch: 'main',
    },
    {
      name: 'GitHub tag push names no branch: git decides',
      env: { GITHUB_REF_NAME: 'v1.2.0', GITHUB_REF_TYPE: 'tag' },
      branch: 'local-branch',
    },
    {
      name: 'GitLab merge request',
      env: { CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'mr-branch', CI_COMMIT_REF_NAME: 'x' },
      branch: 'mr-branch',
    },
    { name: 'GitLab branch pipeline', env: { CI_COMMIT_REF_NAME: 'develop' }, branch: 'develop' },
    { name: 'Jenkins multibranch', env: { BRANCH_NAME: 'main' }, branch: 'main' },
    { name: 'Jenkins git plugin', env: { GIT_BRANCH: 'origin/main' }, branch: 'main' },
    {
      name: 'Azure pull request',
      env: {
        SYSTEM_PULLREQUEST_SOURCEBRANCH: 'refs/heads/feat',
        BUILD_SOURCEBRANCH: 'refs/pull/1/merge',
      },
      branch: 'feat',
    },
    { name: 'CircleCI', env: { CIRCLE_BRANCH: 'circle' }, branch: 'circle' },
    { name: 'no CI: the checked-out git branch', env: {}, branch: 'local-branch' },
  ])('$name', ({ explicit, env, branch }) => {
    expect(resolveBranch(explicit, { env, git })).toBe(branch)
  })

  it('a detached checkout is no branch', () => {
    const detached = fakeGit({ 'rev-parse --abbrev-ref HEAD': 'HEAD' })
    expect(resolveBranch(undefined, { env: {}, git: detached })).toBeUndefined()
  })

  it('does not ask git when the CI names the branch', () => {
    const spy = fakeGit({ 'rev-parse --abbrev-ref HEAD': 'x' })
    resolveBranch(undefined, { env: { BUILDKITE_BRANCH: 'bk' }, git: spy })
    expect(spy.calls).toEqual([])
  })
})

describe('build URL', () => {
  it.each([
    {
      name: 'GitHub Actions run',
      env: {
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'vcita/communication-ui',
        GITHUB_RUN_ID: '42',
      },
      url: 'https://github.com/vcita/communication-ui/actions/runs/42',
    },
    {
      name: 'GitHub variables incomplete',
      env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '42' },
      url: undefined,
    },
    { name: 'GitLab job', env: { CI_JOB_URL: 'https://gitlab/j/1' }, url: 'https://gitlab/j/1' },
    {
      name: 'Jenkins',
      env: { BUILD_URL: 'https://jenkins/job/1/' },
      url: 'https://jenkins/job/1/',
    },
    {
      name: 'Azure',
      env: {
        SYSTEM_TEAMFOUNDATIONCOLLECTIONURI: 'https://dev.azure.com/org/',
        SYSTEM_TEAMPROJECT: 'proj',
        BUILD_BUILDID: '7',
      },
      url: 'https://dev.azure.com/org/proj/_build/results?buildId=7',
    },
    { name: 'no CI', env: {}, url: undefined },
  ])('$name', ({ env, url }) => {
    expect(detectCiBuildUrl(env)).toBe(url)
    expect(resolveBuildUrl(undefined, env)).toBe(url)
  })

  it('an explicit build URL wins', () => {
    expect(resolveBuildUrl('https://mine', { BUILD_URL: 'https://jenkins' })).toBe('https://mine')
  })
})

describe('CI detection', () => {
  it.each([
    { env: { CI: 'true' }, ci: true },
    { env: { CI: '1' }, ci: true },
    { env: { CI: 'false' }, ci: false },
    { env: { CI: '' }, ci: false },
    { env: {}, ci: false },
  ] satisfies { env: Env; ci: boolean }[])('CI=$env.CI → $ci', ({ env, ci }) => {
    expect(isCI(env)).toBe(ci)
  })

  it('reads the commit from the first CI variable present', () => {
    expect(detectCiCommit({ CIRCLE_SHA1: 'c', GITHUB_SHA: 'g' })).toBe('g')
    expect(detectCiBranch({})).toBeUndefined()
  })
})
