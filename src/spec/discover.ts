import { readdir, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { fsReason, UsageError, UserError } from '../shared'

/** Markdown files that document a folder rather than describe an endpoint. */
const NOT_SPECS = new Set(['readme.md', 'template.md', 'changelog.md'])

/** A spec path named on the command line or in the config does not exist: a usage error. */
export class SpecPathError extends UsageError {
  override name = 'SpecPathError'
}

/**
 * The spec files under `paths` (files or directories, searched recursively), sorted, each
 * once. A path that does not exist is an error; a directory without specs is not.
 */
export async function discoverSpecs(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<string[]> {
  const found = new Set<string>()
  for (const path of paths) {
    const full = resolve(cwd, path)
    const info = await stat(full).catch(() => undefined)
    if (!info)
      throw new SpecPathError('path-not-found', `no such file or directory: ${path}`, { path })
    // A named file is read as it is; readSpec reports it if it is no regular file.
    if (!info.isDirectory()) found.add(relative(cwd, full) || path)
    else for (const file of await walk(full, cwd)) found.add(relative(cwd, file))
  }
  return [...found].sort()
}

/** Spec files under `root`, without recursion (no depth of folders overflows the stack). */
async function walk(root: string, cwd: string): Promise<string[]> {
  const files: string[] = []
  const pending = [root]
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      const shown = relative(cwd, dir ?? root) || '.'
      throw new UserError(
        'path-unreadable',
        `cannot read the spec directory ${shown}: ${fsReason(error)}`,
        {
          path: shown,
          cause: error,
        },
      )
    })
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const full = join(dir, entry.name)
      if (entry.isDirectory()) pending.push(full)
      else if (
        entry.name.toLowerCase().endsWith('.md') &&
        !NOT_SPECS.has(entry.name.toLowerCase())
      ) {
        files.push(full)
      }
    }
  }
  return files
}
