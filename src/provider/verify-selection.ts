/** Which interactions a verification runs: by description and kind, in verifier-sized pieces. */
import { isMessage } from './messages'
import type { PactInteraction, PactJson } from './pacts'
import type { InteractionKind, Selection } from './verify-types'

export const kindOf = (i: PactInteraction): InteractionKind => (isMessage(i) ? 'message' : 'http')

/** The pacts with only the selected interactions (pacts left empty are dropped). */
export function selectInteractions(
  pacts: readonly PactJson[],
  select: Selection | undefined,
): PactJson[] {
  if (!select?.description && !select?.kinds) return [...pacts]
  const keep = (i: PactInteraction) =>
    (!select.description || select.description.test(i.description)) &&
    (!select.kinds || select.kinds.includes(kindOf(i)))
  return pacts
    .map((p) => ({ ...p, interactions: p.interactions.filter(keep) }))
    .filter((p) => p.interactions.length > 0)
}

export function describeSelection(select: Selection | undefined): string {
  const parts: string[] = []
  if (select?.description) parts.push(`descriptions matching /${select.description.source}/`)
  if (select?.kinds) parts.push(`kind ${select.kinds.join(' or ')}`)
  return parts.join(', ')
}

/**
 * Interactions per verifier run. The Pact core's cost per interaction grows with the size of
 * the pact it verifies (≈9 ms at 100 interactions, ≈27 ms at 1,000 on these machines), so a
 * large selection is verified as pieces of this size, one verifier run each: flat in N.
 */
export const CHUNK_SIZE = 100

/** Each pact split into pieces of at most `size` interactions, in order. */
export function chunkPacts(pacts: readonly PactJson[], size: number): PactJson[] {
  return pacts.flatMap((pact) => {
    const pieces: PactJson[] = []
    for (let at = 0; at < pact.interactions.length; at += size)
      pieces.push({ ...pact, interactions: pact.interactions.slice(at, at + size) })
    return pieces
  })
}
