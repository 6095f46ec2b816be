/**
 * Helpers for the reference's own tests: requests through `app.inject` and typed access to
 * JSON answers. Not part of the public API.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'

export const BUSINESS = 'bz3p8ja7a1b2c3d4'
export const AUTH = { authorization: 'Bearer test-token' }
export const COMM = '/business/communication'

export interface Answer {
  status: number
  body: unknown
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export async function send(
  app: FastifyInstance,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = AUTH,
): Promise<Answer> {
  const options: InjectOptions = { method, url, headers }
  if (body !== undefined) options.payload = JSON.stringify(body)
  if (body !== undefined) options.headers = { ...headers, 'content-type': 'application/json' }
  const response = await app.inject(options)
  return { status: response.statusCode, body: response.body === '' ? undefined : response.json() }
}

/** The value at a dot path (`data.sessions.0.uid`), or `undefined`. */
export function field(value: unknown, path: string): unknown {
  let current = value
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined
    current = Reflect.get(current, Array.isArray(current) ? Number(key) : key)
  }
  return current
}

/** A string at a dot path; throws (failing the test) when it is not one. */
export function text(value: unknown, path: string): string {
  const found = field(value, path)
  if (typeof found !== 'string')
    throw new Error(`expected a string at ${path}, got ${JSON.stringify(found)}`)
  return found
}

/** The error codes of an error envelope, in order. */
export const codes = (answer: Answer): unknown[] => {
  const errors = field(answer.body, 'errors')
  return Array.isArray(errors) ? errors.map((e) => field(e, 'code')) : []
}

/** The error messages of an error envelope, joined: for `toContain` checks. */
export const messages = (answer: Answer): string => {
  const errors = field(answer.body, 'errors')
  return Array.isArray(errors) ? errors.map((e) => String(field(e, 'message'))).join(' | ') : ''
}

export async function createChannel(app: FastifyInstance, business = BUSINESS): Promise<string> {
  const answer = await send(app, 'POST', `${COMM}/channels`, {
    business_uid: business,
    type: 'transactional',
    display_name: 'Test Channel 1767225600',
  })
  return text(answer.body, 'data.channel.uid')
}

/** The simulated gateway callback. */
export const activate = (app: FastifyInstance, uid: string): Promise<Answer> =>
  send(app, 'POST', `/_gateway/channels/${uid}/activation`, undefined, {})

export async function activeChannel(app: FastifyInstance, business = BUSINESS): Promise<string> {
  const uid = await createChannel(app, business)
  await activate(app, uid)
  return uid
}

export async function firstClientId(app: FastifyInstance, business = BUSINESS): Promise<string> {
  const answer = await send(app, 'GET', `/platform/v1/clients?business_id=${business}&per_page=1`)
  return text(answer.body, 'data.clients.0.id')
}

export const sessionBody = (channel_uid: string, contact_uid: string, external_uid = 'ext-1') => ({
  business_uid: BUSINESS,
  channel_uid,
  contact_uid,
  external_uid,
})
