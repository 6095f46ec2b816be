/**
 * A provider's message-producer URL, called as the Rust verifier's message transport does:
 * `POST {"description", "providerStates"}`; the answer's body is the message (its type from
 * Content-Type), its metadata the `Pact-Message-Metadata` header (base64 of a JSON object).
 * specpact adds `specpact: {event, params}` — the event the pact names and the trigger params
 * with the values the states provided — which a provider may use or ignore.
 */
import { type JsonValue, parseJsonText } from '../shared'
import type { ProducedMessage } from './messages'
import { fetchCause } from './states'

export const METADATA_HEADER = 'pact-message-metadata'

export interface MessageRequest {
  description: string
  providerStates: JsonValue
  specpact: { event: string | undefined; params: Record<string, JsonValue> }
}

export async function produceFromUrl(
  url: string,
  body: MessageRequest,
  timeoutMs: number,
): Promise<ProducedMessage> {
  let response: Response
  let text: string
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    text = await response.text()
  } catch (error) {
    throw new Error(`POST ${url}: ${fetchCause(error, timeoutMs)}`)
  }
  if (!response.ok)
    throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 200)}`)
  const type = response.headers.get('content-type') ?? ''
  let contents: JsonValue = text
  if (/\bjson\b/i.test(type)) {
    try {
      contents = parseJsonText(text)
    } catch {
      throw new Error(
        `POST ${url} answered ${type} with a body that is not JSON: ${text.slice(0, 200)}`,
      )
    }
  }
  return { contents, metadata: metadataOf(url, response.headers.get(METADATA_HEADER)) }
}

/** The `Pact-Message-Metadata` header: base64 of a JSON object of strings. */
function metadataOf(url: string, header: string | null): Record<string, string> {
  if (!header) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8'))
  } catch {
    throw new Error(`POST ${url}: the Pact-Message-Metadata header is not base64 of JSON`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`POST ${url}: the Pact-Message-Metadata header is not a JSON object`)
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  )
}
