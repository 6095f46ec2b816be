/**
 * Why a webhook was refused:
 * - `not-json`: the body is not JSON;
 * - `unknown-event`: an event this receiver does not know (or no event at all);
 * - `event-mismatch`: the header names another event than the body;
 * - `malformed`: a known event whose payload lacks a field or has a wrong value.
 */
export type WebhookErrorCode = 'not-json' | 'unknown-event' | 'event-mismatch' | 'malformed'

export class WebhookError extends Error {
  override name = 'WebhookError'

  constructor(
    readonly code: WebhookErrorCode,
    message: string,
    /** For `malformed`: each problem as `path: what is wrong`. */
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message)
  }
}
