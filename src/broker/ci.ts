/**
 * What CI systems tell a build about itself: branch, commit and build URL. Pure functions of
 * an environment, table-driven so that adding a CI system is adding a row.
 */
import type { Env } from './config'

interface BranchSource {
  ci: string
  /** Variables in order of preference; the first non-empty one wins. */
  vars: string[]
  /** Variables that name a tag rather than a branch on tag builds: skipped then. */
  tagBuild?: { vars: string[]; when: (env: Env) => boolean }
}

/**
 * Branch variables. Pull/merge-request variables come first: on a PR build the checkout is a
 * detached merge commit and the "ref" variables name the merge ref (e.g. `123/merge`), while
 * pacts and verification results belong to the source branch.
 */
const BRANCH_SOURCES: BranchSource[] = [
  {
    ci: 'GitHub Actions',
    vars: ['GITHUB_HEAD_REF', 'GITHUB_REF_NAME'],
    tagBuild: { vars: ['GITHUB_REF_NAME'], when: (env) => env.GITHUB_REF_TYPE === 'tag' },
  },
  {
    ci: 'GitLab CI',
    vars: ['CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', 'CI_COMMIT_REF_NAME'],
    tagBuild: {
      vars: ['CI_COMMIT_REF_NAME'],
      when: (env) => get(env, 'CI_COMMIT_TAG') !== undefined,
    },
  },
  { ci: 'Jenkins', vars: ['CHANGE_BRANCH', 'BRANCH_NAME', 'GIT_BRANCH'] },
  { ci: 'Buildkite', vars: ['BUILDKITE_BRANCH'] },
  { ci: 'CircleCI', vars: ['CIRCLE_BRANCH'] },
  { ci: 'Bitbucket Pipelines', vars: ['BITBUCKET_BRANCH'] },
  { ci: 'Travis CI', vars: ['TRAVIS_PULL_REQUEST_BRANCH', 'TRAVIS_BRANCH'] },
  { ci: 'Azure Pipelines', vars: ['SYSTEM_PULLREQUEST_SOURCEBRANCH', 'BUILD_SOURCEBRANCH'] },
  { ci: 'AppVeyor', vars: ['APPVEYOR_PULL_REQUEST_HEAD_REPO_BRANCH', 'APPVEYOR_REPO_BRANCH'] },
]

const COMMIT_VARS = [
  'GITHUB_SHA',
  'CI_COMMIT_SHA',
  'GIT_COMMIT',
  'BUILDKITE_COMMIT',
  'CIRCLE_SHA1',
  'BITBUCKET_COMMIT',
  'TRAVIS_COMMIT',
  'BUILD_SOURCEVERSION',
  'APPVEYOR_REPO_COMMIT',
]

const BUILD_URL_SOURCES: { ci: string; url: (env: Env) => string | undefined }[] = [
  {
    ci: 'GitHub Actions',
    url: (env) =>
      all(env, 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID')
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  },
  { ci: 'GitLab CI', url: (env) => get(env, 'CI_JOB_URL') ?? get(env, 'CI_PIPELINE_URL') },
  { ci: 'Jenkins', url: (env) => get(env, 'BUILD_URL') },
  { ci: 'Buildkite', url: (env) => get(env, 'BUILDKITE_BUILD_URL') },
  { ci: 'CircleCI', url: (env) => get(env, 'CIRCLE_BUILD_URL') },
  { ci: 'Travis CI', url: (env) => get(env, 'TRAVIS_BUILD_WEB_URL') },
  {
    ci: 'Bitbucket Pipelines',
    url: (env) =>
      all(env, 'BITBUCKET_REPO_FULL_NAME', 'BITBUCKET_BUILD_NUMBER')
        ? `https://bitbucket.org/${env.BITBUCKET_REPO_FULL_NAME}/addon/pipelines/home#!/results/${env.BITBUCKET_BUILD_NUMBER}`
        : undefined,
  },
  {
    ci: 'Azure Pipelines',
    url: (env) =>
      all(env, 'SYSTEM_TEAMFOUNDATIONCOLLECTIONURI', 'SYSTEM_TEAMPROJECT', 'BUILD_BUILDID')
        ? `${env.SYSTEM_TEAMFOUNDATIONCOLLECTIONURI}${env.SYSTEM_TEAMPROJECT}/_build/results?buildId=${env.BUILD_BUILDID}`
        : undefined,
  },
]

/** True when running in CI: the `CI` variable that every major CI system sets. */
export function isCI(env: Env): boolean {
  const ci = env.CI?.trim().toLowerCase()
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false'
}

/** The branch the CI system says it is building, without `refs/heads/` or `origin/`. */
export function detectCiBranch(env: Env): string | undefined {
  for (const source of BRANCH_SOURCES) {
    const skipped = source.tagBuild?.when(env) ? source.tagBuild.vars : []
    for (const name of source.vars) {
      if (skipped.includes(name)) continue
      const v = get(env, name)
      if (v !== undefined) return v.replace(/^refs\/heads\//, '').replace(/^origin\//, '')
    }
  }
  return undefined
}

export function detectCiCommit(env: Env): string | undefined {
  for (const name of COMMIT_VARS) {
    const v = get(env, name)
    if (v !== undefined) return v
  }
  return undefined
}

export function detectCiBuildUrl(env: Env): string | undefined {
  for (const source of BUILD_URL_SOURCES) {
    const url = source.url(env)
    if (url) return url
  }
  return undefined
}

function get(env: Env, name: string): string | undefined {
  const v = env[name]?.trim()
  return v ? v : undefined
}

function all(env: Env, ...names: string[]): boolean {
  return names.every((n) => get(env, n) !== undefined)
}
