/**
 * Defaults for the version, branch and build URL a pacticipant version is recorded with:
 * explicit values first, then git and the CI system's variables.
 */
import { execFileSync } from 'node:child_process'
import { detectCiBranch, detectCiBuildUrl, detectCiCommit } from './ci'
import type { Env } from './config'
import { BrokerError } from './errors'

/** Runs `git <args>` and returns its trimmed stdout, or undefined when git fails. */
export type GitRunner = (args: readonly string[]) => string | undefined

export function defaultGitRunner(cwd?: string): GitRunner {
  return (args) => {
    try {
      const out = execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 10_000,
      })
      return out.trim() || undefined
    } catch {
      return undefined
    }
  }
}

export interface VersionSources {
  env: Env
  git: GitRunner
}

/**
 * The version: explicit, else the full commit SHA of HEAD, else the CI's commit variable.
 * The full SHA (not the short one) because it is unique for ever, it is what the pact CLI's
 * `--auto-detect-version-properties` and the CI variables (GITHUB_SHA, …) give, so a consumer
 * and a provider pipeline name the same commit the same way.
 */
export function resolveVersion(explicit: string | undefined, sources: VersionSources): string {
  const version =
    nonEmpty(explicit) ?? sources.git(['rev-parse', 'HEAD']) ?? detectCiCommit(sources.env)
  if (version === undefined) throw new BrokerError('VERSION_UNKNOWN')
  return version
}

/**
 * The branch: explicit, else the CI's branch variables, else `git rev-parse --abbrev-ref HEAD`.
 * CI variables come before git because CI checkouts are usually detached (git then answers
 * `HEAD`, which is no branch). Undefined when nothing names a branch.
 */
export function resolveBranch(
  explicit: string | undefined,
  sources: VersionSources,
): string | undefined {
  const fromGit = () => {
    const b = sources.git(['rev-parse', '--abbrev-ref', 'HEAD'])
    return b === 'HEAD' ? undefined : b
  }
  return nonEmpty(explicit) ?? detectCiBranch(sources.env) ?? fromGit()
}

export function resolveBuildUrl(explicit: string | undefined, env: Env): string | undefined {
  return nonEmpty(explicit) ?? detectCiBuildUrl(env)
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim()
  return t ? t : undefined
}
