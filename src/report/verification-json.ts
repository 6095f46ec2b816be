/**
 * `specpact verify --format json`: the results as one JSON document, for CI and for tools
 * that read them (coverage). The shape is versioned by `format`; fields are only ever added.
 *
 * ```json
 * { "format": "specpact-verification/1", "ok": false, "provider": "communication-gw",
 *   "summary": { "total": 14, "verified": 13, "failed": 1 },
 *   "interactions": [
 *     { "description": "post_business_communication_channels", "consumer": "communication-ui",
 *       "interaction": "http", "spec": "specs/…/post_business_communication_channels.md",
 *       "states": [], "liveStatus": "skip", "result": "failed",
 *       "failures": [{ "kind": "status", "expected": "201", "actual": "500", "text": "expected 201 but was 500" }],
 *       "reasons": ["expected 201 but was 500"] } ] }
 * ```
 * `failures` items are the tagged union `VerificationFailure` (src/provider/failure.ts):
 * `state` {state, cause}, `transport` {url, cause}, `no-producer` / `producer` {event, cause},
 * `status` {expected, actual}, `mismatch` {area, path, text}, `other` {text}.
 */
import type { InteractionResult, VerificationFailure } from '../provider'

export const VERIFICATION_FORMAT = 'specpact-verification/1'

export interface VerificationJson {
  format: typeof VERIFICATION_FORMAT
  ok: boolean
  provider: string
  summary: { total: number; verified: number; failed: number }
  interactions: Array<{
    description: string
    consumer: string
    interaction: 'http' | 'message'
    spec: string | null
    states: string[]
    liveStatus: string | null
    result: 'passed' | 'failed'
    failures: VerificationFailure[]
    reasons: string[]
  }>
}

export function verificationJson(
  provider: string,
  ok: boolean,
  results: readonly InteractionResult[],
  statuses?: ReadonlyMap<string, string>,
): VerificationJson {
  const failed = results.filter((r) => r.kind === 'failed').length
  return {
    format: VERIFICATION_FORMAT,
    ok,
    provider,
    summary: { total: results.length, verified: results.length - failed, failed },
    interactions: results.map((r) => ({
      description: r.description,
      consumer: r.consumer,
      interaction: r.interaction,
      spec: r.spec ?? null,
      states: r.states,
      liveStatus: statuses?.get(r.description) ?? null,
      result: r.kind,
      failures: r.kind === 'failed' ? r.failures : [],
      reasons: r.kind === 'failed' ? r.reasons : [],
    })),
  }
}
