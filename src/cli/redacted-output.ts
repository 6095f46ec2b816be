/**
 * While a command runs, everything written to stdout and stderr — specpact's own output, a
 * library's log line, an error message — goes through `redact` first. The last line of
 * defence behind redacting at the source: a secret that slips into any message still never
 * reaches the terminal or a CI log.
 */
type Write = typeof process.stdout.write

export async function withRedactedOutput<T>(
  redact: (text: string) => string,
  fn: () => Promise<T>,
): Promise<T> {
  const streams = [process.stdout, process.stderr]
  const originals = streams.map((s) => s.write)
  streams.forEach((stream, n) => {
    const original = originals[n] as Write
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text =
        typeof chunk === 'string'
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk).toString('utf8')
            : String(chunk)
      return (original as (...args: unknown[]) => boolean).call(stream, redact(text), ...rest)
    }) as Write
  })
  try {
    return await fn()
  } finally {
    streams.forEach((stream, n) => {
      stream.write = originals[n] as Write
    })
  }
}
