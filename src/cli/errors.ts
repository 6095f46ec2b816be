/**
 * The CLI's edge: the one error model of specpact (src/shared/errors.ts) turned into exit
 * statuses and messages.
 */
import { CommanderError } from 'commander'
import { EXIT, errnoCode, SpecpactError } from '../shared'

export { EXIT, UsageError, UserError } from '../shared'

/**
 * `specpact help verify | head -1`: once the reader has gone, the rest of the output has
 * nobody to read it. That is not an error of the command; stop quietly with its status.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream) {
  stream.on('error', (error) => {
    if (errnoCode(error) === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok)
    throw error
  })
}

/** The CLI's one error switch: on the class, never on a name or a message. */
export function report(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT.ok
    if (error.code === 'commander.help') return EXIT.ok
    return EXIT.usage
  }
  if (error instanceof SpecpactError) {
    process.stderr.write(`specpact: ${error.code}: ${error.message}\n`)
    return error.exitStatus
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`specpact: internal error (a bug in specpact, please report it)\n${stack}\n`)
  return EXIT.internal
}
