/**
 * `npm run bench`: generate, lint, consumer tests and verification on N synthetic specs,
 * specpact side by side with bare pact-js; prints a table and writes bench/results.json.
 *
 *   npm run bench                       # N = 100 and 1000: generate and lint 3 runs at each,
 *                                       # consumer and verify 3 at 100, 1 at 1000
 *   npm run bench -- --sizes 100 --reps 5
 *   npm run bench -- --window 0         # every consumer test at every N (minutes more)
 *   npm run bench -- --sizes 0          # the start-up rows alone
 *   npm run bench -- --only generate,lint   # those figures alone (seconds, not minutes)
 *
 * Each measurement runs in its own child process, one per command and arm (so a peak memory
 * figure is that command's), after a warm-up run that is not counted. See README.md,
 * "Benchmarks".
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { writePacts } from '../src/pact'
import { compile, loadProject } from '../src/project'
import { runTask } from './bench/child'
import { runCommand } from './bench/command'
import { loadNow, machine } from './bench/machine'
import { type Result, ResultSchema } from './bench/results'
import {
  type Row,
  rowsOf,
  type SizeResults,
  targetsOf,
  VERIFY_LABELS,
  VERIFY_LEGEND,
  type VerifyArmName,
} from './bench/rows'
import { ensureBuilt, measureStartup } from './bench/startup'
import { readTemplates, repoInputs, synthesize, writeProject } from './bench/synth'
import { formatFailures, formatRows, formatTargets } from './bench/table'
import type { Task } from './bench/task'
import { oneCertificateEnv } from './bench/trust'

type Arm = Task['arms'][number]

const REPO = join(__dirname, '..')
const PARTS = ['generate', 'lint', 'consumer', 'verify'] as const
const RESULTS = join(REPO, 'bench', 'results.json')

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000' },
    /**
     * Measured runs per figure: generate and lint at every size (a run takes seconds, and
     * one run on a shared machine is a sample, not a figure), consumer tests and
     * verification at sizes up to 100; `large-reps` for those two above it (minutes a run).
     */
    reps: { type: 'string', default: '3' },
    'large-reps': { type: 'string', default: '1' },
    /** Consumer tests per window when sampling a long suite; 0 runs every test. */
    window: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '10' },
    /** Runs of each start-up command (`node -e 0`, `specpact --help`, `specpact lint`). */
    'startup-reps': { type: 'string', default: '10' },
    /** Parts to measure: generate, lint, consumer, verify (comma-separated). */
    only: { type: 'string', default: PARTS.join(',') },
  },
})

const only = new Set(
  String(flags.only)
    .split(',')
    .map((p) => p.trim()),
)
for (const part of only)
  if (!(PARTS as readonly string[]).includes(part))
    throw new Error(`--only: "${part}" is not one of ${PARTS.join(', ')}`)
// generate and lint are cheap and every other part needs the project they make: always run.
const wanted = (part: (typeof PARTS)[number]) => only.has(part)

const int = (name: keyof typeof flags): number => {
  const value = Number(flags[name])
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`)
  return value
}

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`)

/** The synthetic project of `n` specs, and the pact `specpact generate` makes of it. */
async function prepare(root: string, n: number) {
  const templates = await readTemplates(join(REPO, 'specs', 'communication-gw'))
  const specs = synthesize(templates, n)
  const project = await writeProject(join(root, `n${n}`), specs, repoInputs(REPO))
  const build = compile(await loadProject({ cwd: project.dir }))
  // The gateway's pact is measured; the core-api pact beside it holds only the client lookup
  // the specs' prerequisites rely on.
  const gateway = build.contracts.filter((c) => c.provider === 'communication-gw')
  const [pact] = await writePacts(project.pactsDir, gateway)
  if (!pact || gateway.length !== 1 || build.failed.length > 0)
    throw new Error(`the ${n} synthetic specs did not make one communication-gw pact`)
  return { ...project, pact }
}

async function measure<K extends Result['kind']>(
  task: Omit<Task, 'out'> & { kind: K },
  root: string,
  env: Record<string, string> = {},
  label = `${task.kind}${task.arms.length === 1 ? ` (${task.arms[0]})` : ''}`,
): Promise<Extract<Result, { kind: K }>> {
  const out = join(root, `${task.kind}-${Math.random().toString(36).slice(2)}.json`)
  const started = performance.now()
  const result = ResultSchema.parse(await runTask({ ...task, out }, env))
  if (result.kind !== task.kind) throw new Error(`asked for ${task.kind}, got ${result.kind}`)
  progress(`${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return result as Extract<Result, { kind: K }>
}

async function main() {
  const sizes = String(flags.sizes)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n !== 0)
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes: whole numbers')
  const started = performance.now()
  const facts = machine()
  progress(`node ${facts.node}, ${facts.cpus} CPUs, load ${facts.loadAtStart.join(' ')}`)
  const root = await mkdtemp(join(tmpdir(), 'specpact-bench-'))
  try {
    const oneCert = await oneCertificateEnv(root)
    const verifyArms: Record<VerifyArmName, { arm: Arm; env: Record<string, string> }> = {
      bare: { arm: 'bare', env: {} },
      specpact: { arm: 'specpact', env: { SPECPACT_SYSTEM_TRUST: '' } },
      specpactSystemTrust: { arm: 'specpact', env: { SPECPACT_SYSTEM_TRUST: '1' } },
      bareOneCert: { arm: 'bare', env: oneCert },
    }
    // One-shot commands and the start-up rows run the bin over the compiled dist/.
    ensureBuilt(progress)
    const startup = measureStartup(int('startup-reps'), progress)
    const results: SizeResults[] = []
    for (const n of sizes) {
      const project = await prepare(root, n)
      const reps = n <= 100 ? int('reps') : int('large-reps')
      const base = {
        cwd: project.dir,
        reps,
        warmup: Math.min(int('warmup'), n),
        window: 0,
        arms: ['specpact', 'bare'] as Arm[],
      }
      progress(
        `N = ${n}: ${int('reps')} measured run(s) of generate and lint, ${reps} of the others`,
      )
      const generate = await measure({ ...base, reps: int('reps'), kind: 'generate' }, root)
      const lint = await measure({ ...base, reps: int('reps'), kind: 'lint' }, root)
      const commands = {
        generate: runCommand(project.dir, ['generate', '--out', join(root, `pacts-${n}`)], root),
        lint: runCommand(project.dir, ['lint'], root),
      }
      progress(`N = ${n}: one specpact generate and one specpact lint, as a user runs them`)
      // One process per arm: each peak memory figure is that arm's alone.
      const consumerOf = (arm: Arm) =>
        measure({ ...base, kind: 'consumer', window: int('window'), arms: [arm] }, root)
      const consumer = wanted('consumer')
        ? { specpact: await consumerOf('specpact'), bare: await consumerOf('bare') }
        : undefined
      // Each verification arm in its own process and environment. The default arm's
      // SPECPACT_SYSTEM_TRUST is cleared, so a caller's setting cannot relabel it.
      const verifyOf = (name: VerifyArmName) => {
        const { arm, env } = verifyArms[name]
        return measure(
          { ...base, kind: 'verify', pact: project.pact, arms: [arm] },
          root,
          env,
          VERIFY_LABELS[name],
        )
      }
      const verify: SizeResults['verify'] = wanted('verify')
        ? {
            bare: await verifyOf('bare'),
            specpact: await verifyOf('specpact'),
            specpactSystemTrust: await verifyOf('specpactSystemTrust'),
            bareOneCert: await verifyOf('bareOneCert'),
          }
        : undefined
      results.push({ n, generate, lint, commands, consumer, verify })
    }
    facts.loadAtEnd = loadNow()
    const rows: Row[] = [...startup, ...results.flatMap(rowsOf)]
    const small = Math.min(...sizes)
    const large = Math.max(...sizes)
    const targets = sizes.length > 1 ? targetsOf(rows, small, large) : []
    const seconds = (performance.now() - started) / 1000
    const consumerWindows = results.flatMap((r) =>
      r.consumer ? [{ n: r.n, windows: r.consumer.specpact.windows }] : [],
    )
    const failures = formatFailures(results)
    const report = [
      `specpact benchmark: node ${facts.node}, ${facts.cpus} x ${facts.cpu}, ${facts.memoryGb} GB, pact-js ${facts.pactJs} (core ${facts.pactCore})`,
      `code: commit ${facts.commit}${facts.uncommitted.length > 0 ? `, with uncommitted changes to ${facts.uncommitted.join(', ')}` : ''}`,
      `load average at start ${facts.loadAtStart.join(' ')}, at end ${facts.loadAtEnd.join(' ')}; whole run ${seconds.toFixed(0)} s`,
      // `--sizes 0` measures start-up alone: no consumer tests, no verification arms.
      ...(results.length > 0
        ? [
            `consumer tests sampled: ${consumerWindows.length === 0 ? 'none (--only)' : ''}${consumerWindows.map((c) => `N=${c.n}: ${c.windows.map((w) => `${w.start}-${w.end}`).join(', ')}`).join('; ')}`,
          ]
        : []),
      ...(results.some((r) => r.verify) ? [VERIFY_LEGEND] : []),
      '',
      formatRows(rows),
      ...(targets.length > 0 ? ['', formatTargets(targets)] : []),
      ...(failures.length > 0 ? ['', ...failures] : []),
    ].join('\n')
    process.stdout.write(`${report}\n`)
    await mkdir(join(REPO, 'bench'), { recursive: true })
    await writeFile(
      RESULTS,
      `${JSON.stringify({ machine: facts, seconds, flags, rows, targets, results }, null, 2)}\n`,
    )
    progress(`wrote ${RESULTS}`)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`)
  process.exitCode = 1
})
