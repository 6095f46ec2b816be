/**
 * Start-up: how long a `specpact` command takes as a whole process, from spawn to exit,
 * beside `node -e 0` (what any Node program pays). The bin runs the compiled dist/, built
 * first when it is missing or older than the sources (otherwise the bin would run the
 * sources through ts-node and the figure would measure that).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Row } from './rows'
import { summarize } from './stats'

const REPO = join(__dirname, '..', '..')
const BIN = join(REPO, 'bin', 'specpact.js')

export interface StartupCommand {
  figure: string
  /** Specs the command reads (the table's N). */
  n: number
  args: string[]
}

/** The seeds the project started from, beside the checkout; else the same two in specs/. */
function seeds(): string[] {
  const shared = join(REPO, '..', 'shared', 'seeds')
  const dir = existsSync(shared) ? shared : join(REPO, 'specs', 'communication-gw')
  return [
    join(dir, 'post_business_communication_sessions.md'),
    join(dir, 'post_business_communication_sessions_typing.md'),
  ]
}

export const STARTUP_COMMANDS: StartupCommand[] = [
  { figure: 'start-up: node -e 0', n: 0, args: ['-e', '0'] },
  { figure: 'start-up: specpact --help', n: 0, args: [BIN, '--help'] },
  { figure: 'start-up: specpact lint (the two seeds)', n: 2, args: [BIN, 'lint', ...seeds()] },
]

/** Builds dist/ when it is missing or older than the sources. */
export function ensureBuilt(progress: (line: string) => void): void {
  const { stale } = require(join(REPO, 'bin', 'stale.js')) as {
    stale: (root: string, compiled: string) => boolean
  }
  if (!stale(REPO, join(REPO, 'dist', 'cli', 'main.js'))) return
  progress('start-up: dist/ is missing or stale, building it')
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'ignore' })
}

/** Wall milliseconds of one run of `node args`, which must exit 0. */
function once(args: readonly string[]): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'ignore', timeout: 60_000 })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`)
  return ms
}

/** Each command `reps` times after one warm-up, the commands interleaved run by run. */
export function measureStartup(reps: number, progress: (line: string) => void): Row[] {
  ensureBuilt(progress)
  for (const c of STARTUP_COMMANDS) once(c.args)
  const samples = STARTUP_COMMANDS.map(() => [] as number[])
  for (let r = 0; r < reps; r++)
    for (const [i, c] of STARTUP_COMMANDS.entries()) samples[i]?.push(once(c.args))
  const rows: Row[] = STARTUP_COMMANDS.map((c, i) => ({
    figure: c.figure,
    n: c.n,
    unit: 'ms',
    value: summarize(samples[i] ?? []),
  }))
  const median = (i: number) => summarize(samples[i] ?? []).median
  rows.push({
    figure: 'start-up: specpact --help / node -e 0',
    n: 0,
    unit: 'x',
    value: median(1) / median(0),
  })
  progress(`start-up: ${reps} runs of each command`)
  return rows
}
