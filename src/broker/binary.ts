/**
 * Where the official `pact` binary is (src/shared/pact-cli.ts), as a broker error when it
 * cannot be found.
 */
import { findPactCli } from '../shared/pact-cli'
import { BrokerError } from './errors'

export function pactCliPath(): string {
  try {
    return findPactCli()
  } catch (error) {
    throw new BrokerError(
      'PACT_CLI_NOT_FOUND',
      error instanceof Error ? error.message : String(error),
      {
        cause: error,
      },
    )
  }
}
