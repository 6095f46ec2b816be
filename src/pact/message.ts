/**
 * A message interaction written with pact-js's V4 asynchronous-message DSL, the counterpart
 * of `addInteraction` for webhooks: how a consumer test hands a message to its own handler.
 */
import type { PactV4 } from '@pact-foundation/pact'
import { exampleOfTemplate, type MessageInteraction } from '../contract'
import { dslOf } from './dsl'

type Unconfigured = ReturnType<PactV4['addAsynchronousInteraction']>
export type ReadyMessage = ReturnType<Unconfigured['expectsToReceive']>

/**
 * The message's metadata as its sender sends it: literal values (for a webhook, its headers:
 * `X-Webhook-Event`, `contentType`).
 */
export function metadataOf(interaction: MessageInteraction): Record<string, string> {
  return Object.fromEntries(
    interaction.metadata.map(([name, m]) => [name, String(exampleOfTemplate(m))]),
  )
}

/** Adds `interaction` to `pact` the way a consumer test of a message would write it. */
export function addMessage(pact: PactV4, interaction: MessageInteraction): ReadyMessage {
  let dsl = pact.addAsynchronousInteraction()
  for (const state of interaction.states) dsl = dsl.given(state.name, state.params)
  const metadata = metadataOf(interaction)
  return dsl.expectsToReceive(interaction.description, (m) =>
    m.withJSONContent(dslOf(interaction.contents)).withMetadata(metadata),
  )
}
