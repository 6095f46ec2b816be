/** Helpers shared by the spec reader's tests: a valid spec and one-defect variants of it. */

const FENCE = '```'

/**
 * A valid spec: front matter, response codes, two prerequisites, a request, a response.
 * Kept in TypeScript rather than a .md fixture so that no markdown formatter rewrites it:
 * the tests pin line and column numbers in it.
 */
export const VALID = `---
endpoint: "POST /business/communication/sessions"
domain: communication
tags: [Communication Messages (SMS)]
swagger: swagger/communication/communication.json
status: verified
savedAt: 2026-01-29T18:21:26.398Z
timesReused: 0
tokens: [staff]
---

# Create Communication Session

## Summary
Create a session between a contact and the business over an active channel.
**Token Type**: Requires a **staff token**.

## Response Codes

| Status | Meaning |
|--------|---------|
| 201 | Created - the session |
| 422 | Unprocessable Entity - the channel is not active |

## Prerequisites
${FENCE}yaml
steps:
  - id: create_channel
    description: "Create a communication channel"
    method: POST
    path: "/business/communication/channels"
    body:
      business_uid: "{{business_id}}"
      type: "transactional"
      display_name: "Test Channel {{now_timestamp}}"
    extract:
      channel_uid: "$.data.channel.uid"
    expect:
      status: [200, 201]
    onFail: abort

  - id: get_client
    description: "Get a client for contact_uid"
    method: GET
    path: "/platform/v1/clients"
    params:
      business_id: "{{business_id}}"
      per_page: "1"
    extract:
      contact_uid: "$.data.clients[0].id"
    expect:
      status: 200
    onFail: abort
${FENCE}

## Test Request
${FENCE}yaml
steps:
  - id: main_request
    description: "Create a session on an active channel"
    method: POST
    path: "/business/communication/sessions"
    body:
      business_uid: "{{business_id}}"
      channel_uid: "{{channel_uid}}"
      contact_uid: "{{contact_uid}}"
      external_uid: "test-external-uid-{{now_timestamp}}"
    expect:
      status: 201
${FENCE}

## Expected Response
${FENCE}json
{
  "success": true,
  "data": { "session": { "uid": "s1", "status": "active", "ai_status": "none" } }
}
${FENCE}
`

/** The configured variables the tests read specs with. */
export const VARIABLES = ['business_id', 'staff_id']

/**
 * `VALID` with each `[from, to]` replaced. Each `from` must occur exactly once, so a change
 * to the fixture fails the tests that rely on it instead of silently testing nothing.
 */
export function edit(...pairs: Array<[string, string]>): string {
  let text = VALID
  for (const [from, to] of pairs) {
    const count = text.split(from).length - 1
    if (count !== 1)
      throw new Error(`expected ${JSON.stringify(from)} once, found it ${count} times`)
    text = text.replace(from, () => to)
  }
  return text
}

/** The text at a 1-based line and column of `text`, to the end of that line. */
export function textAt(text: string, line: number, column: number): string {
  return (text.split('\n')[line - 1] ?? '').slice(column - 1)
}
