/**
 * Errors raised before the `pact` CLI can run: misconfiguration, missing defaults, a missing
 * binary. What the CLI itself reports (a failed publish, can-i-deploy saying no) is never an
 * error here but data: see `BrokerCommandResult`.
 */

export const BROKER_ERRORS = {
  BROKER_URL_MISSING: {
    title: 'No Pact Broker configured',
    hint: 'Set PACT_BROKER_BASE_URL to the broker (e.g. https://your-org.pactflow.io), with PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD.',
  },
  BROKER_URL_INVALID: {
    title: 'PACT_BROKER_BASE_URL is not an http(s) URL',
    hint: 'Use the broker base URL, e.g. https://broker.example.com',
  },
  BROKER_CREDENTIALS_INCOMPLETE: {
    title: 'Incomplete Pact Broker basic-auth credentials',
    hint: 'Set both PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD (or PACT_BROKER_TOKEN instead).',
  },
  BROKER_TIMEOUT_INVALID: {
    title: 'SPECPACT_BROKER_TIMEOUT is not a number of seconds',
    hint: 'Set it to how long to wait for the Pact Broker, in seconds (e.g. 120), or unset it for the default.',
  },
  VERSION_UNKNOWN: {
    title: 'Could not determine the application version',
    hint: 'Pass the version explicitly, or run inside a git checkout (the default is the commit SHA).',
  },
  PROVIDER_VERSION_REQUIRED: {
    title: 'Publishing verification results needs a provider version',
    hint: 'Pass providerVersion (e.g. the commit SHA), or disable publishing.',
  },
  MATCHING_BRANCH_WITHOUT_BRANCH: {
    title: 'The matchingBranch selector needs the provider branch',
    hint: 'Pass providerBranch, or run in CI where the branch is detected.',
  },
  WIP_WITHOUT_PENDING: {
    title: 'Work-in-progress pacts need pending pacts',
    hint: 'Keep enablePending on when includeWipPactsSince is set: WIP pacts are verified as pending.',
  },
  PACT_URL_NOT_ON_BROKER: {
    title: 'The pact URL is not on the configured Pact Broker',
    hint: 'Pass a pact URL the broker gave (e.g. the webhook payload of contract_requiring_verification_published): the broker credentials are only ever sent to PACT_BROKER_BASE_URL.',
  },
  PACT_URL_WITH_SELECTION: {
    title: 'A pact URL is verified on its own: selection options do not apply to it',
    hint: 'Drop the consumer version selectors, pending and WIP options when passing a pact URL, or drop the pact URL to verify the selection.',
  },
  BROKER_REQUEST_FAILED: {
    title: 'The Pact Broker request failed',
    hint: 'Check PACT_BROKER_BASE_URL and the credentials (PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD).',
  },
  BROKER_UNAVAILABLE: {
    title: 'The Pact Broker is unavailable',
    hint: 'It answered a server error, or nothing in time: try again later, or check the broker and any proxy in front of it (SPECPACT_BROKER_TIMEOUT sets how long to wait).',
  },
  BROKER_UNEXPECTED_RESPONSE: {
    title: 'The Pact Broker answered something unexpected',
    hint: 'Check that PACT_BROKER_BASE_URL is the broker itself (Pact Broker 2.x or PactFlow), not a page in front of it.',
  },
  NO_PACT_FILES: {
    title: 'No pact files to publish',
    hint: 'Pass a pact directory or at least one pact file.',
  },
  INVALID_TAG: {
    title: 'A tag contains a comma',
    hint: 'The pact CLI splits tags on commas; use tags without commas.',
  },
  PACT_CLI_NOT_FOUND: {
    title: 'The pact CLI binary was not found',
    hint: 'Reinstall dependencies without --omit=optional: the binary comes from @pact-foundation/pact-cli-<os>-<arch>.',
  },
  PACT_CLI_FAILED_TO_START: {
    title: 'The pact CLI could not be started',
    hint: 'Check that the binary exists and is executable.',
  },
} as const satisfies Record<string, { title: string; hint: string }>

export type BrokerErrorCode = keyof typeof BROKER_ERRORS

export class BrokerError extends Error {
  override readonly name = 'BrokerError'
  readonly code: BrokerErrorCode
  readonly hint: string

  /** `detail` must already be free of secrets: it becomes part of the message. */
  constructor(code: BrokerErrorCode, detail?: string, options?: { cause?: unknown }) {
    const { title, hint } = BROKER_ERRORS[code]
    super(`${title}${detail ? `: ${detail}` : ''}. ${hint}`, options)
    this.code = code
    this.hint = hint
  }
}
