/**
 * Checks that look across steps: ids, variables defined before use, extracts used later,
 * JSONPath syntax, placeholders, and agreement with the front matter.
 */
import jp from 'jsonpath'
import type { Collector } from './collector'
import { dotPath, preview } from './source'
import type { FrontMatter, StepGroup } from './types'
import { findVariables, isBuiltin } from './variables'
import type { YamlBlock } from './yaml'

export interface RawStep {
  group: StepGroup
  index: number
  value: Record<string, unknown>
  block: YamlBlock
}

const GROUP_NAME: Record<StepGroup, string> = {
  prerequisites: 'prerequisites',
  request: 'request',
}

function where(step: RawStep, path: Array<string | number> = []): string {
  return dotPath([GROUP_NAME[step.group], step.index, ...path])
}

function offset(step: RawStep, path: Array<string | number>, at: 'key' | 'value' = 'value') {
  return step.block.offsetOf(['steps', step.index, ...path], at)
}

function label(step: RawStep): string {
  const id = step.value.id
  return typeof id === 'string' ? `step "${id}"` : `${step.group} step ${step.index + 1}`
}

const USED_KEYS = ['path', 'params', 'headers', 'body', 'form_data'] as const

export function checkSteps(steps: RawStep[], configured: ReadonlySet<string>, out: Collector) {
  checkIds(steps, out)
  checkVariables(steps, configured, out)
  for (const step of steps) {
    checkExtractPaths(step, out)
    checkSkipReason(step, out)
    checkPlaceholders(step, out)
  }
}

function checkIds(steps: RawStep[], out: Collector) {
  const first = new Map<string, RawStep>()
  for (const step of steps) {
    const id = step.value.id
    if (typeof id !== 'string') continue
    const earlier = first.get(id)
    if (earlier) {
      out.add(
        'duplicate-step-id',
        offset(step, ['id']),
        where(step, ['id']),
        `step id "${id}" is already used by ${where(earlier)}`,
        { expected: 'a unique id', found: id },
      )
    } else first.set(id, step)
  }
}

function checkVariables(steps: RawStep[], configured: ReadonlySet<string>, out: Collector) {
  const defined = new Map<string, { step: RawStep; used: boolean; later: boolean }>()
  const extracts = (step: RawStep) => {
    const extract = step.value.extract
    return extract !== null && typeof extract === 'object' && !Array.isArray(extract)
      ? Object.keys(extract)
      : []
  }
  const definedLater = (name: string, from: number) =>
    steps.slice(from + 1).find((s) => extracts(s).includes(name))
  steps.forEach((step, position) => {
    for (const key of USED_KEYS) {
      for (const use of findVariables(step.value[key], [key])) {
        const known = defined.get(use.name)
        if (known) {
          known.used = true
          continue
        }
        if (configured.has(use.name) || isBuiltin(use.name)) continue
        const later = definedLater(use.name, position - 1)
        const detail = later
          ? `is extracted only by ${later === step ? 'this step' : where(later)}, after its use`
          : 'is not built in, not configured and not extracted by an earlier step'
        out.add(
          'undefined-variable',
          offset(step, use.path),
          where(step, use.path),
          `${label(step)} uses {{${use.name}}}, which ${detail}`,
          { expected: 'a built-in, configured or earlier-extracted variable', found: use.name },
        )
      }
    }
    for (const name of extracts(step)) defined.set(name, { step, used: false, later: false })
  })
  for (const [name, { step, used }] of defined) {
    if (used) continue
    out.add(
      'unused-extract',
      offset(step, ['extract', name], 'key'),
      where(step, ['extract', name]),
      `${label(step)} extracts "${name}", which no later step uses`,
    )
  }
}

function checkExtractPaths(step: RawStep, out: Collector) {
  const extract = step.value.extract
  if (extract === null || typeof extract !== 'object' || Array.isArray(extract)) return
  for (const [name, path] of Object.entries(extract)) {
    if (typeof path !== 'string') continue // the schema reports the type
    const problem = jsonPathProblem(path)
    if (problem) {
      out.add(
        'invalid-jsonpath',
        offset(step, ['extract', name]),
        where(step, ['extract', name]),
        `${label(step)}: extract "${name}" is not a valid JSONPath (${problem})`,
        { expected: 'a JSONPath starting with $, e.g. $.data.items[0].uid', found: preview(path) },
      )
    }
  }
}

/** Why `path` is not a usable JSONPath, or undefined when it is. */
export function jsonPathProblem(path: string): string | undefined {
  if (!path.startsWith('$')) return 'it must start with $'
  try {
    jp.parse(path)
    return undefined
  } catch (error) {
    return (error as Error).message.split('\n')[0]
  }
}

function checkSkipReason(step: RawStep, out: Collector) {
  if (step.value.onFail !== 'skip' || typeof step.value.skipReason === 'string') return
  out.add(
    'skip-without-reason',
    offset(step, ['onFail']),
    where(step, ['onFail']),
    `${label(step)} has onFail: skip but no skipReason`,
    { expected: 'a skipReason explaining when skipping is acceptable', found: 'nothing' },
  )
}

const PLACEHOLDER = /(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})/

function checkPlaceholders(step: RawStep, out: Collector) {
  const path = step.value.path
  if (typeof path !== 'string') return
  const match = PLACEHOLDER.exec(path)
  if (!match) return
  out.add(
    'unresolved-placeholder',
    offset(step, ['path']),
    where(step, ['path']),
    `${label(step)}: path ${preview(path)} keeps the literal placeholder {${match[1]}}; it would be sent as is`,
    { expected: `a template variable such as {{${match[1]}}}`, found: `{${match[1]}}` },
  )
}

/** Literal segments must agree; `{param}` and `{{var}}` segments match anything. */
export function pathsAgree(endpointPath: string, requestPath: string): boolean {
  const norm = (p: string) =>
    p
      .split('?')[0]
      ?.replace(/\/+$/, '')
      .split('/')
      .map((s) => (/^\{\{?[^}]*\}?\}$/.test(s) || s.includes('{{') ? '*' : s)) ?? []
  const a = norm(endpointPath)
  const b = norm(requestPath)
  return a.length === b.length && a.every((s, i) => s === '*' || b[i] === '*' || s === b[i])
}

export function checkAgainstFrontMatter(
  fm: FrontMatter,
  requests: RawStep[],
  fmOffset: (key: string) => number,
  out: Collector,
) {
  const [method, endpointPath] = fm.endpoint.split(' ') as [string, string]
  for (const step of requests) {
    const { method: m, path: p } = step.value
    if (typeof m !== 'string' || typeof p !== 'string') continue
    if (m.toUpperCase() === method && pathsAgree(endpointPath, p)) continue
    out.add(
      'endpoint-mismatch',
      offset(step, ['path']),
      where(step, ['path']),
      `front matter says ${fm.endpoint} but ${label(step)} sends ${m} ${p}`,
      { expected: fm.endpoint, found: `${m} ${p}` },
    )
  }
  if (fm.expectedOutcome === undefined) return
  const statuses = requests.flatMap((s) => {
    const st = (s.value.expect as { status?: unknown } | undefined)?.status
    return Array.isArray(st) ? st : [st]
  })
  if (!statuses.includes(fm.expectedOutcome)) {
    out.add(
      'outcome-mismatch',
      fmOffset('expectedOutcome'),
      'frontMatter.expectedOutcome',
      `expectedOutcome ${fm.expectedOutcome} is not among the statuses the test request expects`,
      { expected: `one of ${statuses.map(String).join(', ')}`, found: String(fm.expectedOutcome) },
    )
  }
}
