/**
 * The faults the fake answers with, instead of (or on top of) the real broker's answer: what a
 * real Pact Broker cannot be made to do, but a proxy, a load balancer or a broker under load
 * does.
 */
import type { ServerResponse } from 'node:http'

export type Fault =
  /** An error status without reaching the broker, e.g. 503 from a load balancer. */
  | { kind: 'status'; status: number }
  /** The connection is accepted and nothing is ever answered. */
  | { kind: 'hang' }
  /** Status and headers, the start of the body, then nothing more. */
  | { kind: 'stall' }
  /** 200 with an HTML page (a sign-in page in front of the broker). */
  | { kind: 'not-json' }
  /** The broker's own answer, cut in the middle (the request reaches the broker). */
  | { kind: 'truncated' }
  /** 200 with JSON that is no HAL resource at all. */
  | { kind: 'wrong-shape' }
  /** The broker's own answer without its `_links` (the request reaches the broker). */
  | { kind: 'no-links' }

export type FaultKind = Fault['kind']

/** Which requests a fault answers: a method and a path (without the query string). */
export interface FaultRule {
  method: 'GET' | 'POST' | 'PUT'
  path: RegExp
  fault: Fault
}

/** Faults that need the broker's answer to spoil it: the request is forwarded first. */
export function needsUpstream(fault: Fault): boolean {
  return fault.kind === 'truncated' || fault.kind === 'no-links'
}

const HAL = 'application/hal+json;charset=utf-8'

/** Answers a fault that does not need the broker. */
export function answerWithout(fault: Fault, res: ServerResponse): void {
  switch (fault.kind) {
    case 'status':
      res
        .writeHead(fault.status, { 'Content-Type': 'text/html' })
        .end(`<html><body><h1>${fault.status}</h1>upstream unavailable</body></html>`)
      return
    case 'hang':
      return
    case 'stall':
      // A length promising more than is sent: the client waits for the rest.
      res.writeHead(200, { 'Content-Type': HAL, 'Content-Length': '4096' })
      res.write('{"_links": {')
      return
    case 'not-json':
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<html><body>Sign in to continue</body></html>')
      return
    case 'wrong-shape':
      res.writeHead(200, { 'Content-Type': HAL }).end('["not", "a", "resource"]')
      return
    case 'truncated':
    case 'no-links':
      throw new Error(`the ${fault.kind} fault needs the broker's answer`)
  }
}

/** Spoils the broker's answer `body` (JSON text) as the fault says. */
export function spoil(fault: Fault, body: string): string {
  if (fault.kind === 'truncated') return body.slice(0, Math.max(1, Math.floor(body.length / 2)))
  if (fault.kind === 'no-links') {
    const parsed: unknown = JSON.parse(body)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body
    return JSON.stringify(
      Object.fromEntries(Object.entries(parsed).filter(([k]) => k !== '_links')),
    )
  }
  return body
}
