/**
 * Secrets never leave specpact: every configured token and broker credential is replaced by
 * `***` in anything verification prints or writes. Redaction is by value, whatever the
 * scheme (`Bearer`, `Token token=`, basic auth) or wherever the value appears (a provider
 * echoing headers in a 500 body, the Pact core's report, a URL), and also catches the forms a
 * value takes when it is JSON-escaped, URL-encoded or base64-encoded (basic auth).
 */

export const REDACTED = '***'

/** Values shorter than this are not treated as secrets: redacting "a" would mangle all output. */
const MIN_SECRET_LENGTH = 4

export type Redact = (text: string) => string

/** Every form a secret may take in output. */
function formsOf(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])
  forms.add(Buffer.from(secret).toString('base64'))
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH)
}

/**
 * A function replacing each of `secrets` (and the basic-auth pairs among `pairs`) by `***`.
 * Longer forms are replaced first, so that a secret containing another is fully hidden.
 */
export function redactor(
  secrets: Iterable<string | undefined>,
  pairs: Iterable<[string | undefined, string | undefined]> = [],
): Redact {
  const forms = new Set<string>()
  for (const secret of secrets) if (secret) for (const f of formsOf(secret)) forms.add(f)
  for (const [user, password] of pairs) {
    if (user && password) forms.add(Buffer.from(`${user}:${password}`).toString('base64'))
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length)
  if (sorted.length === 0) return (text) => text
  const pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g')
  return (text) => text.replace(pattern, REDACTED)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The broker credentials in an environment (they reach the verifier and the pact CLI). */
export function brokerSecrets(env: NodeJS.ProcessEnv = process.env): {
  secrets: Array<string | undefined>
  pairs: Array<[string | undefined, string | undefined]>
} {
  return {
    secrets: [env.PACT_BROKER_TOKEN, env.PACT_BROKER_PASSWORD],
    pairs: [[env.PACT_BROKER_USERNAME, env.PACT_BROKER_PASSWORD]],
  }
}
