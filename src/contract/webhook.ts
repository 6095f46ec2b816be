/**
 * Webhook spec → message interaction. Pure, like `translate.ts`: the prerequisites become
 * provider states by the same catalog rules, the payload becomes a body template and the
 * event name becomes metadata.
 */
import jp from 'jsonpath'
import type { JsonValue, WebhookSpec } from '../spec'
import type { ContractDiagnostic } from './errors'
import { at } from './locate'
import { inferStates } from './states'
import type { TranslateContext, Translation } from './translate'
import type { MessageInteraction, Template } from './types'
import { escapeRegex, paramValue, stringMatcher, type ValueContext } from './values'

/**
 * The metadata key naming the event, as the webhook's HTTP header of the same name does: a
 * receiver dispatches on it before it parses the body.
 */
export const EVENT_METADATA_KEY = 'X-Webhook-Event'

const VARIABLE = /\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/

type Path = Array<string | number>

interface Rules {
  exact: Set<string>
  oneOf: Map<string, string[]>
}

/** Concrete paths (`$.data.channel.status`) each rule of `## Matching` selects. */
function rulesOf(spec: WebhookSpec): Rules {
  const select = (path: string) => {
    try {
      return jp.paths(spec.payload, path).map((p) => jp.stringify(p))
    } catch {
      return []
    }
  }
  const oneOf = new Map<string, string[]>()
  for (const [path, allowed] of Object.entries(spec.matching.oneOf ?? {})) {
    for (const concrete of select(path)) oneOf.set(concrete, allowed)
  }
  return { exact: new Set((spec.matching.exact ?? []).flatMap(select)), oneOf }
}

/**
 * The payload as a template: by type (the consumer relies on shape), `{{variables}}` as
 * injected values or regexes as in request bodies, and the matching rules' exceptions.
 */
function payloadTemplate(value: JsonValue, path: Path, rules: Rules, ctx: ValueContext): Template {
  const key = jp.stringify(path as Array<string | number>)
  const allowed = rules.oneOf.get(key)
  if (allowed && typeof value === 'string') {
    return {
      kind: 'regex',
      pattern: `^(?:${allowed.map(escapeRegex).join('|')})$`,
      example: value,
    }
  }
  if (typeof value === 'string' && (rules.exact.has(key) || VARIABLE.test(value))) {
    return stringMatcher(value, ctx)
  }
  if (rules.exact.has(key) && (value === null || typeof value !== 'object')) {
    return { kind: 'literal', value }
  }
  if (Array.isArray(value)) {
    const [first] = value
    return first === undefined
      ? { kind: 'type', example: [] }
      : { kind: 'eachLike', item: payloadTemplate(first, [...path, 0], rules, ctx), min: 1 }
  }
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'object',
      fields: Object.entries(value).map(([k, v]) => [
        k,
        payloadTemplate(v, [...path, k], rules, ctx),
      ]),
    }
  }
  return { kind: 'type', example: value }
}

export function translateWebhook(spec: WebhookSpec, ctx: TranslateContext): Translation {
  const diagnostics: ContractDiagnostic[] = []
  const { event, provider } = spec.frontMatter
  if (!ctx.providers.some((p) => p.name === provider)) {
    diagnostics.push({
      ...at(spec, 'frontMatter.provider'),
      code: 'no-provider',
      severity: 'error',
      message: `the webhook names provider "${provider}", which specpact.config.yaml does not configure`,
      expected: `one of ${ctx.providers.map((p) => p.name).join(', ')}`,
      found: provider,
    })
  }
  const values: ValueContext = { configured: ctx.variables, injected: new Map() }
  const inferred = inferStates(spec, ctx.catalog, values)
  diagnostics.push(...inferred.diagnostics)
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics }
  const withState: ValueContext = { ...values, injected: inferred.injected }
  const params: Record<string, JsonValue> = {}
  for (const [name, value] of Object.entries(spec.trigger.params ?? {})) {
    params[name] = paramValue(value, withState)
  }
  const interaction: MessageInteraction = {
    kind: 'message',
    description: spec.name,
    event,
    states: inferred.states,
    trigger: { description: spec.trigger.description, params },
    contents: payloadTemplate(spec.payload, ['$'], rulesOf(spec), withState),
    metadata: [
      ['contentType', { kind: 'literal', value: 'application/json' }],
      [EVENT_METADATA_KEY, { kind: 'literal', value: event }],
    ],
    origin: {
      specFile: spec.file,
      specName: spec.name,
      stepId: 'trigger',
      line: spec.locations.at('frontMatter.event')?.line ?? 1,
    },
  }
  return { ok: true, interactions: [{ provider, interaction }], derived: [], diagnostics }
}
