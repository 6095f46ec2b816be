import { readdir, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'

/** Markdown files that document a folder rather than describe an endpoint. */
const NOT_SPECS = new Set(['readme.md', 'template.md', 'changelog.md'])

export class SpecPathError extends Error {
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
    if (!info) throw new SpecPathError(`no such file or directory: ${path}`)
    if (info.isFile()) found.add(relative(cwd, full) || path)
    else for (const file of await walk(full)) found.add(relative(cwd, file))
  }
  return [...found].sort()
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files: string[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await walk(full)))
    else if (entry.name.toLowerCase().endsWith('.md') && !NOT_SPECS.has(entry.name.toLowerCase())) {
      files.push(full)
    }
  }
  return files
}
