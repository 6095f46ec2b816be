/**
 * `specpact states`: what a provider team must implement — each state with its params and
 * the values it must provide — and a starter TypeScript module of state handlers.
 */
import type { NeededState, ProviderNeeds } from '../provider/needed-states'

const example = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(' | ')

export function formatNeededStates(needs: readonly ProviderNeeds[]): string {
  const lines: string[] = []
  for (const p of needs) {
    lines.push(
      `${p.provider}: ${p.states.length} provider states for ${p.interactions} interactions`,
      '',
    )
    for (const s of p.states) {
      lines.push(`"${s.name}" — ${s.interactions.length} interactions`)
      for (const [key, values] of Object.entries(s.params))
        lines.push(`  param    ${key} = ${example(values)}`)
      for (const [name, field] of Object.entries(s.provides))
        lines.push(`  provides ${name}: field "${field}" of the entity returned`)
      if (s.after.length > 0) lines.push(`  after    ${s.after.map((a) => `"${a}"`).join(', ')}`)
    }
    if (p.messages.length > 0) {
      lines.push('', `messages (${p.messages.length}):`)
      for (const m of p.messages)
        lines.push(`  ${m.description}: event ${m.event ?? '(none named)'}`)
    }
    lines.push('')
  }
  lines.push(...STATE_CHANGE_CALLS)
  return lines.join('\n')
}

/** The state-change and message protocols, as a provider in any language sees them. */
export const STATE_CHANGE_CALLS = [
  'State-change calls (specpact verify --state-change-url URL):',
  '  Before each interaction, one call per state, in the order listed in the pact:',
  '    POST URL  {"state": "<name>", "params": {...}, "action": "setup"}',
  '  `${name}` in params is already replaced by a value an earlier state provided.',
  '  Answer 200 with the entity set up, as JSON; it must hold each "provides" field.',
  "Messages (specpact verify --message-url URL), after the message's states:",
  '    POST URL  {"description": "...", "providerStates": [...], "specpact": {"event": "...", "params": {...}}}',
  '  Answer 200 with the message body and its Content-Type, metadata in the',
  '  Pact-Message-Metadata header (base64 of a JSON object).',
  'In-process (specpact verify --state-handlers module.ts): see `specpact states --handlers`.',
]

function handlerDoc(s: NeededState): string[] {
  const doc = [`  /**`, `   * Used by ${s.interactions.join(', ')}.`]
  for (const [key, values] of Object.entries(s.params))
    doc.push(`   * - params.${key}: e.g. ${example(values)}`)
  const provides = Object.entries(s.provides)
  if (provides.length > 0)
    doc.push(
      `   * Returns the entity with ${provides.map(([name, field]) => `\`${field}\` (the consumer's ${name})`).join(', ')}.`,
    )
  doc.push('   */')
  return doc
}

/** A TypeScript module exporting `stateHandlers` (and `messageProducers`) to fill in. */
export function starterHandlers(needs: ProviderNeeds): string {
  const lines = [
    '/**',
    ` * Provider states of ${needs.provider}, as its pacts need them (written by \`specpact states\`).`,
    " * Each handler sets the state up directly in the provider's data — never by waiting for a",
    ' * webhook — and returns the entity it set up, as the API would show it.',
    ` * Verify with: specpact verify --provider ${needs.provider} --provider-base-url <url> --state-handlers <this file>`,
    ' */',
    "import type { MessageProducers, StateHandlers } from 'specpact/src/provider'",
    '',
    'export const stateHandlers: StateHandlers = {',
  ]
  for (const s of needs.states) {
    lines.push(...handlerDoc(s))
    lines.push(`  ${JSON.stringify(s.name)}: async (params) => {`)
    lines.push(
      `    throw new Error(\`not implemented: ${s.name.replace(/`/g, "'")} (\${JSON.stringify(params)})\`)`,
    )
    lines.push('  },')
  }
  lines.push('}', '')
  const events = [...new Set(needs.messages.map((m) => m.event).filter((e) => e !== undefined))]
  lines.push(
    '/** Event → the message the provider sends for it, built with its real webhook code. */',
    'export const messageProducers: MessageProducers = {',
  )
  for (const event of events) {
    const used = needs.messages.filter((m) => m.event === event).map((m) => m.description)
    lines.push(`  /** Used by ${used.join(', ')}. */`)
    lines.push(`  ${JSON.stringify(event)}: async (params) => {`)
    lines.push(`    throw new Error(\`not implemented: ${event} (\${JSON.stringify(params)})\`)`)
    lines.push('  },')
  }
  lines.push('}', '')
  return lines.join('\n')
}
