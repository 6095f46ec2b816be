/**
 * Reading pact files for verification, selecting one provider's interactions and a shard of
 * them.
 */
import { readFile, stat } from 'node:fs/promises'
import { z } from 'zod'
import { fsReason, messageOf, UsageError, UserError } from '../shared'
import { JsonValueSchema } from '../spec'

export interface Shard {
  index: number
  total: number
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text)
  const index = Number(match?.[1])
  const total = Number(match?.[2])
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(
      'option-invalid',
      `--shard must look like i/n with 1 <= i <= n (e.g. 2/4), got "${text}"`,
    )
  }
  return { index, total }
}

const Named = z.object({ name: z.string().min(1) })
const ProviderStateSchema = z.looseObject({
  name: z.string(),
  params: z.record(z.string(), JsonValueSchema).optional(),
})
const PactInteractionSchema = z.looseObject({
  description: z.string(),
  type: z.string().optional(),
  providerStates: z.array(ProviderStateSchema).optional(),
  comments: z.looseObject({ text: z.array(z.string()).optional() }).optional(),
})
/** What a pact must hold for verification; the rest of it is the core's to read. */
export const PactFileSchema = z.looseObject({
  consumer: Named,
  provider: Named,
  interactions: z.array(PactInteractionSchema),
})

/** A pact is a few megabytes at most; a larger file is not one of specpact's. */
const MAX_PACT_BYTES = 64 * 1024 * 1024

const invalid = (file: string, why: string, cause?: unknown) =>
  new UserError('pact-invalid', `${file} is not a pact file: ${why}`, { path: file, cause })

/** Reads and validates a pact file: a user error naming the file when it is not a pact. */
export async function readPact(file: string): Promise<PactJson> {
  let text: string
  try {
    const info = await stat(file)
    if (!info.isFile()) throw invalid(file, 'it is not a regular file')
    if (info.size > MAX_PACT_BYTES) throw invalid(file, `it has ${info.size} bytes`)
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError('path-unreadable', `cannot read ${file}: ${fsReason(error)}`, {
      path: file,
      cause: error,
    })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    // JSON.parse quotes the text it choked on: for a binary file, that is garbage to print.
    const reason = messageOf(error)
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 120)
    throw invalid(file, `not JSON (${reason}); is it cut short or binary?`, error)
  }
  const parsed = PactFileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const at = issue?.path.length ? issue.path.join('.') : '(root)'
    throw invalid(file, `${at}: ${issue?.message ?? 'not a pact'}`)
  }
  return parsed.data
}

export type PactJson = z.infer<typeof PactFileSchema>

/** The embedded reference's provider: the default where pacts do not say which to verify. */
export const REFERENCE_PROVIDER = 'communication-gw'

/**
 * The provider to verify when none is named: the one the pacts name; among several, the
 * embedded reference's (communication-gw) when they name it, and when there is no pact (the
 * verification then reports that nothing is verified); else a usage error listing them.
 */
export function providerOfPacts(pacts: readonly PactJson[]): string {
  const named = new Set(pacts.map((p) => p.provider.name))
  const [only] = named
  if (named.size === 1 && only !== undefined) return only
  if (named.size === 0 || named.has(REFERENCE_PROVIDER)) return REFERENCE_PROVIDER
  throw new UsageError(
    'option-invalid',
    `these pacts name ${named.size} providers (${[...named].sort().join(', ')}): say which to verify with --provider`,
  )
}
export type PactInteraction = z.infer<typeof PactInteractionSchema>

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
