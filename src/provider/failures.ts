/**
 * Reading the Pact verifier's JSON report: why each interaction failed, as
 * `VerificationFailure`s — with where in the body or which header, which the report's
 * `mismatch` text alone does not say ("Actual map is missing the following keys: uid").
 * The report is data from outside: every field is checked, none is cast.
 */
import { z } from 'zod'
import type { MismatchArea, VerificationFailure } from './failure'

const entry = z.looseObject({
  type: z.string().optional(),
  mismatch: z.string().optional(),
  description: z.string().optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  /** Body mismatches: the JSON path, e.g. `$.data.channel`. */
  path: z.string().optional(),
  /** Header, metadata and query mismatches: the name. */
  key: z.string().optional(),
  parameter: z.string().optional(),
})

const report = z.object({
  errors: z
    .array(
      z.object({
        interaction: z.string().optional(),
        mismatch: z
          .looseObject({ mismatches: z.array(entry).optional(), error: z.string().optional() })
          .optional(),
      }),
    )
    .optional(),
})

const AREAS: Record<string, MismatchArea> = {
  BodyMismatch: 'body',
  BodyTypeMismatch: 'body',
  HeaderMismatch: 'header',
  QueryMismatch: 'query',
  MetadataMismatch: 'metadata',
  PathMismatch: 'path',
  MethodMismatch: 'method',
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

function failureOf(e: z.infer<typeof entry>): VerificationFailure {
  const said = e.mismatch ?? e.description ?? JSON.stringify(e)
  if (e.type === 'StatusMismatch')
    return {
      kind: 'status',
      expected: text(e.expected),
      actual: text(e.actual),
      ...(e.mismatch ? { text: e.mismatch } : {}),
    }
  const area = AREAS[e.type ?? ''] ?? 'other'
  return { kind: 'mismatch', area, path: e.path ?? e.key ?? e.parameter, text: said }
}

/** Interaction name (as the verifier writes it) → failures. Not the JSON report: none. */
export function failuresOf(output: string): Map<string, VerificationFailure[]> {
  const failures = new Map<string, VerificationFailure[]>()
  let json: unknown
  try {
    json = JSON.parse(output)
  } catch {
    return failures
  }
  const parsed = report.safeParse(json)
  if (!parsed.success) return failures
  for (const error of parsed.data.errors ?? []) {
    const name = error.interaction ?? 'unknown interaction'
    const m = error.mismatch
    const found: VerificationFailure[] = m?.mismatches?.map(failureOf) ?? [
      { kind: 'other', text: m?.error ?? JSON.stringify(m) },
    ]
    failures.set(name, [...(failures.get(name) ?? []), ...found])
  }
  return failures
}
