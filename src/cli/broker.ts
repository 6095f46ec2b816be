/** `publish`, `can-i-deploy`, `record-deployment`, `create-environment`: thin, secret-free. */

import type { BrokerCommandResult } from '../broker'
import { configPath, loadConfig } from '../config'
import { UserError } from './errors'
import type { GlobalOptions } from './main'

async function broker() {
  const module = await import('../broker')
  return module
}

/** Prints a CLI result (already redacted) and returns its exit code for the pipeline. */
function relay(result: BrokerCommandResult): number {
  if (result.stdout)
    process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`)
  if (result.stderr)
    process.stderr.write(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`)
  return result.exitCode
}

async function guarded(run: () => Promise<BrokerCommandResult>): Promise<number> {
  const { BrokerError } = await broker()
  try {
    return relay(await run())
  } catch (error) {
    if (error instanceof BrokerError)
      throw new UserError('broker-failed', error.message, { cause: error })
    throw error
  }
}

export interface PublishCliOptions extends GlobalOptions {
  consumerVersion?: string
  branch?: string
  tag?: string[]
  buildUrl?: string
}

export async function runPublish(sources: string[], options: PublishCliOptions): Promise<number> {
  const { publish } = await broker()
  const config = loadConfig({ file: options.config })
  const pactDir = sources[0] ?? configPath(config, config.pacts)
  return guarded(() =>
    publish({
      pactDir,
      consumerVersion: options.consumerVersion,
      branch: options.branch,
      tags: options.tag,
      buildUrl: options.buildUrl,
    }),
  )
}

export async function runCanIDeploy(options: {
  pacticipant: string
  version?: string
  toEnvironment: string
  retryWhileUnknown?: string
  retryInterval?: string
}): Promise<number> {
  const { canIDeploy } = await broker()
  return guarded(() =>
    canIDeploy({
      pacticipant: options.pacticipant,
      version: options.version,
      toEnvironment: options.toEnvironment,
      retryWhileUnknown: options.retryWhileUnknown ? Number(options.retryWhileUnknown) : undefined,
      retryInterval: options.retryInterval ? Number(options.retryInterval) : undefined,
    }),
  )
}

export async function runRecordDeployment(options: {
  pacticipant: string
  version?: string
  environment: string
}) {
  const { recordDeployment } = await broker()
  return guarded(() => recordDeployment(options))
}

export async function runCreateEnvironment(options: { name: string; production?: boolean }) {
  const { createEnvironment } = await broker()
  return guarded(() => createEnvironment(options))
}
