/**
 * The last verification result of each interaction, read from `specpact verify --format
 * json` output. Validated where it enters: a file that is not such output is an error
 * naming the file and the field, never a silent "not run".
 */
import { z } from 'zod'
import { isRecord } from '../shared'
import type { VerificationState } from './types'

const Outcome = z.enum(['passed', 'failed', 'pending'])

const ResultSchema = z.object({
  description: z.string().min(1),
  /** `specpact verify --format json` (format specpact-verification/1) says `result`. */
  result: Outcome.optional(),
  kind: Outcome.optional(),
  status: Outcome.optional(),
  provider: z.string().optional(),
  consumer: z.string().optional(),
})

const Results = z.array(ResultSchema)
const PerPact = z.array(
  z.object({
    consumer: z.string().optional(),
    provider: z.string().optional(),
    results: Results,
  }),
)

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
  const all = resultsOf(value)
  if (!all.ok) {
    const issue = all.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` at ${all.prefix}${issue.path.join('.')}` : ''
    return {
      ok: false,
      message: `${file}: not the output of specpact verify --format json${where}: ${issue?.message ?? 'unexpected shape'}`,
    }
  }
  const byKey = new Map<string, VerificationState>()
  for (const result of all.results) {
    const outcome = result.result ?? result.kind ?? result.status
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
      count: all.results.length,
      stateOf: (provider, description) =>
        byKey.get(`${provider}\u0000${description}`) ??
        byKey.get(`\u0000${description}`) ??
        'not-run',
    },
  }
}

type Picked = { ok: true; results: Result[] } | { ok: false; error: z.ZodError; prefix: string }

/** The results of any of the accepted shapes, validated by the one the value has. */
function resultsOf(value: unknown): Picked {
  const record = isRecord(value) ? value : undefined
  const field = (['results', 'interactions', 'pacts'] as const).find((k) => record && k in record)
  if (field === 'pacts') {
    const parsed = PerPact.safeParse(record?.pacts)
    return parsed.success
      ? {
          ok: true,
          results: parsed.data.flatMap((p) =>
            p.results.map((r) => ({ provider: p.provider, ...r })),
          ),
        }
      : { ok: false, error: parsed.error, prefix: 'pacts.' }
  }
  if (!field && !Array.isArray(value)) {
    const message = 'expected an object with "results" (or a list of results)'
    const error = new z.ZodError([{ code: 'custom', path: [], message, input: value }])
    return { ok: false, error, prefix: '' }
  }
  const parsed = Results.safeParse(field ? record?.[field] : value)
  // The document's provider applies to each of its results that names none.
  const provider = typeof record?.provider === 'string' ? record.provider : undefined
  if (parsed.success)
    return {
      ok: true,
      results: parsed.data.map((r) => ({ ...r, provider: r.provider ?? provider })),
    }
  return { ok: false, error: parsed.error, prefix: field ? `${field}.` : '' }
}
