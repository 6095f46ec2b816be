/**
 * `specpact verify --broker` decided before anything runs: which pacts to ask the broker for
 * (its selection, or one pact URL from a webhook), the provider version and branch, and
 * whether results are published. Pure apart from asking git for defaults.
 */
import type { PactUrlVerifierOptions } from '../provider'
import { isCI } from './ci'
import type { BrokerConfig } from './config'
import { readBrokerConfig } from './config'
import { BrokerError } from './errors'
import { assertOnBroker, type ForVerificationRequest } from './pacts-for-verification'
import { brokerVerificationOptions, type ConsumerVersionSelector } from './verification'
import { resolveBranch, resolveVersion, type VersionSources } from './versioning'

export interface BrokerVerifyInput {
  /** Provider name as in the pacts and the broker. */
  provider: string
  /** Verify just this pact (a webhook's `${pactbroker.pactUrl}`) instead of the selection. */
  pactUrl?: string
  /** Default: the full SHA of HEAD, else the CI's commit variable (as for publish). */
  providerVersion?: string
  /** Default: the CI's branch variables, else the checked-out git branch. */
  providerBranch?: string
  /** Default: main branch, deployed or released, and the branch matching the provider's. */
  selectors?: readonly ConsumerVersionSelector[]
  /** Default true. */
  enablePending?: boolean
  includeWipPactsSince?: string
  /** Default: only in CI (the `CI` variable is set). */
  publish?: boolean
  /** Recorded with published results. Default: the CI run's URL where known. */
  buildUrl?: string
}

export type { PactUrlVerifierOptions }

export type BrokerVerifySource =
  | { kind: 'selection'; request: ForVerificationRequest }
  | { kind: 'url'; url: string }

export interface BrokerVerifyPlan {
  config: BrokerConfig
  source: BrokerVerifySource
  /**
   * Never `pactBrokerUrl`: with it the verifier would fetch a selection of its own on top of
   * the pact URLs it is given.
   */
  verifierOptions: PactUrlVerifierOptions
  publish: boolean
  providerVersion: string | undefined
  providerBranch: string | undefined
}

/**
 * @throws BrokerError when the broker is not configured, results are to be published without
 * a provider version, the options contradict each other, or the pact URL is not on the broker.
 */
export function planBrokerVerification(
  input: BrokerVerifyInput,
  sources: VersionSources,
): BrokerVerifyPlan {
  const config = readBrokerConfig(sources.env)
  const providerVersion = versionOrUndefined(input.providerVersion, sources)
  const providerBranch = resolveBranch(input.providerBranch, sources)
  const publish = input.publish ?? isCI(sources.env)
  if (input.pactUrl !== undefined) {
    const given = [
      input.selectors !== undefined ? 'consumer version selectors' : undefined,
      input.enablePending !== undefined ? 'pending' : undefined,
      input.includeWipPactsSince !== undefined ? 'WIP pacts' : undefined,
    ].filter((x) => x !== undefined)
    if (given.length > 0) throw new BrokerError('PACT_URL_WITH_SELECTION', given.join(', '))
    assertOnBroker(input.pactUrl, config)
  }
  // The same defaults and checks as a broker source for the verifier; the URL form has no
  // selection, so none is checked for it.
  const options = brokerVerificationOptions(
    {
      provider: input.provider,
      providerVersion,
      providerBranch,
      selectors: input.pactUrl !== undefined ? [] : input.selectors,
      enablePending: input.enablePending,
      includeWipPactsSince: input.includeWipPactsSince,
      publish,
      buildUrl: input.buildUrl,
    },
    sources.env,
  )
  const verifierOptions: PactUrlVerifierOptions = {}
  for (const key of [
    'pactBrokerToken',
    'pactBrokerUsername',
    'pactBrokerPassword',
    'publishVerificationResult',
    'providerVersion',
    'providerVersionBranch',
    'buildUrl',
  ] as const) {
    if (options[key] !== undefined) Object.assign(verifierOptions, { [key]: options[key] })
  }
  const source: BrokerVerifySource =
    input.pactUrl !== undefined
      ? { kind: 'url', url: input.pactUrl }
      : {
          kind: 'selection',
          request: {
            provider: input.provider,
            consumerVersionSelectors: options.consumerVersionSelectors ?? [],
            includePendingStatus: options.enablePending ?? true,
            ...(options.includeWipPactsSince
              ? { includeWipPactsSince: options.includeWipPactsSince }
              : {}),
            ...(providerBranch !== undefined ? { providerVersionBranch: providerBranch } : {}),
          },
        }
  return { config, source, verifierOptions, publish, providerVersion, providerBranch }
}

/** A version is needed only to publish; brokerVerificationOptions says so when it is missing. */
function versionOrUndefined(explicit: string | undefined, sources: VersionSources) {
  try {
    return resolveVersion(explicit, sources)
  } catch (error) {
    if (error instanceof BrokerError && error.code === 'VERSION_UNKNOWN') return undefined
    throw error
  }
}
