/** A valid webhook spec and one-defect variants of it, for the reader's webhook tests. */
import type { DiagnosticCode } from '../errors'

const FENCE = '```'

/** Kept in TypeScript, as `VALID` is, so that the pinned lines and columns stay put. */
export const VALID_WEBHOOK = `---
event: channel.activated
provider: communication-gw
domain: communication
tags: [Communication Webhooks]
swagger: communication-gw.json
status: skip
skipReason: "Sent by the gateway; checked as a Pact message"
---

# Channel Activated Webhook

## Prerequisites
${FENCE}yaml
steps:
  - id: create_channel
    method: POST
    path: "/business/communication/channels"
    body:
      business_uid: "{{business_id}}"
      type: "transactional"
    extract:
      channel_uid: "$.data.channel.uid"
    expect:
      status: 201
${FENCE}

## Trigger
${FENCE}yaml
trigger:
  description: "The gateway activates the pending channel"
  params:
    channel_uid: "{{channel_uid}}"
${FENCE}

## Payload
${FENCE}json
{
  "event": "channel.activated",
  "business_uid": "{{business_id}}",
  "data": { "channel": { "uid": "{{channel_uid}}", "status": "active", "type": "transactional" } }
}
${FENCE}

## Matching
${FENCE}yaml
exact: [$.event, $.data.channel.status]
oneOf:
  $.data.channel.type: [transactional, promotional]
${FENCE}
`

/** `VALID_WEBHOOK` with each `[from, to]` replaced; each `from` must occur exactly once. */
export function editWebhook(...pairs: Array<[string, string]>): string {
  let text = VALID_WEBHOOK
  for (const [from, to] of pairs) {
    const count = text.split(from).length - 1
    if (count !== 1)
      throw new Error(`expected ${JSON.stringify(from)} once, found it ${count} times`)
    text = text.replace(from, () => to)
  }
  return text
}

/** Codes only a webhook spec can get: their cases are in webhook.test.ts. */
export const WEBHOOK_CODES: readonly DiagnosticCode[] = [
  'trigger-invalid',
  'payload-json',
  'matching-invalid',
  'matching-path-unknown',
  'matching-example-mismatch',
  'event-mismatch',
]
