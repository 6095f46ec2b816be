/**
 * One HTTP exchange through axios. Every status is a response (never an exception); a
 * request that gets no response becomes a `network` or `timeout` problem.
 */
import { type AxiosInstance, isAxiosError } from 'axios'
import type { HttpMethod } from '../spec'
import type { StepProblem } from './errors'
import type { RecordedResponse } from './types'

export interface Exchange {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  data: string | undefined
}

export type Sent =
  | { kind: 'response'; response: RecordedResponse }
  | { kind: 'no-response'; problem: StepProblem }

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT'])

export async function send(
  http: AxiosInstance,
  exchange: Exchange,
  timeoutMs: number,
): Promise<Sent> {
  try {
    const response = await http.request<string>({
      method: exchange.method,
      url: exchange.url,
      headers: exchange.headers,
      data: exchange.data,
      timeout: timeoutMs,
      validateStatus: () => true,
      // The raw text, parsed here, so a body that is not JSON is kept rather than lost.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    })
    return {
      kind: 'response',
      response: {
        status: response.status,
        headers: flatHeaders(response.headers),
        body: parseBody(response.data),
      },
    }
  } catch (error) {
    return { kind: 'no-response', problem: noResponse(error, timeoutMs) }
  }
}

function noResponse(error: unknown, timeoutMs: number): StepProblem {
  if (isAxiosError(error)) {
    if (error.code && TIMEOUT_CODES.has(error.code)) return { kind: 'timeout', timeoutMs }
    return { kind: 'network', code: error.code, message: error.message }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { kind: 'network', code: undefined, message }
}

/** JSON when it parses, else the text; undefined for an empty body. */
export function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data ?? undefined
  if (data.trim() === '') return undefined
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function flatHeaders(headers: object): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries({ ...headers })) {
    if (value === undefined || value === null) continue
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return flat
}
