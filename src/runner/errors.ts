/**
 * Every way a step can go wrong, as data: a stable `kind`, a title, and whether it is a
 * setup problem. Setup problems (a broken spec or configuration) fail the same way every
 * time, so `onFail: skip` never turns them into a skip: skipping is for a service that
 * cannot be tested, not for hiding a mistake.
 */
export interface MissingVariable {
  name: string
  /** Where in the step it is used, e.g. `body.channel_uid`. */
  where: string
  /** The earlier step that should have extracted it but did not pass. */
  expectedFrom?: string
}

export type StepProblem =
  | { kind: 'unexpected-status'; expected: number[]; actual: number; bodyPreview: string }
  | { kind: 'extract-not-found'; variable: string; path: string; bodyPreview: string }
  | { kind: 'extract-invalid-path'; variable: string; path: string; message: string }
  | { kind: 'unknown-variable'; stepId: string; variables: MissingVariable[] }
  | { kind: 'missing-token'; tokenType: string; configured: string[] }
  | { kind: 'missing-fallback' }
  | { kind: 'body-and-form' }
  | { kind: 'network'; code: string | undefined; message: string }
  | { kind: 'timeout'; timeoutMs: number }
  | {
      kind: 'webhook-timeout'
      event: string
      match: Record<string, string>
      timeoutMs: number
      /** Webhooks of the same event that arrived meanwhile but did not match. */
      others: number
    }
  | { kind: 'no-listener'; event: string; match: Record<string, string> }

export type ProblemKind = StepProblem['kind']

export const PROBLEMS = {
  'unexpected-status': { title: 'Unexpected response status', setup: false },
  'extract-not-found': { title: 'An extract path matched nothing', setup: false },
  'extract-invalid-path': { title: 'An extract path is not valid JSONPath', setup: true },
  'unknown-variable': { title: 'A {{variable}} has no value', setup: true },
  'missing-token': { title: 'No token configured for the token type', setup: true },
  'missing-fallback': { title: 'The step needs a fallback base URL', setup: true },
  'body-and-form': { title: 'The step has both body and form_data', setup: true },
  network: { title: 'The request could not be sent', setup: false },
  timeout: { title: 'No response in time', setup: false },
  'webhook-timeout': { title: 'The awaited webhook did not arrive in time', setup: false },
  'no-listener': { title: 'The step waits for a webhook but no listener runs', setup: true },
} as const satisfies Record<ProblemKind, { title: string; setup: boolean }>

export function isSetupProblem(problem: StepProblem): boolean {
  return PROBLEMS[problem.kind].setup
}

const statusList = (codes: number[]) =>
  codes.length === 1 ? String(codes[0]) : `one of ${codes.join(', ')}`

/** One line a user can act on. */
export function describeProblem(problem: StepProblem): string {
  switch (problem.kind) {
    case 'unexpected-status':
      return `expected status ${statusList(problem.expected)}, got ${problem.actual}: ${problem.bodyPreview}`
    case 'extract-not-found':
      return `${problem.path} (for ${problem.variable}) matched nothing in the response body: ${problem.bodyPreview}`
    case 'extract-invalid-path':
      return `${problem.path} (for ${problem.variable}) is not valid JSONPath: ${problem.message}`
    case 'unknown-variable':
      return `step "${problem.stepId}": ${problem.variables.map(describeMissing).join('; ')}`
    case 'missing-token': {
      const known = problem.configured.length ? problem.configured.join(', ') : 'none'
      return `no token for token type "${problem.tokenType}" (configured: ${known})`
    }
    case 'missing-fallback':
      return 'the step uses the fallback API but no fallbackBaseURL was given'
    case 'body-and-form':
      return 'the step has both body and form_data; a request carries one of them'
    case 'network':
      return `request failed: ${problem.message}${problem.code ? ` (${problem.code})` : ''}`
    case 'timeout':
      return `no response within ${problem.timeoutMs} ms`
    case 'webhook-timeout': {
      const others = problem.others
        ? `; ${problem.others} other ${problem.event} webhook${problem.others === 1 ? '' : 's'} arrived that did not match`
        : `; no ${problem.event} webhook arrived`
      return `webhook ${awaited(problem)} did not arrive within ${problem.timeoutMs} ms${others}`
    }
    case 'no-listener':
      return `the step waits for webhook ${awaited(problem)} but no webhook listener runs (start one with --webhook-listen host:port)`
  }
}

function awaited(problem: { event: string; match: Record<string, string> }): string {
  const where = Object.entries(problem.match).map(
    ([path, value]) => `${path} = ${JSON.stringify(value)}`,
  )
  return where.length ? `${problem.event} (${where.join(', ')})` : problem.event
}

function describeMissing(missing: MissingVariable): string {
  const because = missing.expectedFrom
    ? `step "${missing.expectedFrom}" should have extracted it but did not pass`
    : 'not extracted by an earlier step, not a configured variable, not a built-in'
  return `unknown variable {{${missing.name}}} at ${missing.where} (${because})`
}

export function describeProblems(problems: readonly StepProblem[]): string {
  return problems.map(describeProblem).join('; ')
}
