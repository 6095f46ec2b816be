/** Which pact files `verify` and `check` read: files as named, directories by their *.json. */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fsReason, UsageError, UserError } from '../shared'

/** Pact files among `sources` (files or directories); a directory contributes its *.json. */
export async function pactFilesIn(sources: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const source of sources) {
    const info = await stat(source).catch(() => undefined)
    if (!info) {
      throw new UsageError('path-not-found', `no such pact file or directory: ${source}`, {
        path: source,
      })
    }
    if (info.isFile()) {
      files.push(source)
      continue
    }
    if (!info.isDirectory()) {
      throw new UsageError('path-unreadable', `${source} is not a pact file or a directory`, {
        path: source,
      })
    }
    const names = await readdir(source).catch((error: unknown) => {
      throw new UserError('path-unreadable', `cannot read ${source}: ${fsReason(error)}`, {
        path: source,
        cause: error,
      })
    })
    for (const name of names.filter((f) => f.endsWith('.json')).sort()) {
      files.push(join(source, name))
    }
  }
  return files
}
