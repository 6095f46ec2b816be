/** The facts a reader needs to judge the figures: what ran them, and how busy the machine was. */
import { cpus, loadavg, platform, release, totalmem } from 'node:os'

export interface Machine {
  node: string
  platform: string
  cpu: string
  cpus: number
  memoryGb: number
  pactJs: string
  pactCore: string
  /** 1, 5 and 15-minute load averages when the run started and when it ended. */
  loadAtStart: number[]
  loadAtEnd?: number[]
}

const versionOf = (pkg: string): string =>
  (require(`${pkg}/package.json`) as { version: string }).version

export function machine(): Machine {
  const cpu = cpus()
  return {
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
