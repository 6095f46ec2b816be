/** The facts a reader needs to judge the figures: what ran them, and how busy the machine was. */
import { execFileSync } from 'node:child_process'
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { join } from 'node:path'

export interface Machine {
  node: string
  platform: string
  cpu: string
  cpus: number
  memoryGb: number
  pactJs: string
  pactCore: string
  /**
   * The commit measured, and the source files changed in the working tree since: a figure
   * measured on uncommitted code says so.
   */
  commit: string
  uncommitted: string[]
  /** 1, 5 and 15-minute load averages when the run started and when it ended. */
  loadAtStart: number[]
  loadAtEnd?: number[]
}

const versionOf = (pkg: string): string =>
  (require(`${pkg}/package.json`) as { version: string }).version

const REPO = join(__dirname, '..', '..')

const git = (...args: string[]): string => {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' })
  } catch {
    return ''
  }
}

export function machine(): Machine {
  const cpu = cpus()
  return {
    commit: git('rev-parse', '--short', 'HEAD').trim() || 'unknown',
    uncommitted: git('status', '--porcelain', '--', 'src', 'scripts', 'package.json')
      .split('\n')
      .filter(Boolean)
      // Porcelain lines are "XY path": two status letters and a space.
      .map((line) => line.slice(3)),
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cpus: cpu.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    pactJs: versionOf('@pact-foundation/pact'),
    pactCore: versionOf('@pact-foundation/pact-core'),
    loadAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  }
}

export const loadNow = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100)
