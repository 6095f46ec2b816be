/** Credential checking for the fake: none, a bearer token, or basic auth. */
import { timingSafeEqual } from 'node:crypto'

export type BrokerAuth =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'basic'; username: string; password: string }

export interface AuthVerdict {
  ok: boolean
  presented: 'none' | 'bearer' | 'basic' | 'other'
}

export function checkAuth(auth: BrokerAuth, header: string | undefined): AuthVerdict {
  const presented = !header
    ? 'none'
    : /^bearer /i.test(header)
      ? 'bearer'
      : /^basic /i.test(header)
        ? 'basic'
        : 'other'
  switch (auth.kind) {
    case 'none':
      return { ok: true, presented }
    case 'token':
      return {
        ok: presented === 'bearer' && same(header?.slice('bearer '.length) ?? '', auth.token),
        presented,
      }
    case 'basic': {
      const expected = Buffer.from(`${auth.username}:${auth.password}`).toString('base64')
      return {
        ok: presented === 'basic' && same(header?.slice('basic '.length) ?? '', expected),
        presented,
      }
    }
  }
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a.trim())
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
