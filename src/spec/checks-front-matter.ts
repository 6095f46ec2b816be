/**
 * Checks of the test request against the front matter: the endpoint it names and the
 * outcome it declares.
 */
import { isRecord, pathSegments } from '../shared'
import { label, offset, type RawStep, where } from './checks'
import type { Collector } from './collector'
import { HTTP_METHODS, isOneOf } from './schema'

/** Literal segments must agree; `{param}` and `{{var}}` segments match anything. */
export function pathsAgree(endpointPath: string, requestPath: string): boolean {
  const norm = (p: string) =>
    pathSegments(p).map((s) => (/^\{\{?[^}]*\}?\}$/.test(s) || s.includes('{{') ? '*' : s))
  const a = norm(endpointPath)
  const b = norm(requestPath)
  return a.length === b.length && a.every((s, i) => s === '*' || b[i] === '*' || s === b[i])
}

const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/\S*)$/

const isStatus = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599

function expectedStatuses(step: RawStep): number[] {
  const expect = step.value.expect
  const status = isRecord(expect) ? expect.status : undefined
  return (Array.isArray(status) ? status : [status]).filter(isStatus)
}

/**
 * Checks of the test request against the front matter. `fm` is the front matter as parsed:
 * fields that are unusable are reported by the schema and skipped here.
 */
export function checkAgainstFrontMatter(
  fm: Record<string, unknown>,
  requests: RawStep[],
  fmOffset: (key: string) => number,
  out: Collector,
) {
  const endpoint = typeof fm.endpoint === 'string' ? ENDPOINT.exec(fm.endpoint) : null
  const [, method, endpointPath] = endpoint ?? []
  if (method !== undefined && endpointPath !== undefined) {
    for (const step of requests) {
      const { method: m, path: p } = step.value
      // A step with an invalid method or path has its own error; a mismatch would echo it.
      if (!isOneOf(HTTP_METHODS, m)) continue
      if (typeof p !== 'string' || !p.startsWith('/')) continue
      if (m === method && pathsAgree(endpointPath, p)) continue
      out.add(
        'endpoint-mismatch',
        offset(step, ['path']),
        where(step, ['path']),
        `front matter says ${fm.endpoint} but ${label(step)} sends ${m} ${p}`,
        { expected: String(fm.endpoint), found: `${m} ${p}` },
      )
    }
  }
  const statuses = requests.flatMap(expectedStatuses)
  const outcome = fm.expectedOutcome
  if (outcome === undefined) {
    checkUndeclaredOutcome(requests, statuses, out)
    return
  }
  const outcomes = (Array.isArray(outcome) ? outcome : [outcome]).filter(isStatus)
  if (outcomes.length === 0 || statuses.length === 0) return
  if (outcomes.some((o) => statuses.includes(o))) return
  out.add(
    'outcome-mismatch',
    fmOffset('expectedOutcome'),
    'frontMatter.expectedOutcome',
    `expectedOutcome ${outcomes.join(', ')} is not among the statuses the test request expects`,
    { expected: `one of ${statuses.map(String).join(', ')}`, found: outcomes.join(', ') },
  )
}

/**
 * A test request that expects no 2xx status documents a failure: the format asks the front
 * matter to say so with expectedOutcome, and why with expectedOutcomeReason.
 */
function checkUndeclaredOutcome(requests: RawStep[], statuses: number[], out: Collector) {
  if (statuses.length === 0 || statuses.some((s) => s >= 200 && s < 300)) return
  const first = requests.find((step) => expectedStatuses(step).length > 0)
  if (!first) return
  const listed = [...new Set(statuses)].join(', ')
  out.add(
    'outcome-undeclared',
    offset(first, ['expect', 'status']),
    where(first, ['expect', 'status']),
    `the test request expects only ${listed}, not a 2xx success, but the front matter has no expectedOutcome`,
    {
      expected: `expectedOutcome: ${statuses[0]} and an expectedOutcomeReason in the front matter`,
      found: 'no expectedOutcome',
    },
  )
}
