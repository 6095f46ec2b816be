/**
 * How consumer tests running in parallel workers produce one whole pact without losing an
 * interaction: a worker never writes a pact file. Each passing interaction leaves a small
 * record (its own file, written atomically) in the run's directory; when the run ends, one
 * process turns the records into pact files with the same writer `specpact generate` uses.
 * A pact is written only when every interaction of the contract has a passing consumer test,
 * so a partial or failing run never publishes a pact with interactions missing, and a
 * re-run rewrites the whole file, so nothing stale survives.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Contract } from '../contract'
import { writeFileAtomic } from '../pact'
import { messageOf, UserError } from '../shared'

/** One interaction exercised by a passing consumer test. */
export const RecordSchema = z.object({
  consumer: z.string(),
  provider: z.string(),
  description: z.string(),
  /** The test process: the suite's parallelism shows in the records. */
  pid: z.number().int(),
  startedAt: z.number(),
  endedAt: z.number(),
})
export type InteractionRecord = z.infer<typeof RecordSchema>

export async function writeRecord(runDir: string, record: InteractionRecord): Promise<void> {
  await mkdir(runDir, { recursive: true })
  const key = createHash('sha256')
    .update(`${record.consumer}\u0000${record.provider}\u0000${record.description}`)
    .digest('hex')
    .slice(0, 16)
  const file = join(runDir, `${key}-${record.pid}-${randomBytes(4).toString('hex')}.json`)
  await writeFileAtomic(file, JSON.stringify(record))
}

export async function readRecords(runDir: string): Promise<InteractionRecord[]> {
  const names = (await readdir(runDir).catch((): string[] => [])).filter((n) => n.endsWith('.json'))
  return Promise.all(
    names.sort().map(async (name) => {
      const file = join(runDir, name)
      let json: unknown
      try {
        json = JSON.parse(await readFile(file, 'utf8'))
      } catch (error) {
        throw new UserError(
          'consumer-setup',
          `${file}: not a consumer-test record: ${messageOf(error)}`,
          {
            path: file,
            cause: error,
          },
        )
      }
      const parsed = RecordSchema.safeParse(json)
      if (!parsed.success) {
        const why = parsed.error.issues[0]?.message ?? 'invalid'
        throw new UserError('consumer-setup', `${file}: not a consumer-test record: ${why}`, {
          path: file,
        })
      }
      return parsed.data
    }),
  )
}

export interface PactPlan {
  /** Contracts every interaction of which has a passing consumer test. */
  complete: Contract[]
  /** Contracts with at least one tested interaction, but not all. */
  incomplete: Array<{ contract: Contract; tested: number; missing: string[] }>
  /** Records naming an interaction no contract has (a spec renamed during the run). */
  unknown: InteractionRecord[]
}

/** Which pacts the records of a run allow writing. Pure. */
export function planPacts(
  contracts: readonly Contract[],
  records: readonly InteractionRecord[],
): PactPlan {
  const plan: PactPlan = { complete: [], incomplete: [], unknown: [] }
  const keyOf = (c: string, p: string, d: string) => `${c}\u0000${p}\u0000${d}`
  const tested = new Set(records.map((r) => keyOf(r.consumer, r.provider, r.description)))
  const known = new Set<string>()
  for (const contract of contracts) {
    const keyOfInteraction = (i: { description: string }) =>
      keyOf(contract.consumer, contract.provider, i.description)
    for (const i of contract.interactions) known.add(keyOfInteraction(i))
    const missing = contract.interactions
      .filter((i) => !tested.has(keyOfInteraction(i)))
      .map((i) => i.description)
    if (missing.length === 0) plan.complete.push(contract)
    else if (missing.length < contract.interactions.length)
      plan.incomplete.push({
        contract,
        tested: contract.interactions.length - missing.length,
        missing,
      })
  }
  plan.unknown = records.filter((r) => !known.has(keyOf(r.consumer, r.provider, r.description)))
  return plan
}
