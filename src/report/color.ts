/**
 * Whether output gets ANSI colours: only on a terminal, never with `NO_COLOR` (any value,
 * as no-color.org says), always with `FORCE_COLOR`. Unlike picocolors' default, a CI
 * variable alone does not turn colours on: logs and files stay plain text.
 */
export function colorFor(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if ('NO_COLOR' in env) return false
  if ('FORCE_COLOR' in env && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true && env.TERM !== 'dumb'
}
