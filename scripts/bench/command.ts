/**
 * One `specpact` command as a user runs it: the bin over the compiled dist/ (built first by
 * `ensureBuilt`), once, in its own process. A measuring worker runs a command's work again
 * and again in one process under ts-node, so its peak holds the compiler and the garbage of
 * earlier runs not yet collected; this is the figure of the command itself.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { CommandRun } from './results'

const REPO = join(__dirname, '..', '..')
const BIN = join(REPO, 'bin', 'specpact.js')
const PRELOAD = join(__dirname, 'peak-rss.js')

/** Runs `specpact args` in `cwd`, which must exit 0 within `timeoutMs`. */
export function runCommand(
  cwd: string,
  args: readonly string[],
  scratch: string,
  timeoutMs = 300_000,
): CommandRun {
  const peakFile = join(scratch, `peak-rss-${Math.random().toString(36).slice(2)}`)
  const started = performance.now()
  const run = spawnSync(process.execPath, ['-r', PRELOAD, BIN, ...args], {
    cwd,
    env: { ...process.env, SPECPACT_BENCH_PEAK_RSS: peakFile, NO_COLOR: '1' },
    // Warnings go to stderr: only its end is kept, to explain a failure.
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 256 * 2 ** 20,
    timeout: timeoutMs,
  })
  const wallMs = performance.now() - started
  const command = `specpact ${args.join(' ')} (in ${cwd})`
  if (run.error) throw new Error(`${command}: ${run.error.message}`)
  if (run.status !== 0)
    throw new Error(
      `${command} exited ${run.status ?? run.signal}:\n${String(run.stderr).slice(-4000)}`,
    )
  try {
    const kb = Number(readFileSync(peakFile, 'utf8'))
    if (!Number.isFinite(kb) || kb <= 0) throw new Error(`${command}: no peak memory reported`)
    return { wallMs, peakRssMb: kb / 1024 }
  } finally {
    rmSync(peakFile, { force: true })
  }
}
