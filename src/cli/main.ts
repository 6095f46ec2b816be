/**
 * The `specpact` command. Each subcommand's module is loaded only when it runs, so
 * `specpact lint` never pays for loading the Pact core or the reference provider.
 */
import { Command, CommanderError, Option } from 'commander'
import { ConfigError } from '../config'
import { SpecPathError } from '../spec'
import { EXIT, UsageError, UserError } from './errors'

export interface GlobalOptions {
  config?: string
}

function program(): Command {
  const cli = new Command('specpact')
    .description('Turn API test specs into Pact contracts, verify them, and gate releases.')
    .option(
      '-c, --config <file>',
      'configuration file (default: ./specpact.config.yaml or ./specs/specpact.config.yaml)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()

  cli
    .command('lint')
    .description('Check spec files and report every problem with file, line and column.')
    .argument('[paths...]', 'spec files or directories (default: the configured specs)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['human', 'json'])
        .default('human'),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 without errors (warnings allowed), 1 with errors, 2 on usage errors.\n\nExamples:\n  specpact lint specs\n  specpact lint --format json specs/communication-gw > lint.json',
    )
    .action(async (paths: string[], options: { format: 'human' | 'json' }, cmd: Command) => {
      const { runLint } = await import('./lint')
      process.exitCode = await runLint(paths, {
        ...options,
        ...cmd.optsWithGlobals<GlobalOptions>(),
      })
    })

  cli
    .command('generate')
    .description('Translate specs into Pact V4 files, one per consumer-provider pair.')
    .argument('[paths...]', 'spec files or directories (default: the configured specs)')
    .option('-o, --out <dir>', 'directory for pact files (default: the configured pacts directory)')
    .option('-k, --keep-going', 'write pacts for the specs that translate even when others do not')
    .addHelpText(
      'after',
      '\nOutput is deterministic (same specs, byte-identical pacts) and written atomically.\nExit status: 0 when every spec translated, 1 otherwise (nothing is written without --keep-going).',
    )
    .action(
      async (paths: string[], options: { out?: string; keepGoing?: boolean }, cmd: Command) => {
        const { runGenerate } = await import('./generate')
        process.exitCode = await runGenerate(paths, {
          ...options,
          ...cmd.optsWithGlobals<GlobalOptions>(),
        })
      },
    )

  return cli
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync([...argv])
  } catch (error) {
    process.exitCode = report(error)
  }
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT.ok
    if (error.code === 'commander.help') return EXIT.ok
    return EXIT.usage
  }
  if (error instanceof UsageError || error instanceof SpecPathError) {
    process.stderr.write(`specpact: ${error.message}\n`)
    return EXIT.usage
  }
  if (error instanceof UserError || error instanceof ConfigError) {
    process.stderr.write(`specpact: ${error.message}\n`)
    return EXIT.failed
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`specpact: internal error (a bug in specpact, please report it)\n${stack}\n`)
  return EXIT.internal
}
