/**
 * Mutations of the reference's webhook sender: each changes how one event's webhook is
 * built (`webhookOverrides`), and the project's pact is verified against it with the HTTP
 * interactions, as `specpact check` does. A breaking change must fail exactly the message it
 * breaks, for a pinned reason; a harmless one must keep everything passing, with a probe
 * showing the change really went out.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pactFileName, writePacts } from '../src/pact'
import { compile, loadProject } from '../src/project'
import { verifyPacts } from '../src/provider'
import {
  type JsonObject,
  startReference,
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookEventName,
  type WebhookOverride,
  type WebhookOverrides,
} from '../src/reference'
import type { JsonValue } from '../src/spec'

const ROOT = resolve(__dirname, '..')
let dir: string
let pactFile: string
let variables: Record<string, string>
let descriptions: string[]

beforeAll(async () => {
  // As `specpact generate --out <tmp>`: what the specs say today, HTTP and messages.
  const project = await loadProject({ cwd: ROOT })
  const contract = compile(project).contracts.find((c) => c.provider === 'communication-gw')
  if (!contract) throw new Error('specs/ make no communication-gw pact')
  dir = await mkdtemp(join(tmpdir(), 'specpact-webhook-mutations-'))
  await writePacts(dir, [contract])
  pactFile = join(dir, pactFileName(contract))
  variables = { ...project.config.variables }
  descriptions = contract.interactions.map((i) => i.description)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The webhook with the object at `path` (dot path from the body) replaced by `edit(object)`. */
function editBody(webhook: Webhook, path: string, edit: (o: JsonObject) => JsonObject): Webhook {
  const go = (value: JsonValue, keys: string[]): JsonValue => {
    const [key, ...rest] = keys
    if (!isObject(value)) return value
    if (key === undefined) return edit(value)
    return { ...value, [key]: go(value[key] as JsonValue, rest) }
  }
  const keys = path === '' ? [] : path.split('.')
  return { ...webhook, body: go(webhook.body, keys) as JsonObject }
}

const rename = (from: string, to: string) => (o: JsonObject) => {
  const { [from]: value, ...rest } = o
  return { ...rest, [to]: value ?? null }
}
const drop = (key: string) => (o: JsonObject) => {
  const { [key]: _, ...rest } = o
  return rest
}

/** An override editing the faithful webhook of `event`. */
const mutate = (event: WebhookEventName, edit: (webhook: Webhook) => Webhook): WebhookOverrides => {
  const override: WebhookOverride = (e, original) => {
    const webhook = original(e)
    return webhook && edit(webhook)
  }
  return { [event]: override }
}

async function verifyWith(webhookOverrides: WebhookOverrides) {
  const reference = await startReference({ webhookOverrides })
  try {
    const result = await verifyPacts({
      pactFiles: [pactFile],
      provider: 'communication-gw',
      providerBaseUrl: reference.url,
      states: {
        kind: 'handlers',
        handlers: reference.stateHandlers,
        messages: reference.messageProducers,
      },
      variables,
    })
    return { result, sent: [...reference.webhooks.sent] }
  } finally {
    await reference.close()
  }
}

const breaking: Array<{
  name: string
  overrides: WebhookOverrides
  fails: string
  reason: RegExp
}> = [
  {
    name: 'channel.activated renames data.channel.uid to channel_uid',
    overrides: mutate('channel.activated', (w) =>
      editBody(w, 'data.channel', rename('uid', 'channel_uid')),
    ),
    fails: 'webhook_channel_activated',
    reason: /missing the following keys: uid/,
  },
  {
    name: 'session.status_changed is announced as session.updated (body and header)',
    overrides: mutate('session.status_changed', (w) => ({
      ...editBody(w, '', (o) => ({ ...o, event: 'session.updated' })),
      headers: { ...w.headers, 'X-Webhook-Event': 'session.updated' },
    })),
    fails: 'webhook_session_status_changed',
    reason: /Expected 'session\.updated' \(String\) to be equal to 'session\.status_changed'/,
  },
  {
    name: 'message.status_updated loses the message uid',
    overrides: mutate('message.status_updated', (w) => editBody(w, 'data.message', drop('uid'))),
    fails: 'webhook_message_status_updated',
    reason: /missing the following keys: uid/,
  },
  {
    name: 'channel.activated names the event only in the body, not in the header',
    overrides: mutate('channel.activated', (w) => ({
      ...w,
      headers: { 'Content-Type': 'application/json' },
    })),
    fails: 'webhook_channel_activated',
    reason: /X-Webhook-Event/,
  },
  {
    name: 'channel.activation_failed reports a status outside the channel enum',
    overrides: mutate('channel.activation_failed', (w) =>
      editBody(w, 'data.channel', (o) => ({ ...o, status: 'failed' })),
    ),
    fails: 'webhook_channel_activation_failed',
    reason: /'failed'.*\^\(\?:error\|blocked\)\$/,
  },
]

describe('a breaking change of the webhook sender fails verification of its message', () => {
  it.each(breaking)('$name', async ({ overrides, fails, reason }) => {
    const { result } = await verifyWith(overrides)
    expect(result.ok).toBe(false)
    expect(result.results.map((r) => r.description)).toEqual(descriptions)
    const failed = result.results.filter((r) => r.kind === 'failed')
    expect(failed.map((r) => r.description)).toEqual([fails])
    expect(failed[0]).toMatchObject({
      spec: expect.stringContaining(`webhooks/${fails}.md`),
      reasons: expect.arrayContaining([expect.stringMatching(reason)]),
    })
  })
})

const harmless: Array<{
  name: string
  overrides: WebhookOverrides
  /** Shows the change was sent: a check of the webhooks the sender built during the run. */
  probe: (sent: Webhook[]) => void
}> = [
  {
    name: 'message.status_updated gains fields (delivered_at, api_version)',
    overrides: mutate('message.status_updated', (w) =>
      editBody(
        editBody(w, 'data.message', (o) => ({ ...o, delivered_at: '2026-01-01T00:00:01Z' })),
        '',
        (o) => ({ ...o, api_version: '2026-01' }),
      ),
    ),
    probe: (sent) => {
      const message = sent.find((w) => w.event === 'message.status_updated')
      expect(message?.body).toMatchObject({
        api_version: '2026-01',
        data: { message: { delivered_at: '2026-01-01T00:00:01Z' } },
      })
    },
  },
  {
    name: 'every webhook carries its fields in reverse order and an extra header',
    overrides: Object.fromEntries(
      WEBHOOK_EVENTS.map((event) => {
        const override: WebhookOverride = (e, original) => {
          const webhook = original(e)
          if (!webhook) return webhook
          const reversed = Object.fromEntries(Object.entries(webhook.body).reverse()) as JsonObject
          return {
            ...webhook,
            headers: { ...webhook.headers, 'X-Webhook-Attempt': '1' },
            body: reversed,
          }
        }
        return [event, override]
      }),
    ),
    probe: (sent) => {
      // The HTTP interactions' PUTs send webhooks too: every event went out at least once.
      expect(new Set(sent.map((w) => w.event))).toEqual(new Set(WEBHOOK_EVENTS))
      for (const webhook of sent) {
        expect(Object.keys(webhook.body)[0]).toBe('data')
        expect(webhook.headers['X-Webhook-Attempt']).toBe('1')
      }
    },
  },
]

describe('a harmless change of the webhook sender keeps verification passing', () => {
  it.each(harmless)('$name', async ({ overrides, probe }) => {
    const { result, sent } = await verifyWith(overrides)
    expect(result.results.filter((r) => r.kind === 'failed')).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.results).toHaveLength(descriptions.length)
    probe(sent)
  })
})
