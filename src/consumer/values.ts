/**
 * The example values a consumer test sees for the ids a provider state injects: what the
 * Pact mock server will accept in place of `${channel_uid}` and friends.
 */
import type { Interaction, Matcher, Template } from '../contract'
import { escapeRegex } from '../contract/values'

const NAME = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/**
 * Reads each `${name}` of an injected matcher's expression off its example:
 * `/channels/${channel_uid}` with example `/channels/ev0czlhbqtbx5ana` gives
 * `channel_uid = ev0czlhbqtbx5ana`. Expressions with two adjacent names are ambiguous and
 * give nothing.
 */
export function namesOfInjected(matcher: Matcher): Record<string, string> {
  if (matcher.kind !== 'injected') return {}
  const names: string[] = []
  let pattern = '^'
  let last = 0
  for (const match of matcher.expression.matchAll(NAME)) {
    const [whole, name] = match
    if (name === undefined) continue
    const index = match.index ?? 0
    pattern += escapeRegex(matcher.expression.slice(last, index))
    pattern += '(.+?)'
    names.push(name)
    last = index + whole.length
  }
  pattern += `${escapeRegex(matcher.expression.slice(last))}$`
  const found = new RegExp(pattern, 's').exec(matcher.example)
  if (!found) return {}
  const values = found.slice(1)
  return Object.fromEntries(
    names.flatMap((name, i) => {
      const value = values[i]
      return value === undefined ? [] : [[name, value]]
    }),
  )
}

function* leaves(template: Template | undefined): Generator<Matcher> {
  if (!template) return
  switch (template.kind) {
    case 'object':
      for (const [, value] of template.fields) yield* leaves(value)
      return
    case 'array':
      for (const item of template.items) yield* leaves(item)
      return
    case 'eachLike':
      yield* leaves(template.item)
      return
    default:
      yield template
  }
}

/**
 * Every injected value the interaction uses, by name: an HTTP interaction's request and
 * response, a message's contents and metadata.
 */
export function injectedValues(interaction: Interaction): Record<string, string> {
  const matchers =
    interaction.kind === 'http'
      ? [
          interaction.request.path,
          ...interaction.request.query.map(([, m]) => m),
          ...interaction.request.headers.map(([, m]) => m),
          ...leaves(interaction.request.body),
          ...interaction.response.headers.map(([, m]) => m),
          ...leaves(interaction.response.body),
        ]
      : [...leaves(interaction.contents), ...interaction.metadata.map(([, m]) => m)]
  const values: Record<string, string> = {}
  for (const matcher of matchers) Object.assign(values, namesOfInjected(matcher))
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))
}
