import type { Spec } from '../spec'

/** File, line, column and path of a spec location, for a diagnostic. */
export function at(spec: Spec, path: string) {
  const pos = spec.locations.at(path) ??
    spec.locations.at(path.replace(/\.[^.[]+$/, '')) ?? { line: 1, column: 1 }
  return { file: spec.file, line: pos.line, column: pos.column, path }
}
