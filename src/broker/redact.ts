/** Replaces every occurrence of each secret with `***`. */
export const REDACTED = '***'

export function redact(text: string, secrets: readonly string[]): string {
  // Longest first, so that a secret containing another is replaced whole.
  const ordered = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length)
  let out = text
  for (const secret of ordered) out = out.split(secret).join(REDACTED)
  return out
}
