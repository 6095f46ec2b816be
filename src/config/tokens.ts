/** Real tokens, by token type, from the environment variables the configuration names. */
export function tokensFromEnv(
  tokens: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [type, variable] of Object.entries(tokens)) {
    const value = env[variable]
    if (value) out[type] = value
  }
  return out
}
