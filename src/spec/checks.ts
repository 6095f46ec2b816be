/**
 * Checks that look across steps: ids, variables defined before use, extracts used later,
 * JSONPath syntax and placeholders. Agreement with the front matter: `checks-front-matter.ts`.
 */
import jp from 'jsonpath'
import { memoize } from '../shared/memo'
import type { Collector } from './collector'
import { dotPath, preview } from './source'
import { didYouMean } from './suggest'
import type { StepGroup } from './types'
import {
  BUILTIN_VARIABLES,
  findTemplateProblems,
  findVariables,
  isBuiltin,
  RUNNER_BUILTINS,
  runnerResolves,
  type VariableUse,
} from './variables'
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

export function where(step: RawStep, path: Array<string | number> = []): string {
  return dotPath([GROUP_NAME[step.group], step.index, ...path])
}

export function offset(step: RawStep, path: Array<string | number>, at: 'key' | 'value' = 'value') {
  return step.block.offsetOf(['steps', step.index, ...path], at)
}

export function label(step: RawStep): string {
  const id = step.value.id
  return typeof id === 'string' ? `step "${id}"` : `${step.group} step ${step.index + 1}`
}

const USED_KEYS = ['path', 'params', 'headers', 'body', 'form_data'] as const

/** Which step blocks could be read: when one could not, its extracts and uses are unknown. */
export interface Readable {
  prerequisites: boolean
  request: boolean
}

export function checkSteps(
  steps: RawStep[],
  configured: ReadonlySet<string>,
  out: Collector,
  readable: Readable = { prerequisites: true, request: true },
) {
  checkIds(steps, out)
  checkVariables(steps, configured, out, readable)
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

/** A name `{{name}}` can refer to: anything else can never be used. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

function checkVariables(
  steps: RawStep[],
  configured: ReadonlySet<string>,
  out: Collector,
  readable: Readable,
) {
  const defined = new Map<string, { step: RawStep; used: boolean }>()
  const extracts = (step: RawStep) => {
    const extract = step.value.extract
    return extract !== null && typeof extract === 'object' && !Array.isArray(extract)
      ? Object.keys(extract)
      : []
  }
  const allExtracted = steps.flatMap(extracts).filter((name) => VARIABLE_NAME.test(name))
  const definedLater = (name: string, from: number) =>
    steps.slice(from + 1).find((s) => extracts(s).includes(name))
  // An unreadable prerequisite block may well have steps: only a readable one can have none.
  const hasPrerequisites = !readable.prerequisites || steps.some((s) => s.group === 'prerequisites')
  steps.forEach((step, position) => {
    for (const key of USED_KEYS) {
      for (const problem of findTemplateProblems(step.value[key], [key])) {
        out.add(
          'template-invalid',
          offset(step, problem.path),
          where(step, problem.path),
          `${label(step)}: ${problem.problem}`,
          {
            expected: '{{name}}, {{config.params.name}}, {{resolved.name}} or {{name | slice: -4}}',
            found: problem.raw,
          },
        )
      }
      for (const use of findVariables(step.value[key], [key])) {
        checkRunnerForm(step, use, hasPrerequisites, out)
        const known = use.namespace === 'config' ? undefined : defined.get(use.name)
        if (known) {
          known.used = true
          if (use.filters.length > 0)
            filterOnInjected(step, use, 'extracted by an earlier step', out)
          continue
        }
        if (configured.has(use.name)) {
          if (use.filters.length > 0) filterOnInjected(step, use, 'configured', out)
          continue
        }
        if (use.namespace === 'plain' && isBuiltin(use.name)) continue
        // An unreadable prerequisite block may well extract it: saying so would mislead.
        if (!readable.prerequisites && use.namespace !== 'config') continue
        const later = definedLater(use.name, position - 1)
        const candidates = [...allExtracted, ...configured, ...Object.keys(BUILTIN_VARIABLES)]
        const detail =
          use.namespace === 'config'
            ? `needs the configured value "${use.name}", which is not configured${didYouMean(use.name, [...configured])}`
            : later
              ? `is extracted only by ${later === step ? 'this step' : where(later)}, after its use`
              : use.namespace === 'resolved'
                ? `needs "${use.name}": no earlier step extracts it and it is not configured${didYouMean(use.name, [...allExtracted, ...configured])}`
                : `is not built in, not configured and not extracted by an earlier step${didYouMean(use.name, candidates)}`
        out.add(
          'undefined-variable',
          offset(step, use.path),
          where(step, use.path),
          `${label(step)} uses ${use.raw}, which ${detail}`,
          { expected: 'a built-in, configured or earlier-extracted variable', found: use.raw },
        )
      }
    }
    for (const name of extracts(step)) defined.set(name, { step, used: false })
  })
  // An unreadable request block may use any of them.
  if (!readable.request) return
  for (const [name, { step, used }] of defined) {
    // A name that is not a variable name is reported by the schema; it can never be used.
    if (used || !VARIABLE_NAME.test(name)) continue
    out.add(
      'unused-extract',
      offset(step, ['extract', name], 'key'),
      where(step, ['extract', name]),
      `${label(step)} extracts "${name}", which no later step uses`,
      { expected: `a later step using {{${name}}}`, found: 'no use' },
    )
  }
}

/**
 * Templates vCita's runner would send as they are: it substitutes only a bare `{{name}}`,
 * and defines its date variables only in specs that have prerequisites.
 */
function checkRunnerForm(
  step: RawStep,
  use: VariableUse,
  hasPrerequisites: boolean,
  out: Collector,
) {
  if (!runnerResolves(use.raw)) {
    const form =
      use.filters.length > 0 ? 'a bare {{name}} (the runner has no filters)' : `{{${use.name}}}`
    out.add(
      'runner-literal-template',
      offset(step, use.path),
      where(step, use.path),
      `${label(step)}: vCita's runner sends ${use.raw} as literal text (it substitutes only {{name}}); specpact reads it as ${use.filters.length > 0 ? `"${use.name}" with its filter` : `{{${use.name}}}`}`,
      { expected: form, found: use.raw },
    )
  }
  const builtin = RUNNER_BUILTINS[use.name]
  if (builtin?.scope === 'date' && !hasPrerequisites && use.namespace === 'plain') {
    out.add(
      'runner-date-scope',
      offset(step, use.path),
      where(step, use.path),
      `${label(step)} uses ${use.raw}, which vCita's runner defines only in specs with prerequisites; this spec has none, so the runner sends it as literal text`,
      {
        expected: 'a ## Prerequisites step, or a generator such as {{current_date}}',
        found: use.raw,
      },
    )
  }
}

function filterOnInjected(step: RawStep, use: VariableUse, source: string, out: Collector) {
  out.add(
    'template-invalid',
    offset(step, use.path),
    where(step, use.path),
    `${label(step)}: ${use.raw} filters "${use.name}", which is ${source}: its real value comes from the provider state, which cannot apply a filter`,
    { expected: `{{${use.name}}} without a filter, or a filter on a built-in`, found: use.raw },
  )
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

/**
 * Why `path` is not a usable JSONPath, or undefined when it is. Remembered: specs extract the
 * same few paths again and again ($.data.uid), and jsonpath's generated parser costs
 * ≈0.02 ms a call.
 */
export const jsonPathProblem: (path: string) => string | undefined = memoize(parseProblem)

function parseProblem(path: string): string | undefined {
  if (!path.startsWith('$')) return 'it must start with $'
  try {
    jp.parse(path)
    return undefined
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]
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
