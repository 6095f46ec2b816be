/**
 * Template variables: `{{name}}` inside any string of a step. The built-ins are data shared
 * by lint (is the name defined?), translation (which regex matches every generated value?)
 * and the runner (which adds how to generate one).
 *
 * Besides `{{name}}`, specs write `{{config.params.name}}` (a configured value),
 * `{{resolved.name}}` (a value an earlier step resolved) and filters such as
 * `{{timestamp | slice: -4}}`. All of them are parsed here, so that lint, translation and
 * the runner agree on what a template means and none reaches a pact as literal text.
 */
import { memoize } from '../shared'
import { RUNNER_BUILTINS } from './builtins'

export { type BuiltinScope, RUNNER_BUILTINS, RUNNER_PARAMS, type RunnerBuiltin } from './builtins'

export interface BuiltinVariable {
  description: string
  /** Regex source; every generated value fully matches it (Pact regexes are full matches). */
  pattern: string
  /** A deterministic example that fully matches `pattern`. */
  example: string
}

export const BUILTIN_VARIABLES: Readonly<Record<string, BuiltinVariable>> = Object.fromEntries(
  Object.entries(RUNNER_BUILTINS).map(([name, b]) => [
    name,
    { description: b.description, pattern: b.pattern, example: b.example },
  ]),
)

export function isBuiltin(name: string): boolean {
  return Object.hasOwn(BUILTIN_VARIABLES, name)
}

/** `{{ name }}` — whitespace inside the braces is tolerated. */
export const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g

/** Any `{{…}}`, whatever is inside. */
export const TEMPLATE = /\{\{([^{}]*)\}\}/g

/** `{{x}}`, `{{config.params.x}}` (configured) or `{{resolved.x}}` (resolved earlier). */
export type Namespace = 'plain' | 'config' | 'resolved'

/** A filter after `|`: `slice: start[, end]`, as JavaScript's `String.prototype.slice`. */
export type Filter = { kind: 'slice'; start: number; end: number | undefined }

export type ParsedTemplate =
  | { ok: true; name: string; namespace: Namespace; filters: Filter[] }
  | { ok: false; problem: string }

const REFERENCE = /^\s*(?:(config\.params|resolved)\.)?([A-Za-z_][A-Za-z0-9_]*)\s*$/
const SLICE = /^\s*slice\s*:\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?$/

/** The inside of one `{{…}}`. */
function readTemplate(inner: string): ParsedTemplate {
  const [head = '', ...rest] = inner.split('|')
  const reference = REFERENCE.exec(head)
  if (!reference) {
    return {
      ok: false,
      problem: `"{{${inner}}}" is not a variable reference (a name of letters, digits and _, optionally config.params. or resolved. before it)`,
    }
  }
  const filters: Filter[] = []
  for (const text of rest) {
    const slice = SLICE.exec(text)
    if (!slice) {
      return {
        ok: false,
        problem: `"|${text}" in "{{${inner}}}" is not a filter specpact knows (only slice: start[, end])`,
      }
    }
    filters.push({
      kind: 'slice',
      start: Number(slice[1]),
      end: slice[2] === undefined ? undefined : Number(slice[2]),
    })
  }
  const prefix = reference[1]
  const namespace: Namespace =
    prefix === 'config.params' ? 'config' : prefix === 'resolved' ? 'resolved' : 'plain'
  return { ok: true, name: reference[2] ?? head, namespace, filters }
}

/**
 * The inside of one `{{…}}`, remembered: specs repeat the same few templates thousands of
 * times. The answer is shared: callers do not change it.
 */
export const parseTemplate: (inner: string) => ParsedTemplate = memoize(readTemplate)

/** A value through its filters. */
export function applyFilters(value: string, filters: readonly Filter[]): string {
  return filters.reduce((v, f) => v.slice(f.start, f.end), value)
}

/** Whether vCita's runner substitutes this template (it only knows a bare `{{name}}`). */
export function runnerResolves(raw: string): boolean {
  return /^\{\{\w+\}\}$/.test(raw)
}

export interface VariableUse {
  name: string
  /** Path of the string holding it, relative to the step. */
  path: Array<string | number>
  /** The template as written, e.g. `{{config.params.client_uid}}`. */
  raw: string
  namespace: Namespace
  filters: Filter[]
}

export interface TemplateProblem {
  raw: string
  path: Array<string | number>
  problem: string
}

/**
 * Calls `visit` for every string of `value` that holds a `{{`, with its path. The path is
 * one stack for the whole walk, copied only for a string visited: most strings of a spec
 * hold no template, and a copy per value cost more than the rest of the walk.
 */
function walk(
  value: unknown,
  path: Array<string | number>,
  visit: (text: string, path: Array<string | number>) => void,
) {
  const stack = [...path]
  const down = (node: unknown) => {
    if (typeof node === 'string') {
      if (node.includes('{{')) visit(node, [...stack])
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        stack.push(i)
        down(node[i])
        stack.pop()
      }
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>
      for (const k of Object.keys(record)) {
        stack.push(k)
        down(record[k])
        stack.pop()
      }
    }
  }
  down(value)
}

/** A string as its pieces: text, and each `{{…}}` as written with its parse. */
export type TemplatePiece =
  | { kind: 'text'; text: string }
  | { kind: 'template'; raw: string; parsed: ParsedTemplate }

/**
 * The pieces of `text`, remembered: specs repeat the same strings again and again. Lint and
 * translation both read a string's templates through these.
 */
export const templatePieces = memoize((text: string): readonly TemplatePiece[] => {
  if (!text.includes('{{')) return [{ kind: 'text', text }]
  const pieces: TemplatePiece[] = []
  let last = 0
  for (const match of text.matchAll(TEMPLATE)) {
    const index = match.index ?? 0
    if (index > last) pieces.push({ kind: 'text', text: text.slice(last, index) })
    last = index + match[0].length
    pieces.push({ kind: 'template', raw: match[0], parsed: parseTemplate(match[1] ?? '') })
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) })
  return pieces
})

/** What one string holds: its well-formed templates, and what is wrong with the others. */
interface InText {
  uses: ReadonlyArray<Omit<VariableUse, 'path'>>
  problems: ReadonlyArray<Omit<TemplateProblem, 'path'>>
}

/** The templates of one string, from its pieces, remembered as they are. */
const inText = memoize((text: string): InText => {
  const uses: Array<Omit<VariableUse, 'path'>> = []
  const problems: Array<Omit<TemplateProblem, 'path'>> = []
  let rest = ''
  for (const piece of templatePieces(text)) {
    if (piece.kind === 'text') rest += piece.text
    else if (!piece.parsed.ok) problems.push({ raw: piece.raw, problem: piece.parsed.problem })
    else {
      const { name, namespace, filters } = piece.parsed
      uses.push({ name, raw: piece.raw, namespace, filters })
    }
  }
  // What is left outside every `{{…}}` holds a `{{` only where one is never closed.
  if (rest.includes('{{')) {
    problems.push({
      raw: rest.slice(rest.indexOf('{{'), rest.indexOf('{{') + 40),
      problem: '"{{" is never closed by "}}"',
    })
  }
  return { uses, problems }
})

/** Every well-formed template variable used in a value, depth first, in document order. */
export function findVariables(value: unknown, path: Array<string | number> = []): VariableUse[] {
  const uses: VariableUse[] = []
  walk(value, path, (text, at) => {
    for (const use of inText(text).uses) uses.push({ ...use, path: at })
  })
  return uses
}

/** Every `{{…}}` that is not a variable reference, and every `{{` never closed. */
export function findTemplateProblems(
  value: unknown,
  path: Array<string | number> = [],
): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  walk(value, path, (text, at) => {
    for (const problem of inText(text).problems) problems.push({ ...problem, path: at })
  })
  return problems
}
