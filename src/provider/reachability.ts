/**
 * Before verifying, every URL specpact will call (the provider, a state-change URL, a message
 * URL) is asked whether it answers at all: a provider that is down fails the run in seconds
 * with the URL and the errno, instead of failing each interaction after its timeout.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { errnoCode } from '../shared'

export interface Unreachable {
  what: string
  url: string
  cause: string
}

/**
 * `undefined` when `url` answers an HTTP request (any status) within `timeoutMs`; else why
 * not: the errno of the failed connection, or that no answer came.
 */
export function probe(
  what: string,
  url: string,
  timeoutMs: number,
): Promise<Unreachable | undefined> {
  return new Promise((resolve) => {
    let target: URL
    try {
      target = new URL(url)
    } catch {
      resolve({ what, url, cause: 'not a valid URL' })
      return
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      resolve({ what, url, cause: `unsupported protocol ${target.protocol}` })
      return
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    // HEAD of the URL itself: the cheapest request any HTTP server answers, whatever the route.
    const req = send(target, { method: 'HEAD', timeout: timeoutMs, agent: false }, (res) => {
      res.resume()
      resolve(undefined)
      req.destroy()
    })
    req.on('timeout', () => {
      resolve({
        what,
        url,
        cause: `connected, but no HTTP answer within ${timeoutMs} ms`,
      })
      req.destroy()
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ what, url, cause: causeOf(error) })
    })
    req.end()
  })
}

/** An error as its errno and message (`ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:1)`). */
export function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const errno = errnoCode(error)
  const nested = error.cause
  if (!errno && nested instanceof Error) return causeOf(nested)
  if (errno && !error.message.includes(errno)) return `${errno}: ${error.message}`
  return error.message || errno || error.name
}
