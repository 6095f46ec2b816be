/** A short, single-line rendering of a response body for messages. */
export const PREVIEW_LIMIT = 300

export function preview(value: unknown, limit = PREVIEW_LIMIT): string {
  const text =
    value === undefined ? '(empty body)' : typeof value === 'string' ? value : JSON.stringify(value)
  const flat = text.replace(/\s+/g, ' ')
  if (flat.length <= limit) return flat
  return `${flat.slice(0, limit)}… (${flat.length - limit} more characters)`
}
