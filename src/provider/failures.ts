/**
 * Reading the Pact verifier's JSON report: the reasons each interaction failed, in words a
 * provider team can act on — with where in the body or which header, which the report's
 * `mismatch` text alone does not say ("Actual map is missing the following keys: uid").
 */

interface MismatchEntry {
  type?: string
  mismatch?: string
  description?: string
  /** Body mismatches: the JSON path, e.g. `$.data.channel`. */
  path?: string
  /** Header and query mismatches: the header or parameter name. */
  key?: string
  parameter?: string
}

interface Mismatch {
  mismatches?: MismatchEntry[]
  error?: string
}

interface VerifierReport {
  errors?: Array<{ interaction?: string; mismatch?: Mismatch }>
}

function reasonOf(entry: MismatchEntry): string {
  const text = entry.mismatch ?? entry.description ?? JSON.stringify(entry)
  switch (entry.type) {
    case 'BodyMismatch':
      return entry.path && entry.path !== '/' ? `${entry.path}: ${text}` : text
    case 'HeaderMismatch':
      return entry.key ? `header ${entry.key}: ${text}` : text
    case 'QueryMismatch':
      return entry.parameter ? `query ${entry.parameter}: ${text}` : text
    default:
      return text
  }
}

/** Interaction name (as the verifier writes it) → reasons. Not JSON: no failures. */
export function failuresOf(output: string): Map<string, string[]> {
  const failures = new Map<string, string[]>()
  let parsed: VerifierReport
  try {
    parsed = JSON.parse(output)
  } catch {
    return failures
  }
  for (const error of parsed.errors ?? []) {
    const name = error.interaction ?? 'unknown interaction'
    const m = error.mismatch
    const reasons = m?.mismatches?.map(reasonOf) ?? [m?.error ?? JSON.stringify(m)]
    failures.set(name, [...(failures.get(name) ?? []), ...reasons])
  }
  return failures
}
