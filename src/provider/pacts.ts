/**
 * Reading pact files for verification, selecting one provider's interactions and a shard of
 * them.
 */
import { readFile } from 'node:fs/promises'
import type { JsonValue } from '../spec'

export type PactJson = { [key: string]: JsonValue } & {
  consumer: { name: string }
  provider: { name: string }
  interactions: PactInteraction[]
}

export type PactInteraction = { [key: string]: JsonValue } & {
  description: string
  type?: string
  providerStates?: Array<{ name: string; params?: { [key: string]: JsonValue } }>
  comments?: { text?: string[] }
}

export interface Shard {
  index: number
  total: number
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text)
  const index = Number(match?.[1])
  const total = Number(match?.[2])
  if (!match || total < 1 || index < 1 || index > total) {
    throw new Error(`--shard must look like i/n with 1 <= i <= n (e.g. 2/4), got "${text}"`)
  }
  return { index, total }
}

export async function readPact(file: string): Promise<PactJson> {
  const pact = JSON.parse(await readFile(file, 'utf8')) as PactJson
  if (!pact?.provider?.name || !Array.isArray(pact.interactions)) {
    throw new Error(`${file} is not a pact file (no provider name or interactions)`)
  }
  return pact
}

/** Interaction `k` (0-based, in description order across files) belongs to shard `(k mod n) + 1`. */
export function selectShard(pacts: PactJson[], shard: Shard | undefined): PactJson[] {
  if (!shard) return pacts
  const all = pacts
    .flatMap((p, f) =>
      p.interactions.map((i) => ({ f, i, key: `${p.consumer.name}\u0000${i.description}` })),
    )
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const keep = new Set(all.filter((_, k) => k % shard.total === shard.index - 1).map((x) => x.i))
  return pacts
    .map((p) => ({ ...p, interactions: p.interactions.filter((i) => keep.has(i)) }))
    .filter((p) => p.interactions.length > 0)
}

/** The spec a pact interaction came from, from the comment `generate` writes. */
export function originOf(interaction: PactInteraction): string | undefined {
  const text = interaction.comments?.text?.find((t) => t.startsWith('From '))
  return text?.replace(/^From /, '')
}
