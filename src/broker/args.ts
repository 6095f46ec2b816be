/**
 * Argument lists for `pact broker <subcommand>`: pure functions of fully resolved options. The
 * broker URL and credentials are never arguments (they travel in the child's environment).
 */
import { BrokerError } from './errors'

export interface PublishArgsInput {
  /** Pact files, or directories holding them. */
  paths: readonly string[]
  consumerVersion: string
  branch?: string | undefined
  tags?: readonly string[] | undefined
  buildUrl?: string | undefined
  /** Merge with a pact already published for this version instead of replacing it. */
  merge?: boolean | undefined
}

export function publishArgs(input: PublishArgsInput): string[] {
  const args = ['--consumer-app-version', input.consumerVersion]
  if (input.branch) args.push('--branch', input.branch)
  const tags = input.tags ?? []
  const withComma = tags.find((t) => t.includes(','))
  if (withComma !== undefined) throw new BrokerError('INVALID_TAG', withComma)
  // This CLI accepts --tag only once and splits its value on commas; `=` keeps the value from
  // being read as the start of the file list.
  if (tags.length > 0) args.push(`--tag=${tags.join(',')}`)
  if (input.buildUrl) args.push('--build-url', input.buildUrl)
  if (input.merge) args.push('--merge')
  // `--` ends the options, so a path that starts with `-` is still a path.
  return [...args, '--', ...input.paths]
}

export interface CanIDeployArgsInput {
  pacticipant: string
  version: string
  toEnvironment: string
  /** Times to poll while verification results are still unknown. */
  retryWhileUnknown?: number | undefined
  /** Seconds between polls (the CLI's default is 5). */
  retryInterval?: number | undefined
}

export function canIDeployArgs(input: CanIDeployArgsInput): string[] {
  // The CLI re-reads its raw argv to pair each --pacticipant with the --version that follows:
  // they must be separate words, in this order, never `--pacticipant=…`.
  const args = [
    '--pacticipant',
    input.pacticipant,
    '--version',
    input.version,
    '--to-environment',
    input.toEnvironment,
  ]
  if (input.retryWhileUnknown !== undefined) {
    args.push('--retry-while-unknown', String(nonNegativeInteger(input.retryWhileUnknown)))
  }
  if (input.retryInterval !== undefined) {
    args.push('--retry-interval', String(nonNegativeInteger(input.retryInterval)))
  }
  return args
}

export interface RecordDeploymentArgsInput {
  pacticipant: string
  version: string
  environment: string
  /** Tells apart several instances of one application deployed to the same environment. */
  applicationInstance?: string | undefined
}

export function recordDeploymentArgs(input: RecordDeploymentArgsInput): string[] {
  const args = [
    '--pacticipant',
    input.pacticipant,
    '--version',
    input.version,
    '--environment',
    input.environment,
  ]
  if (input.applicationInstance) args.push('--application-instance', input.applicationInstance)
  return args
}

export interface CreateEnvironmentArgsInput {
  /** The name used in deployment commands, e.g. `production`. */
  name: string
  displayName?: string | undefined
  production?: boolean | undefined
}

export function createEnvironmentArgs(input: CreateEnvironmentArgsInput): string[] {
  const args = ['--name', input.name]
  if (input.displayName) args.push('--display-name', input.displayName)
  if (input.production) args.push('--production')
  return args
}

function nonNegativeInteger(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}
