/**
 * JSONPath extraction (`extract: { channel_uid: "$.data.channel.uid" }`). A path that
 * matches nothing is an outcome, not a crash; a match whose value is `null` is found.
 */
import jp from 'jsonpath'
import type { StepProblem } from './errors'
import { preview } from './preview'

export type ExtractOutcome =
  | { kind: 'found'; value: unknown }
  | Extract<StepProblem, { kind: 'extract-not-found' | 'extract-invalid-path' }>

/**
 * The first value `path` selects in `body`. `shown` is the body as it may appear in a
 * message (secrets removed); it defaults to `body`.
 */
export function extractOne(
  body: unknown,
  variable: string,
  path: string,
  shown: unknown = body,
): ExtractOutcome {
  try {
    jp.parse(path)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { kind: 'extract-invalid-path', variable, path, message: message.replace(/\s+/g, ' ') }
  }
  // jsonpath only walks objects and arrays; a text or empty body has nothing to select.
  const matches = body !== null && typeof body === 'object' ? jp.query(body, path, 1) : []
  if (matches.length === 0) {
    return { kind: 'extract-not-found', variable, path, bodyPreview: preview(shown) }
  }
  return { kind: 'found', value: matches[0] }
}

export interface Extraction {
  values: Record<string, unknown>
  problems: StepProblem[]
}

/** Every extract of a step: the values found and a problem for each path that was not. */
export function extractAll(
  body: unknown,
  extract: Readonly<Record<string, string>>,
  shown: unknown = body,
): Extraction {
  const values: Record<string, unknown> = {}
  const problems: StepProblem[] = []
  for (const [variable, path] of Object.entries(extract)) {
    const outcome = extractOne(body, variable, path, shown)
    if (outcome.kind === 'found') values[variable] = outcome.value
    else problems.push(outcome)
  }
  return { values, problems }
}
