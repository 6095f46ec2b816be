/** The consumer's webhook endpoint: what it does with the gateway's `channel.activated`. */

export interface ChannelStore {
  setStatus(uid: string, status: string): void
}

export interface WebhookRequest {
  headers: Readonly<Record<string, string>>
  body: unknown
}

export function handleWebhook(store: ChannelStore, request: WebhookRequest): string {
  const event = request.headers['X-Webhook-Event']
  const body = request.body as {
    event?: string
    data?: { channel?: { uid?: string; status?: string } }
  }
  if (!event || body.event !== event) throw new Error(`webhook without a matching event: ${event}`)
  if (event === 'channel.activated') {
    const channel = body.data?.channel
    if (!channel?.uid || channel.status !== 'active')
      throw new Error('channel.activated without an active channel')
    store.setStatus(channel.uid, channel.status)
  }
  return event
}
