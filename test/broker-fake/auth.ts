/** PactFlow's bearer token, which the open-source broker does not have. */
import { timingSafeEqual } from 'node:crypto'

export interface BearerAuth {
  token: string
}

export function presented(header: string | undefined): 'none' | 'bearer' | 'basic' | 'other' {
  if (!header) return 'none'
  if (/^bearer /i.test(header)) return 'bearer'
  if (/^basic /i.test(header)) return 'basic'
  return 'other'
}

export function checkBearer(auth: BearerAuth, header: string | undefined): boolean {
  if (presented(header) !== 'bearer') return false
  const left = Buffer.from((header ?? '').slice('bearer '.length).trim())
  const right = Buffer.from(auth.token)
  return left.length === right.length && timingSafeEqual(left, right)
}
