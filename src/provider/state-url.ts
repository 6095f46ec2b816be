/** One call to a provider's state-change URL, bounded, and its answer checked. */
import { type JsonValue, parseJsonText } from '../shared'
import { causeOf } from './reachability'
import type { Entity } from './types'

/** How long a state-change call may take unless the run says otherwise. */
export const DEFAULT_STATE_TIMEOUT_MS = 10_000

export async function callUrl(
  url: string,
  state: string,
  params: Record<string, JsonValue>,
  timeoutMs: number,
  action: 'setup' | 'teardown' = 'setup',
): Promise<Entity> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state, params, action }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const cause = fetchCause(error, timeoutMs)
    throw isTimeout(error)
      ? new StateTimeout(`POST ${url}: ${cause}`)
      : new Error(`POST ${url}: ${cause}`)
  }
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw new Error(`POST ${url}: reading the answer failed: ${fetchCause(error, timeoutMs)}`)
  }
  if (!response.ok)
    throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 200)}`)
  if (text.trim() === '') return {}
  let parsed: JsonValue
  try {
    parsed = parseJsonText(text)
  } catch {
    throw new Error(
      `POST ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
    )
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(
      `POST ${url} answered ${response.status} with ${JSON.stringify(parsed).slice(0, 100)}, not a JSON object (the entity set up)`,
    )
  return parsed
}

/** After this many unanswered state-change calls in a row, the URL is not called again. */
export const GIVE_UP_AFTER_TIMEOUTS = 2

/** A state-change call that got no answer in time. */
export class StateTimeout extends Error {}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')

/** Why a fetch failed: a timeout, or the errno of the connection (undici hides it in `cause`). */
export function fetchCause(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `no answer within ${timeoutMs} ms`
  return causeOf(error)
}
