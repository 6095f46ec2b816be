/**
 * The `specpact` command. Each subcommand's module is loaded only when it runs, so
 * `specpact lint` never pays for loading the Pact core or the reference provider, and
 * `specpact --help` loads commander alone (error classes come from files that import nothing).
 */
import { Command, Option } from 'commander'
import type { CoverageOptions } from './coverage'
import { quietOnClosedPipe, report } from './errors'
import type { ScaffoldOptions } from './scaffold'

export interface GlobalOptions {
  config?: string
}

interface LintCliOptions {
  format: 'human' | 'json'
  drift?: boolean
}

function program(): Command {
  const cli = new Command('specpact')
    .description('Turn API test specs into Pact contracts, verify them, and gate releases.')
    .option(
      '-c, --config <file>',
      'configuration file (default: specpact.config.yaml or specs/specpact.config.yaml in the working directory or above)',
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
    .option(
      '--drift',
      "also check every interaction against its provider's OpenAPI (PactFlow's openapi-pact-comparator), reported at the spec's request step and at the extract that caused it",
    )
    .addHelpText(
      'after',
      '\nExit status: 0 without errors (warnings allowed), 1 with errors, 2 on usage errors.\n\nExamples:\n  specpact lint specs\n  specpact lint --drift\n  specpact lint --format json specs/communication-gw > lint.json',
    )
    .action(async (paths: string[], options: LintCliOptions, cmd: Command) => {
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

  cli
    .command('verify')
    .description(
      'Replay pact interactions against a provider, setting up each provider state first.',
    )
    .argument('[pacts...]', 'pact files or directories (default: the configured pacts directory)')
    .option(
      '-p, --provider <name>',
      'provider whose interactions to verify (default: the one the pact files name; communication-gw among several, and with --broker)',
    )
    .option(
      '--provider-base-url <url>',
      'the provider to verify (default: start the embedded reference)',
    )
    .option(
      '--state-change-url <url>',
      'POST {state, params, action} here to set up states (providers in other languages)',
    )
    .option(
      '--state-handlers <module>',
      'a module exporting stateHandlers: { [state]: async (params) => entity }, and for message pacts messageProducers: { [event]: async (params) => {contents, metadata} }',
    )
    .option(
      '--message-url <url>',
      'with --state-change-url: POST {description, providerStates} here for each message (the Rust verifier message transport)',
    )
    .option(
      '--request-timeout <ms>',
      'longest wait for the provider to answer one interaction (default 15000)',
    )
    .option(
      '--state-timeout <ms>',
      'longest wait for one state-change or message URL call (default 10000)',
    )
    .option('--description <regex>', 'verify only interactions whose description (spec) matches')
    .option(
      '--kind <kind>',
      'verify only interactions of this kind: http or message (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--verbose', "also show the Pact core's whole report")
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['human', 'json'])
        .default('human'),
    )
    .option('--junit <file>', 'also write the results as JUnit XML to this file')
    .option('--shard <i/n>', 'verify only shard i of n (deterministic split, for parallel CI jobs)')
    .option(
      '--ca-file <pem>',
      'trust exactly these CA certificates for https (provider, state URL, broker); a small bundle makes https verification as fast as plain http (default: SPECPACT_CA_FILE, else the system store)',
    )
    .option('--broker', 'take the pacts from the Pact Broker (PACT_BROKER_BASE_URL), not files')
    .option('--pact-url <url>', "with --broker: verify just this pact (a webhook's pact URL)")
    .option(
      '--provider-version <version>',
      'with --broker: the version results are recorded for (default: git commit, else CI commit)',
    )
    .option(
      '--provider-branch <branch>',
      'with --broker: the provider branch (default: CI branch variable or git branch)',
    )
    .option(
      '--publish',
      'with --broker: publish verification results (default: only when CI is set)',
    )
    .option('--no-publish', 'with --broker: never publish verification results')
    .option(
      '--consumer-version-selector <json>',
      'with --broker: a selector, repeatable (default: mainBranch, deployedOrReleased, matchingBranch)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--no-pending', 'with --broker: failures of pending pacts fail the run too')
    .option(
      '--include-wip-pacts-since <date>',
      'with --broker: also verify work-in-progress pacts published since the date (as pending)',
    )
    .option(
      '--build-url <url>',
      'with --broker: CI build URL recorded with results (default: from CI)',
    )
    .addHelpText(
      'after',
      `
Real tokens come from the environment variables named under "tokens" in the configuration
(e.g. SPECPACT_TOKEN_STAFF); they replace the pact's dummy bearer token and are never printed.
A state-change URL receives POST {"state": "...", "params": {...}, "action": "setup"} and must
answer 200 with the entity it set up as JSON (e.g. the channel object). A message URL receives
POST {"description", "providerStates", "specpact": {"event", "params"}} and answers the message
body with its Content-Type, metadata in the Pact-Message-Metadata header (base64 of JSON).
Before verifying, the provider and these URLs must answer (any status) within 5 s.
With --broker the pacts are the broker's selection for the provider (or the one --pact-url), each
verified at its broker URL. A pending pact (never verified by this provider branch) or a
work-in-progress pact is reported as pending when it fails: its failed result is published but
the exit status stays 0. Results are published with --publish, or by default when CI is set.
PACT_BROKER_TOKEN (or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD) is sent only to the broker and
never printed.
Exit status: 0 when every interaction verified, 1 otherwise (also when none was found), 2 on usage errors.`,
    )
    .action(async (pacts: string[], options: Record<string, string>, cmd: Command) => {
      const { runVerify, exitWhenDone } = await import('./verify')
      process.exitCode = await runVerify(pacts, {
        ...(options as unknown as { provider: string }),
        ...cmd.optsWithGlobals<GlobalOptions>(),
      })
      exitWhenDone()
    })

  cli
    .command('states')
    .description(
      'List the provider states the pacts need, with their params and the values they must provide.',
    )
    .argument('[pacts...]', 'pact files or directories (default: the configured pacts directory)')
    .option('-p, --provider <name>', 'only this provider')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['human', 'json'])
        .default('human'),
    )
    .option(
      '--handlers <file>',
      'also write a starter TypeScript module of state handlers (one provider)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  specpact states\n  specpact states --provider communication-gw --handlers states.ts',
    )
    .action(async (pacts: string[], options: Record<string, string>, cmd: Command) => {
      const { runStates } = await import('./states')
      process.exitCode = await runStates(pacts, {
        ...options,
        ...cmd.optsWithGlobals<GlobalOptions>(),
      })
    })

  cli
    .command('run')
    .description(
      'Run specs live: prerequisites, then the test request, against an environment or the embedded reference.',
    )
    .argument('[specs...]', 'spec files or directories (default: the configured specs)')
    .option('-b, --base-url <url>', 'the environment to run against, e.g. https://api.example.com')
    .option('--against <name>', 'run against an embedded environment instead: "reference"')
    .option('--fallback-base-url <url>', 'where steps marked useFallback are sent')
    .option('--concurrency <n>', 'specs run at the same time', '4')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['human', 'json'])
        .default('human'),
    )
    .option('--junit <file>', 'also write JUnit XML')
    .option('--report <file>', 'also write the JSON report (check --live shows it)')
    .option(
      '--webhook-listen <host:port>',
      'receive webhooks here for the steps and states that wait for one (default with --against reference: 127.0.0.1:0)',
    )
    .option('--no-webhook-listen', 'run without a listener: waits fail at once, naming the event')
    .option(
      '--webhook-public-url <url>',
      'the URL the environment must send webhooks to when it differs from the listener (a tunnel); steps see it as {{webhook_url}}',
    )
    .option(
      '--webhook-register <url>',
      'before the run, POST {"url": <webhook URL>} here to register the listener',
    )
    .option('--webhook-timeout <ms>', 'how long a wait that names no timeout lasts', '30000')
    .option('--timeout <ms>', 'timeout of every request', '30000')
    .option(
      '--retries <n>',
      'retries of a request answered 429 (any method) or 5xx/timeout (idempotent methods)',
      '2',
    )
    .option('--rate-limit <per-second>', 'at most this many requests per second, across all specs')
    .option(
      '--activation-delay <ms>',
      'with --against reference: channels and sessions activate this long after creation',
      '1000',
    )
    .addHelpText(
      'after',
      `
Real tokens come from the environment variables named under "tokens" in the configuration
(e.g. SPECPACT_TOKEN_STAFF); a step's token type, else staff (as vCita's runner), picks
one. Tokens never appear in any output or report: they read ***.
A catalog state with waitFor (specs/states.yaml: "channel is active" waits for
channel.activated) makes the run wait after its last prerequisite; a step may say waitFor too.
With --against reference, the embedded communication-gw runs with random tokens, activates
channels and sessions after --activation-delay and POSTs its webhooks to the listener.
Exit status: 0 when no spec failed, 1 otherwise, 2 on usage errors.

Examples:
  specpact run specs --against reference
  specpact run specs/communication-gw --base-url https://staging.example.com \
    --webhook-listen 0.0.0.0:8787 --webhook-public-url https://hooks.example.com/specpact --junit live.xml`,
    )
    .action(async (paths: string[], options: Record<string, string>, cmd: Command) => {
      const { runLive } = await import('./run')
      process.exitCode = await runLive(paths, {
        ...(options as unknown as import('./run').RunCliOptions),
        ...cmd.optsWithGlobals<GlobalOptions>(),
      })
    })

  cli
    .command('check')
    .description(
      'The main job: lint and translate the specs, write pacts, verify them against the embedded reference.',
    )
    .option(
      '--live',
      'also run every spec live against the reference (webhooks included) and show both results side by side',
    )
    .option('--verbose', "also show the Pact core's whole report")
    .option('--junit <file>', 'also write the verification results as JUnit XML to this file')
    .action(async (_options: unknown, cmd: Command) => {
      const [{ runCheck }, { exitWhenDone }] = await Promise.all([
        import('./check'),
        import('./verify'),
      ])
      process.exitCode = await runCheck(cmd.optsWithGlobals<import('./check').CheckOptions>())
      exitWhenDone()
    })

  cli
    .command('coverage')
    .description(
      "What the contracts cover of each provider's OpenAPI (operations × statuses, events, by consumer), which extracted fields an interaction verifies, drift against the OpenAPI and conflicts between specs.",
    )
    .argument('[paths...]', 'spec files or directories (default: the configured specs)')
    .addOption(
      new Option('-f, --format <format>', 'standard output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--json <file>', 'also write the JSON report to this file')
    .option('--junit <file>', 'also write a JUnit XML report to this file')
    .option('--html <file>', 'also write a self-contained HTML report to this file')
    .option(
      '--verification <file>',
      'the output of `specpact verify --format json`: shows the last result of each interaction',
    )
    .option('--min-coverage <percent>', "fail when a provider's coverage is below this percentage")
    .option(
      '--fail-on-unverified-extract',
      'fail when a field a spec extracts is carried by no interaction (or only by failing ones)',
    )
    .option(
      '--no-drift',
      "skip checking interactions against the OpenAPI with PactFlow's comparator",
    )
    .addHelpText(
      'after',
      `
Coverage counts each documented response of each operation (201, 422, 4XX, default) and each
documented webhook event (OpenAPI 3.1 webhooks or x-webhooks) as one cell; a cell is covered
when an interaction's request matches the operation and its expected status falls under it.
Exit status: 0 when the gate passes, 1 when --min-coverage or --fail-on-unverified-extract
fails it (drift and conflicts are reported, not gated), 2 on usage errors.

Examples:
  specpact coverage
  specpact coverage --html coverage.html --junit coverage.xml --min-coverage 60
  specpact verify --format json > verify.json && specpact coverage --verification verify.json`,
    )
    .action(async (paths: string[], options: Record<string, unknown>, cmd: Command) => {
      const { runCoverage } = await import('./coverage')
      process.exitCode = await runCoverage(paths, {
        ...(options as unknown as CoverageOptions),
        ...cmd.optsWithGlobals<GlobalOptions>(),
      })
    })

  cli
    .command('scaffold')
    .description(
      "Write spec skeletons for the documented operations no interaction covers, from the provider's OpenAPI.",
    )
    .argument('[operations...]', 'only these operations: "METHOD /full/path" or an operationId')
    .option('-p, --provider <name>', 'only this provider')
    .option(
      '-o, --out <dir>',
      'directory for the new specs (default: the first configured specs path)',
    )
    .option('--domain <domain>', "front-matter domain (default: the project's most common one)")
    .option('--token <type>', 'token type for secured operations (default: staff)')
    .option('--dry-run', 'print the skeletons instead of writing them')
    .addHelpText(
      'after',
      `
Each skeleton has the front matter, the documented response codes, a ## Test Request with the
required query parameters and body fields, and ## Prerequisites proposed from the path
parameters (for /channels/{uid}: POST /channels, else GET /channels, extracting the uid).
Existing files are never overwritten. Review each skeleton before relying on it.

Examples:
  specpact scaffold --dry-run
  specpact scaffold --provider core-api --out specs/core-api
  specpact scaffold "DELETE /business/communication/sessions/{uid}"`,
    )
    .action(async (operations: string[], options: Record<string, unknown>, cmd: Command) => {
      const { runScaffold } = await import('./scaffold')
      process.exitCode = await runScaffold(operations, {
        ...(options as ScaffoldOptions),
        ...cmd.optsWithGlobals<GlobalOptions>(),
      })
    })

  const brokerHelp = `
The broker comes only from PACT_BROKER_BASE_URL with PACT_BROKER_TOKEN (or PACT_BROKER_USERNAME
and PACT_BROKER_PASSWORD); credentials are passed to the official pact CLI through its
environment and never printed. The version defaults to the git commit, the branch to the
CI's branch variable or the git branch.`

  cli
    .command('publish')
    .description('Publish pacts to the Pact Broker through the official pact CLI.')
    .argument('[dir]', 'directory of pact files (default: the configured pacts directory)')
    .option('--consumer-version <version>', 'consumer version (default: git commit)')
    .option('--branch <branch>', 'consumer branch (default: CI branch variable or git branch)')
    .option('--tag <tag...>', 'tags for the consumer version')
    .option('--build-url <url>', 'CI build URL (default: from CI variables)')
    .addHelpText('after', brokerHelp)
    .action(async (dir: string | undefined, options: Record<string, never>, cmd: Command) => {
      const { runPublish } = await import('./broker')
      process.exitCode = await runPublish(dir ? [dir] : [], {
        ...options,
        ...cmd.optsWithGlobals<GlobalOptions>(),
      })
    })

  cli
    .command('can-i-deploy')
    .description('Ask the Pact Broker whether a version may be deployed to an environment.')
    .requiredOption('--pacticipant <name>', 'application name (consumer or provider)')
    .option('--version <version>', 'application version (default: git commit)')
    .requiredOption('--to-environment <env>', 'target environment, e.g. production')
    .option('--retry-while-unknown <times>', 'retry while verification results are missing')
    .option('--retry-interval <seconds>', 'seconds between retries')
    .addHelpText(
      'after',
      `${brokerHelp}\nExit status: 0 deployable, 1 not deployable (or unknown after retries), as the pact CLI says.`,
    )
    .action(async (options: { pacticipant: string; toEnvironment: string }) => {
      const { runCanIDeploy } = await import('./broker')
      process.exitCode = await runCanIDeploy(options)
    })

  cli
    .command('record-deployment')
    .description('Record in the Pact Broker that a version was deployed to an environment.')
    .requiredOption('--pacticipant <name>', 'application name')
    .option('--version <version>', 'application version (default: git commit)')
    .requiredOption('--environment <env>', 'environment deployed to')
    .addHelpText('after', brokerHelp)
    .action(async (options: { pacticipant: string; environment: string }) => {
      const { runRecordDeployment } = await import('./broker')
      process.exitCode = await runRecordDeployment(options)
    })

  cli
    .command('create-environment')
    .description('Create an environment in the Pact Broker.')
    .requiredOption('--name <name>', 'environment name')
    .option('--production', 'mark it as a production environment')
    .addHelpText('after', brokerHelp)
    .action(async (options: { name: string; production?: boolean }) => {
      const { runCreateEnvironment } = await import('./broker')
      process.exitCode = await runCreateEnvironment(options)
    })

  return cli
}

export async function main(argv: readonly string[]): Promise<void> {
  quietOnClosedPipe(process.stdout)
  quietOnClosedPipe(process.stderr)
  try {
    await program().parseAsync([...argv])
  } catch (error) {
    process.exitCode = report(error)
  }
}
