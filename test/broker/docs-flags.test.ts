/**
 * The CI examples users copy (docs/ci/*.yml) call specpact with flags: each must be one the
 * command really has, or the copied pipeline fails on its first run.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ROOT, specpact } from './cli'

interface Workflow {
  jobs: Record<string, { steps: { run?: string }[] }>
}

/** `npx specpact <command> --flag …` lines of a workflow, as command → flags. */
function specpactCalls(file: string): { command: string; flags: string[] }[] {
  const workflow = parse(readFileSync(join(ROOT, 'docs', 'ci', file), 'utf8')) as Workflow
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps.map((s) => s.run ?? ''))
    .flatMap((run) => run.split('\n'))
    .filter((line) => line.startsWith('npx specpact '))
    .map((line) => {
      const words = line.split(/\s+/)
      return {
        command: words[2] ?? '',
        flags: words.filter((w) => w.startsWith('--')).map((w) => w.replace(/=.*/, '')),
      }
    })
}

const calls = ['github-actions-consumer.yml', 'github-actions-provider.yml'].flatMap((file) =>
  specpactCalls(file).map((call) => ({ file, ...call })),
)

describe('docs/ci workflows call specpact with flags it has', () => {
  it('finds the calls the workflows promise', () => {
    expect(new Set(calls.map((c) => c.command))).toEqual(
      new Set(['publish', 'can-i-deploy', 'record-deployment', 'verify']),
    )
    expect(calls.find((c) => c.flags.includes('--pact-url'))?.flags).toEqual([
      '--broker',
      '--pact-url',
      '--provider-base-url',
      '--state-change-url',
      '--provider-version',
      '--provider-branch',
    ])
  })

  it.each([...new Set(calls.map((c) => c.command))])('specpact %s', async (command) => {
    const help = await specpact([command, '--help'], {})
    expect(help.code).toBe(0)
    const used = new Set(calls.filter((c) => c.command === command).flatMap((c) => c.flags))
    for (const flag of used) expect(help.stdout).toMatch(new RegExp(`(^|[ ,])${flag}\\b`, 'm'))
  })
})
