/**
 * Checks across a webhook spec's parts: variables of the trigger and the payload defined,
 * extracts used, matching rules that apply to the payload, the payload's event.
 */
import jp from 'jsonpath'
import { jsonPathProblem } from './checks'
import type { Collector } from './collector'
import { dotPath, preview } from './source'
import { didYouMean } from './suggest'
import type { JsonValue } from './types'
import { BUILTIN_VARIABLES, findVariables, isBuiltin } from './variables'
import type { MatchingPart, PayloadPart, TriggerPart } from './webhook'

/** Concrete paths (`$.data.channel.uid`) a JSONPath selects in `payload`. */
export function selectedPaths(payload: JsonValue, path: string): string[] {
  try {
    return jp.paths(payload, path).map((p) => jp.stringify(p))
  } catch {
    return []
  }
}

export interface WebhookChecks {
  event: string | undefined
  payload: PayloadPart
  trigger: TriggerPart
  matching: MatchingPart
  /** Names prerequisites extract, with where each is extracted (for unused-extract). */
  extracted: ReadonlyMap<string, { offset: number; where: string; label: string }>
  configured: ReadonlySet<string>
}

/**
 * Checks across the webhook's parts: every `{{variable}}` of the trigger and the payload is
 * defined, every extract is used, every matching rule applies to the payload, and the
 * payload's own `event` agrees with the front matter.
 */
export function checkWebhook(parts: WebhookChecks, out: Collector) {
  const used = new Set<string>()
  const candidates = [
    ...parts.extracted.keys(),
    ...parts.configured,
    ...Object.keys(BUILTIN_VARIABLES),
  ]
  const defined = (name: string) =>
    parts.extracted.has(name) || parts.configured.has(name) || isBuiltin(name)
  const report = (name: string, offset: number, where: string, what: string) =>
    out.add(
      'undefined-variable',
      offset,
      where,
      `${what} uses {{${name}}}, which is not built in, not configured and not extracted by a prerequisite${didYouMean(name, candidates)}`,
      { expected: 'a built-in, configured or prerequisite-extracted variable', found: name },
    )
  const { trigger, payload } = parts
  if (trigger.value && trigger.block) {
    const block = trigger.block
    for (const use of findVariables(trigger.value.params ?? {}, ['params'])) {
      used.add(use.name)
      if (!defined(use.name))
        report(
          use.name,
          block.offsetOf(['trigger', ...use.path]),
          dotPath(['trigger', ...use.path]),
          'the trigger',
        )
    }
  }
  if (payload.value !== undefined) {
    for (const use of findVariables(payload.value)) {
      used.add(use.name)
      if (defined(use.name)) continue
      const at = payload.text.indexOf(`{{${use.name}`)
      report(
        use.name,
        payload.offset + Math.max(at, 0),
        dotPath(['payload', ...use.path]),
        'the payload',
      )
    }
  }
  for (const [name, { offset, where, label }] of parts.extracted) {
    if (used.has(name)) continue
    out.add(
      'unused-extract',
      offset,
      where,
      `${label} extracts "${name}", which neither the trigger nor the payload uses`,
      {
        expected: `{{${name}}} in the trigger's params or the payload`,
        found: 'no use',
      },
    )
  }
  checkMatching(parts, out)
  checkEvent(parts, out)
}

function checkMatching({ matching, payload }: WebhookChecks, out: Collector) {
  const { value, block } = matching
  if (!value || !block || payload.value === undefined) return
  const doc = payload.value
  const checkPath = (
    path: string,
    yamlPath: Array<string | number>,
    at: 'key' | 'value',
    where: string,
  ) => {
    const problem = jsonPathProblem(path)
    if (problem) {
      out.add(
        'invalid-jsonpath',
        block.offsetOf(yamlPath, at),
        where,
        `matching: ${preview(path)} is not a valid JSONPath (${problem})`,
        {
          expected: 'a JSONPath starting with $, e.g. $.data.channel.status',
          found: preview(path),
        },
      )
      return []
    }
    const selected = selectedPaths(doc, path)
    if (selected.length === 0) {
      out.add(
        'matching-path-unknown',
        block.offsetOf(yamlPath, at),
        where,
        `matching: ${path} selects nothing in the payload`,
        {
          expected: 'a JSONPath of a value of the ## Payload example',
          found: path,
        },
      )
    }
    return selected
  }
  for (const [i, path] of (value.exact ?? []).entries())
    checkPath(path, ['exact', i], 'value', `matching.exact[${i}]`)
  for (const [path, allowed] of Object.entries(value.oneOf ?? {})) {
    const where = dotPath(['matching', 'oneOf', path])
    for (const concrete of checkPath(path, ['oneOf', path], 'key', where)) {
      const example = jp.value(doc, concrete) as unknown
      if (typeof example === 'string' && allowed.includes(example)) continue
      out.add(
        'matching-example-mismatch',
        block.offsetOf(['oneOf', path], 'key'),
        where,
        `matching: the payload's ${concrete} is ${preview(example)}, which oneOf does not allow`,
        { expected: `one of ${allowed.join(', ')}`, found: preview(example) },
      )
    }
  }
}

function checkEvent({ event, payload }: WebhookChecks, out: Collector) {
  const doc = payload.value
  if (!event || doc === null || typeof doc !== 'object' || Array.isArray(doc)) return
  const named = doc.event
  if (named === undefined || named === event) return
  const at = payload.text.indexOf('"event"')
  out.add(
    'event-mismatch',
    payload.offset + Math.max(at, 0),
    'payload.event',
    `the payload says event ${preview(named)} but the front matter says "${event}"`,
    { expected: event, found: preview(named) },
  )
}
