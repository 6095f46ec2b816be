/**
 * Limits of what a spec may hold. The Pact core reads a pact file with serde_json, which
 * refuses more than 128 levels of nesting in the whole document; a body sits 4 levels down
 * (pact → interactions → interaction → request → body), so lint stops a value nested more
 * than 120 levels before translation writes a pact nothing can read.
 */
import { nestingDepth } from '../shared'
import type { Collector } from './collector'

export const MAX_NESTING = 120

/** Reports `value` when it nests deeper than `MAX_NESTING`; true when it is within it. */
export function withinNesting(
  value: unknown,
  /** Where the value starts: worked out only for the diagnostic. */
  offset: () => number,
  where: string,
  label: string,
  out: Collector,
  extra = 0,
): boolean {
  const depth = nestingDepth(value, MAX_NESTING + extra) - extra
  if (depth <= MAX_NESTING) return true
  out.add(
    'too-deep',
    offset(),
    where,
    `${label} nests more than ${MAX_NESTING} levels deep; the Pact core cannot read such a pact`,
    {
      expected: `at most ${MAX_NESTING} levels of objects and arrays`,
      found: `more than ${MAX_NESTING}`,
    },
  )
  return false
}
