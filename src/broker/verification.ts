/**
 * The broker half of a pact-js `Verifier` configuration: where the pacts come from (consumer
 * version selectors, pending and WIP pacts) and where results go. Pure: everything comes from
 * the arguments and the given environment.
 */
import type { VerifierOptions } from '@pact-foundation/pact'
import { detectCiBranch, detectCiBuildUrl, detectCiCommit, isCI } from './ci'
import { type Env, readBrokerConfig } from './config'
import { BrokerError } from './errors'

export type ConsumerVersionSelector = NonNullable<
  VerifierOptions['consumerVersionSelectors']
>[number]

/**
 * Pact's recommended selectors: the consumers' main branches, whatever is deployed or released,
 * and the consumer branch named like the provider's branch (for features built on both sides).
 */
export const DEFAULT_CONSUMER_VERSION_SELECTORS: readonly ConsumerVersionSelector[] = [
  { mainBranch: true },
  { deployedOrReleased: true },
  { matchingBranch: true },
]

export interface BrokerVerificationInput {
  /** Provider name as in the pacts and the broker. */
  provider: string
  /** Default: the CI's commit variable (GITHUB_SHA, CI_COMMIT_SHA, …). */
  providerVersion?: string
  /** Default: the CI's branch variables. */
  providerBranch?: string
  /** Default: `DEFAULT_CONSUMER_VERSION_SELECTORS` (without matchingBranch if no branch). */
  selectors?: readonly ConsumerVersionSelector[]
  /** Pending pacts: a new pact's failure does not fail the provider build. Default true. */
  enablePending?: boolean
  /** Also verify work-in-progress pacts published since this date (e.g. `2024-01-01`). */
  includeWipPactsSince?: string
  /** Publish results to the broker. Default: only in CI (the `CI` variable is set). */
  publish?: boolean
  /** Recorded with published results. Default: the CI run's URL where known. */
  buildUrl?: string
}

export type BrokerVerifierOptions = Pick<
  VerifierOptions,
  | 'provider'
  | 'pactBrokerUrl'
  | 'pactBrokerToken'
  | 'pactBrokerUsername'
  | 'pactBrokerPassword'
  | 'consumerVersionSelectors'
  | 'enablePending'
  | 'includeWipPactsSince'
  | 'publishVerificationResult'
  | 'providerVersion'
  | 'providerVersionBranch'
  | 'buildUrl'
>

/**
 * Builds the broker options for `new Verifier({ providerBaseUrl, ...fragment, ... })`.
 * Keys without a value are left out rather than set to undefined: pact-core validates every
 * key present (e.g. `publishVerificationResult` requires `providerVersion`).
 *
 * @throws BrokerError when the broker is not configured or the options contradict each other.
 */
export function brokerVerificationOptions(
  input: BrokerVerificationInput,
  env: Env = process.env,
): BrokerVerifierOptions {
  const config = readBrokerConfig(env)
  const providerVersion = nonEmpty(input.providerVersion) ?? detectCiCommit(env)
  const providerBranch = nonEmpty(input.providerBranch) ?? detectCiBranch(env)
  const publish = input.publish ?? isCI(env)
  const enablePending = input.enablePending ?? true

  if (publish && providerVersion === undefined) throw new BrokerError('PROVIDER_VERSION_REQUIRED')
  if (input.includeWipPactsSince && !enablePending) throw new BrokerError('WIP_WITHOUT_PENDING')
  const selectors = (input.selectors ?? defaultSelectors(providerBranch)).map((s) => ({ ...s }))
  if (providerBranch === undefined && selectors.some((s) => s.matchingBranch)) {
    throw new BrokerError('MATCHING_BRANCH_WITHOUT_BRANCH')
  }

  const options: BrokerVerifierOptions = {
    provider: input.provider,
    pactBrokerUrl: config.baseUrl,
    consumerVersionSelectors: selectors,
    enablePending,
  }
  if (config.auth.kind === 'token') options.pactBrokerToken = config.auth.token
  if (config.auth.kind === 'basic') {
    options.pactBrokerUsername = config.auth.username
    options.pactBrokerPassword = config.auth.password
  }
  if (input.includeWipPactsSince) options.includeWipPactsSince = input.includeWipPactsSince
  if (providerVersion !== undefined) {
    options.providerVersion = providerVersion
    options.publishVerificationResult = publish
  }
  if (providerBranch !== undefined) options.providerVersionBranch = providerBranch
  const buildUrl = publish ? (nonEmpty(input.buildUrl) ?? detectCiBuildUrl(env)) : undefined
  if (buildUrl !== undefined) options.buildUrl = buildUrl
  return options
}

function defaultSelectors(branch: string | undefined): ConsumerVersionSelector[] {
  return DEFAULT_CONSUMER_VERSION_SELECTORS.filter(
    (s) => branch !== undefined || !s.matchingBranch,
  ).map((s) => ({ ...s }))
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim()
  return t ? t : undefined
}
