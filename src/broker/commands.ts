/**
 * The broker workflow as typed functions over the real `pact broker` CLI: publish pacts, ask
 * can-i-deploy, record deployments, create environments.
 *
 * Misconfiguration (no PACT_BROKER_BASE_URL, no version to be found, …) throws `BrokerError`
 * before anything runs. Everything the CLI does, failures included, comes back as a
 * `BrokerCommandResult`: a release pipeline exits with `result.exitCode`.
 */
import {
  type CanIDeployArgsInput,
  type CreateEnvironmentArgsInput,
  canIDeployArgs,
  createEnvironmentArgs,
  publishArgs,
  type RecordDeploymentArgsInput,
  recordDeploymentArgs,
} from './args'
import { readBrokerConfig } from './config'
import { BrokerError } from './errors'
import { type BrokerCommandResult, type BrokerRuntime, runBrokerCommand } from './run'
import {
  defaultGitRunner,
  resolveBranch,
  resolveBuildUrl,
  resolveVersion,
  type VersionSources,
} from './versioning'

/** Where the pacts are: a directory (every `*.json` in it) or a list of files. */
export type PactSource = { pactDir: string } | { files: readonly string[] }

export type PublishOptions = PactSource & {
  /** Default: the full SHA of HEAD, else the CI's commit variable. */
  consumerVersion?: string
  /** Default: the CI's branch variables, else the checked-out git branch. */
  branch?: string
  tags?: readonly string[]
  /** Default: the CI run's URL where the CI system is known. */
  buildUrl?: string
  merge?: boolean
}

export interface PublishResult extends BrokerCommandResult {
  /** The values actually published, defaults resolved. */
  consumerVersion: string
  branch: string | undefined
  tags: readonly string[]
  buildUrl: string | undefined
}

/** `pact broker publish`: records the consumer version (branch, tags, build URL) and its pacts. */
export async function publish(
  options: PublishOptions,
  runtime: BrokerRuntime = {},
): Promise<PublishResult> {
  const sources = versionSources(runtime)
  const paths = 'pactDir' in options ? [options.pactDir] : [...options.files]
  if (paths.length === 0) throw new BrokerError('NO_PACT_FILES')
  const consumerVersion = resolveVersion(options.consumerVersion, sources)
  const branch = resolveBranch(options.branch, sources)
  const buildUrl = resolveBuildUrl(options.buildUrl, sources.env)
  const tags = options.tags ?? []
  const args = publishArgs({ paths, consumerVersion, branch, tags, buildUrl, merge: options.merge })
  const result = await runBrokerCommand('publish', args, runtime)
  return { ...result, consumerVersion, branch, tags, buildUrl }
}

export type CanIDeployOptions = Omit<CanIDeployArgsInput, 'version'> & {
  /** Default: the full SHA of HEAD, else the CI's commit variable. */
  version?: string
}

export interface CanIDeployResult extends BrokerCommandResult {
  version: string
  /**
   * `deployable` exactly when the exit code is 0; `not-deployable` when the broker answered
   * no (or unknown: results missing); `error` when the question could not be asked.
   */
  decision: 'deployable' | 'not-deployable' | 'error'
}

/** `pact broker can-i-deploy`: exit code 0 means yes, 1 means no (or the broker failed). */
export async function canIDeploy(
  options: CanIDeployOptions,
  runtime: BrokerRuntime = {},
): Promise<CanIDeployResult> {
  const sources = versionSources(runtime)
  const version = resolveVersion(options.version, sources)
  // Polling while results are unknown is waiting the user asked for, on top of the limit.
  const polling = (options.retryWhileUnknown ?? 0) * (options.retryInterval ?? 10) * 1000
  const timeoutMs = runtime.timeoutMs ?? readBrokerConfig(sources.env).timeoutMs + polling
  const result = await runBrokerCommand('can-i-deploy', canIDeployArgs({ ...options, version }), {
    ...runtime,
    timeoutMs,
  })
  // The CLI says "Computer says no" after an answer it could not read, too: that is no answer.
  const decision = result.ok
    ? 'deployable'
    : result.failure === undefined && /Computer says no/.test(result.stdout)
      ? 'not-deployable'
      : 'error'
  return { ...result, version, decision }
}

export type RecordDeploymentOptions = Omit<RecordDeploymentArgsInput, 'version'> & {
  /** Default: the full SHA of HEAD, else the CI's commit variable. */
  version?: string
}

export interface RecordDeploymentResult extends BrokerCommandResult {
  version: string
}

/** `pact broker record-deployment`: the version now runs in the environment. */
export async function recordDeployment(
  options: RecordDeploymentOptions,
  runtime: BrokerRuntime = {},
): Promise<RecordDeploymentResult> {
  const sources = versionSources(runtime)
  const version = resolveVersion(options.version, sources)
  const result = await runBrokerCommand(
    'record-deployment',
    recordDeploymentArgs({ ...options, version }),
    runtime,
  )
  return { ...result, version }
}

export type CreateEnvironmentOptions = CreateEnvironmentArgsInput

/** `pact broker create-environment`. Fails (exit code 1) when the name is taken. */
export async function createEnvironment(
  options: CreateEnvironmentOptions,
  runtime: BrokerRuntime = {},
): Promise<BrokerCommandResult> {
  readBrokerConfig(runtime.env ?? process.env)
  return runBrokerCommand('create-environment', createEnvironmentArgs(options), runtime)
}

/** Also checks the broker configuration first, so that misconfiguration is reported first. */
function versionSources(runtime: BrokerRuntime): VersionSources {
  const env = runtime.env ?? process.env
  readBrokerConfig(env)
  return { env, git: runtime.git ?? defaultGitRunner(runtime.cwd) }
}
