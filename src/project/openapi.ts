/**
 * Reading API descriptions (OpenAPI 3 / Swagger 2, JSON or YAML) for translation. External
 * `$ref`s — `https://vcita.github.io/developers-hub/entities/…` or a relative file — are
 * brought into the document, so that the pure translation only ever follows `#/…` refs:
 * a URL goes to a local folder through the configured `remoteRefs` map (URL prefix →
 * folder), a relative file is read beside the document referring to it. A ref that cannot
 * be resolved is kept as it is and reported, never dropped silently.
 */
import { readFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, join, resolve } from 'node:path'
import { parse } from 'yaml'
import type { ApiDescription } from '../contract'
import { baseOf } from '../contract'
import { errnoCode, isJsonObject, type JsonValue, messageOf, parseJsonText } from '../shared'

/** Where the documents that external refs point to are kept inside the root document. */
export const BUNDLED = 'x-specpact-refs'

export type ApiProblem =
  | { kind: 'unreadable'; file: string; reason: string }
  | { kind: 'ref-unmapped'; file: string; ref: string }
  | { kind: 'ref-missing'; file: string; ref: string; target: string; reason: string }

export interface ApiLoader {
  /** The description in `file`, read once; undefined when it cannot be read (a problem). */
  load(file: string): ApiDescription | undefined
  /** Every problem met so far, each once. */
  problems(): ApiProblem[]
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

function readDocument(file: string): JsonValue {
  const text = readFileSync(file, 'utf8')
  return extname(file).toLowerCase() === '.json' ? parseJsonText(text) : parse(text)
}

const reasonOf = (error: unknown) => {
  if (errnoCode(error) === 'ENOENT') return 'there is no such file'
  return messageOf(error).split('\n')[0] ?? String(error)
}

export function createApiLoader(remoteRefs: Readonly<Record<string, string>>): ApiLoader {
  const loaded = new Map<string, ApiDescription | undefined>()
  const problems = new Map<string, ApiProblem>()
  const note = (p: ApiProblem) => {
    const key = JSON.stringify(p)
    if (!problems.has(key)) problems.set(key, p)
  }
  // The longest prefix first: a more specific mapping wins.
  const mappings = Object.entries(remoteRefs).sort(([a], [b]) => b.length - a.length)

  /** The local file an external ref's document is in, or undefined when unmapped. */
  function targetOf(url: string, from: string): string | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      const mapping = mappings.find(([prefix]) => url.startsWith(prefix))
      return mapping && join(mapping[1], url.slice(mapping[0].length))
    }
    return isAbsolute(url) ? url : resolve(dirname(from), url)
  }

  function bundle(rootFile: string, root: JsonValue): JsonValue {
    const registry: Record<string, JsonValue> = {}
    const seen = new Set<string>()
    const failed = new Set<string>()
    const walk = (value: JsonValue, file: string, key: string | undefined): JsonValue => {
      if (Array.isArray(value)) return value.map((v) => walk(v, file, key))
      if (!isJsonObject(value)) return value
      const out: { [k: string]: JsonValue } = {}
      for (const [k, v] of Object.entries(value)) {
        out[k] = k === '$ref' && typeof v === 'string' ? rewrite(v, file, key) : walk(v, file, key)
      }
      return out
    }
    const rewrite = (ref: string, file: string, key: string | undefined): string => {
      const hash = ref.indexOf('#')
      const url = hash < 0 ? ref : ref.slice(0, hash)
      const fragment = hash < 0 ? '' : ref.slice(hash + 1)
      if (url === '') return key === undefined ? ref : `#/${BUNDLED}/${escapeKey(key)}${fragment}`
      const target = targetOf(url, file)
      if (target === undefined) {
        note({ kind: 'ref-unmapped', file: rootFile, ref })
        return ref
      }
      if (!seen.has(target)) {
        // Marked before reading: a document that refers back to itself resolves to the
        // same place once it is read.
        seen.add(target)
        try {
          registry[target] = walk(readDocument(target), target, target)
        } catch (error) {
          failed.add(target)
          note({ kind: 'ref-missing', file: rootFile, ref, target, reason: reasonOf(error) })
        }
      }
      if (failed.has(target)) return ref
      return `#/${BUNDLED}/${escapeKey(target)}${fragment}`
    }
    const bundled = walk(root, rootFile, undefined)
    if (!isJsonObject(bundled) || Object.keys(registry).length === 0) return bundled
    return { ...bundled, [BUNDLED]: registry }
  }

  return {
    load(file) {
      if (loaded.has(file)) return loaded.get(file)
      let description: ApiDescription | undefined
      try {
        const doc = bundle(file, readDocument(file))
        if (!isJsonObject(doc)) throw new Error('it is not a JSON or YAML mapping')
        description = { file, doc, base: baseOf(doc) }
      } catch (error) {
        note({ kind: 'unreadable', file, reason: reasonOf(error) })
      }
      loaded.set(file, description)
      return description
    },
    problems: () => [...problems.values()],
  }
}
