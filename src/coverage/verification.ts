/**
 * The last verification result of each interaction, read from `specpact verify --format
 * json` output. Validated where it enters: a file that is not such output is an error
 * naming the file and the field, never a silent "not run".
 */
import { z } from 'zod'
import type { VerificationState } from './types'

const Outcome = z.enum(['passed', 'failed', 'pending'])

const ResultSchema = z.object({
  description: z.string().min(1),
  kind: Outcome.optional(),
  status: Outcome.optional(),
  provider: z.string().optional(),
  consumer: z.string().optional(),
})

const Document = z.union([
  z.object({ results: z.array(ResultSchema) }),
  z.object({ interactions: z.array(ResultSchema) }),
  z.object({
    pacts: z.array(
      z.object({
        consumer: z.string().optional(),
        provider: z.string().optional(),
        results: z.array(ResultSchema),
      }),
    ),
  }),
  z.array(ResultSchema),
])

type Result = z.infer<typeof ResultSchema>

/** Interaction results by description (and by provider/description when the file says). */
export interface VerificationResults {
  stateOf(provider: string, description: string): VerificationState
  readonly count: number
}

export type VerificationParse =
  | { ok: true; results: VerificationResults }
  | { ok: false; message: string }

export function parseVerification(value: unknown, file: string): VerificationParse {
  const parsed = Document.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    return {
      ok: false,
      message: `${file}: not the output of specpact verify --format json${where}: ${issue?.message ?? 'unexpected shape'}`,
    }
  }
  const data = parsed.data
  const all: Result[] = Array.isArray(data)
    ? data
    : 'results' in data
      ? data.results
      : 'interactions' in data
        ? data.interactions
        : data.pacts.flatMap((p) => p.results.map((r) => ({ provider: p.provider, ...r })))
  const byKey = new Map<string, VerificationState>()
  for (const result of all) {
    const outcome = result.kind ?? result.status
    if (!outcome) {
      return { ok: false, message: `${file}: result "${result.description}" has no kind/status` }
    }
    // A pending pact's failure is still a failure of that interaction.
    const state: VerificationState = outcome === 'passed' ? 'passed' : 'failed'
    const keys = [`\u0000${result.description}`]
    if (result.provider) keys.push(`${result.provider}\u0000${result.description}`)
    for (const key of keys) {
      // One failure anywhere is the result: a later pass of the same description elsewhere
      // must not hide it.
      if (byKey.get(key) !== 'failed') byKey.set(key, state)
    }
  }
  return {
    ok: true,
    results: {
      count: all.length,
      stateOf: (provider, description) =>
        byKey.get(`${provider}\u0000${description}`) ??
        byKey.get(`\u0000${description}`) ??
        'not-run',
    },
  }
}
