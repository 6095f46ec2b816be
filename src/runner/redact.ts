/**
 * Keeping secrets out of results. Results are shown, written to reports and attached to
 * CI logs, so a token must not survive anywhere in them — not only in the request headers
 * but also where a server echoes it back.
 */

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization'])

/** `Authorization: Bearer abc` → `Bearer ***`; the scheme stays, the credential goes. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      CREDENTIAL_HEADERS.has(name.toLowerCase()) ? redactCredential(value) : value,
    ]),
  )
}

function redactCredential(value: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9._~+/-]*)\s+\S/.exec(value)
  return scheme ? `${scheme[1]} ***` : '***'
}

/**
 * A copy of `value` in which every occurrence of every secret, in any string, is `***`.
 * Shape-preserving: only strings change, so the copy has the caller's type.
 */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  // Longest first, so a secret that contains another is removed whole.
  const usable = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length)
  if (usable.length === 0) return value
  return scrub(value, usable) as T
}

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.replaceAll(secret, '***'), value)
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        scrub(key, secrets) as string,
        scrub(item, secrets),
      ]),
    )
  }
  return value
}
