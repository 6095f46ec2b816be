/**
 * The Pact Broker workflow: publish pacts, verify from the broker, can-i-deploy, record
 * deployments, environments — through the official `pact broker` CLI
 * (@pact-foundation/pact-cli), except the read of the pacts to verify, made over HTTP as
 * the pact-js verifier makes it. Configuration comes only from PACT_BROKER_BASE_URL and
 * PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD.
 *
 * @example
 * const result = await canIDeploy({ pacticipant: 'communication-ui', toEnvironment: 'production' })
 * process.stdout.write(result.stdout)
 * process.exitCode = result.exitCode // 0: yes, 1: no
 */
export type {
  CanIDeployArgsInput,
  CreateEnvironmentArgsInput,
  PublishArgsInput,
  RecordDeploymentArgsInput,
} from './args'
export {
  canIDeployArgs,
  createEnvironmentArgs,
  publishArgs,
  recordDeploymentArgs,
} from './args'
export { pactCliPath } from './binary'
export { detectCiBranch, detectCiBuildUrl, detectCiCommit, isCI } from './ci'
export type {
  CanIDeployOptions,
  CanIDeployResult,
  CreateEnvironmentOptions,
  PactSource,
  PublishOptions,
  PublishResult,
  RecordDeploymentOptions,
  RecordDeploymentResult,
} from './commands'
export { canIDeploy, createEnvironment, publish, recordDeployment } from './commands'
export type { BrokerAuth, BrokerConfig, Env } from './config'
export { brokerChildEnv, brokerSecrets, readBrokerConfig } from './config'
export type { BrokerErrorCode } from './errors'
export { BROKER_ERRORS, BrokerError } from './errors'
export type { BrokerPact, ForVerificationRequest } from './pacts-for-verification'
export {
  assertOnBroker,
  brokerHttp,
  fetchPactAtUrl,
  fetchPactsForVerification,
} from './pacts-for-verification'
export type { MissingResult } from './published'
export { missingResults } from './published'
export { REDACTED, redact } from './redact'
export type { BrokerCommandResult, BrokerRuntime, CliLogLevel } from './run'
export { runBrokerCommand } from './run'
export type {
  BrokerVerificationInput,
  BrokerVerifierOptions,
  ConsumerVersionSelector,
} from './verification'
export { brokerVerificationOptions, DEFAULT_CONSUMER_VERSION_SELECTORS } from './verification'
export type {
  BrokerVerifyInput,
  BrokerVerifyPlan,
  BrokerVerifySource,
  PactUrlVerifierOptions,
} from './verify-plan'
export { planBrokerVerification } from './verify-plan'
export type { GitRunner, VersionSources } from './versioning'
export { defaultGitRunner, resolveBranch, resolveBuildUrl, resolveVersion } from './versioning'
