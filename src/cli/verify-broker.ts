/**
 * `specpact verify --broker`: the pacts come from the Pact Broker — its selection for the
 * provider (consumer version selectors, pending and WIP pacts) or one pact URL from a webhook
 * — and results are published when asked (`--publish`, or in CI).
 */
import { z } from 'zod'
import {
  BrokerError,
  brokerSecrets,
  defaultGitRunner,
  type Env,
  fetchPactAtUrl,
  fetchPactsForVerification,
  missingResults,
  planBrokerVerification,
  redact,
} from '../broker'
import type { StateSource } from '../provider'
import { verifyRemotePacts } from '../provider/remote'
import { formatBrokerVerification } from '../report/broker-verification'
import { UsageError, UserError } from './errors'

export interface BrokerVerifyCliOptions {
  broker?: boolean
  pactUrl?: string
  providerVersion?: string
  providerBranch?: string
  /** `--publish` true, `--no-publish` false, neither: publish in CI. */
  publish?: boolean
  /** JSON objects, e.g. `{"mainBranch": true}`. */
  consumerVersionSelector?: string[]
  /** `--no-pending` sets false. */
  pending?: boolean
  includeWipPactsSince?: string
  buildUrl?: string
  shard?: string
}

/** What `runVerify` has set up: the provider and how its states are set up. */
export interface ProviderUnderTest {
  provider: string
  providerBaseUrl: string
  states: StateSource
  variables: Readonly<Record<string, string>>
  tokens: Readonly<Record<string, string>>
  /** --request-timeout and --state-timeout, as for pact files. */
  requestTimeoutMs?: number
  stateTimeoutMs?: number
}

const SelectorSchema = z.strictObject({
  mainBranch: z.boolean().optional(),
  branch: z.string().min(1).optional(),
  matchingBranch: z.boolean().optional(),
  deployedOrReleased: z.boolean().optional(),
  deployed: z.boolean().optional(),
  released: z.boolean().optional(),
  environment: z.string().min(1).optional(),
  latest: z.boolean().optional(),
  tag: z.string().min(1).optional(),
  fallbackTag: z.string().min(1).optional(),
  consumer: z.string().min(1).optional(),
})

const BROKER_ONLY = [
  ['pactUrl', '--pact-url'],
  ['providerVersion', '--provider-version'],
  ['providerBranch', '--provider-branch'],
  ['publish', '--publish/--no-publish'],
  ['consumerVersionSelector', '--consumer-version-selector'],
  ['includeWipPactsSince', '--include-wip-pacts-since'],
  ['buildUrl', '--build-url'],
] as const

/** Usage mistakes, found before anything starts. */
export function checkBrokerUsage(sources: readonly string[], options: BrokerVerifyCliOptions) {
  if (!options.broker) {
    const given: string[] = BROKER_ONLY.filter(([key]) => options[key] !== undefined).map(
      ([, flag]) => flag,
    )
    if (options.pending === false) given.push('--no-pending')
    if (given.length > 0)
      throw new UsageError('option-invalid', `${given.join(', ')} only apply with --broker`)
    return
  }
  if (sources.length > 0) {
    throw new UsageError(
      'option-invalid',
      `--broker takes the pacts from the broker: give no pact files (got ${sources.join(', ')})`,
    )
  }
  if (options.shard) {
    throw new UsageError(
      'option-invalid',
      '--shard cannot be combined with --broker: the result of a part of a pact would be published as the result of the whole pact',
    )
  }
  parseSelectors(options.consumerVersionSelector)
}

function parseSelectors(texts: readonly string[] | undefined) {
  if (texts === undefined) return undefined
  return texts.map((text) => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new UsageError(
        'option-invalid',
        `--consumer-version-selector must be a JSON object, e.g. '{"mainBranch": true}', got ${text}`,
      )
    }
    const parsed = SelectorSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new UsageError(
        'option-invalid',
        `--consumer-version-selector ${text}: ${issue?.path.join('.') || 'selector'}: ${issue?.message}`,
      )
    }
    return parsed.data
  })
}

/** Verifies the broker's pacts; the exit code is 1 when a pact that is not pending failed. */
export async function verifyFromBroker(
  options: BrokerVerifyCliOptions,
  target: ProviderUnderTest,
  env: Env = process.env,
): Promise<number> {
  let secrets: string[] = Object.values(target.tokens)
  try {
    const plan = planBrokerVerification(
      {
        provider: target.provider,
        pactUrl: options.pactUrl,
        providerVersion: options.providerVersion,
        providerBranch: options.providerBranch,
        selectors: parseSelectors(options.consumerVersionSelector),
        enablePending: options.pending === false ? false : undefined,
        includeWipPactsSince: options.includeWipPactsSince,
        publish: options.publish,
        buildUrl: options.buildUrl,
      },
      { env, git: defaultGitRunner() },
    )
    secrets = [...secrets, ...brokerSecrets(plan.config)]
    const pacts =
      plan.source.kind === 'url'
        ? [await fetchPactAtUrl(plan.source.url, plan.config)]
        : await fetchPactsForVerification(plan.source.request, plan.config)
    if (pacts.length === 0) {
      const selectors = JSON.stringify(
        plan.source.kind === 'selection' ? plan.source.request.consumerVersionSelectors : [],
      )
      throw new UserError(
        'verification-failed',
        `the broker selected no pacts for provider "${target.provider}" (selectors ${selectors}); verifying nothing is not a pass`,
      )
    }
    process.stderr.write(
      `verifying ${pacts.length} pact(s) from ${plan.config.baseUrl} as ${target.provider} ${plan.providerVersion ?? '(no version)'}${plan.providerBranch ? ` on branch ${plan.providerBranch}` : ''}\n`,
    )
    const result = await verifyRemotePacts({
      ...target,
      pacts,
      verifier: plan.verifierOptions,
      brokerTimeoutMs: plan.config.timeoutMs,
    })
    // The verifier only logs a refused publication; a result the broker lacks fails the run.
    // Read back before the summary, so that it says what the broker holds.
    const missing =
      plan.publish && plan.providerVersion !== undefined
        ? await missingResults(pacts, plan.providerVersion, plan.config)
        : []
    const text = formatBrokerVerification(result, { ...plan, missing: missing.length })
    process.stdout.write(`${redact(text, secrets)}\n`)
    if (missing.length > 0) {
      const logOf = (url: string) => result.pacts.find((p) => p.url === url)?.publishLog ?? []
      const list = missing
        .map((m) =>
          [`  ${m.url}: ${m.why}`, ...logOf(m.url).map((l) => `    the verifier: ${l}`)].join('\n'),
        )
        .join('\n')
      process.stderr.write(
        redact(
          `specpact: publishing failed: the broker holds no result from ${target.provider} ${plan.providerVersion} for ${missing.length} of ${pacts.length} pact(s):\n${list}\n`,
          secrets,
        ),
      )
      return 1
    }
    return result.ok ? 0 : 1
  } catch (error) {
    if (error instanceof BrokerError) {
      throw new UserError('broker-failed', redact(error.message, secrets), { cause: error })
    }
    if (error instanceof UserError) {
      const subject = { ...error.subject, cause: error }
      throw new UserError(error.code, redact(error.message, secrets), subject)
    }
    throw error
  }
}
