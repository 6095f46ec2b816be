/**
 * `application/x-www-form-urlencoded` encoding for `form_data` and query parameters.
 * Nested values use the bracket convention Rails and most frameworks parse:
 * `{a: {b: 1}}` → `a[b]=1`, `{a: [1, 2]}` → `a[]=1&a[]=2`, `{a: [{b: 1}]}` → `a[][b]=1`.
 * `null` and `undefined` are sent as an empty value (`a=`).
 */

export type FormPair = [key: string, value: string]

export function formPairs(fields: Readonly<Record<string, unknown>>): FormPair[] {
  return Object.entries(fields).flatMap(([key, value]) => pairs(key, value))
}

function pairs(key: string, value: unknown): FormPair[] {
  if (Array.isArray(value)) return value.flatMap((item) => pairs(`${key}[]`, item))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([sub, item]) => pairs(`${key}[${sub}]`, item))
  }
  return [[key, value === null || value === undefined ? '' : String(value)]]
}

export function encodeForm(fields: Readonly<Record<string, unknown>>): string {
  return new URLSearchParams(formPairs(fields)).toString()
}

/** `base` + `path`, with exactly one slash between them, plus the query string. */
export function buildURL(
  base: string,
  path: string,
  params: Readonly<Record<string, unknown>>,
): string {
  const url = `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
  const query = encodeForm(params)
  if (!query) return url
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}
