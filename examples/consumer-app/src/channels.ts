/** The consumer's client for the communication gateway's channels, on the platform's fetch. */

export interface Channel {
  uid: string
  status: string
  display_name: string
}

export interface ChannelsClient {
  create(input: { business_uid: string; display_name: string }): Promise<Channel>
  activate(uid: string, display_name: string): Promise<void>
}

export function channelsClient(options: { baseURL: string; token: string }): ChannelsClient {
  async function send(method: string, path: string, body: unknown): Promise<unknown> {
    const answer = await fetch(`${options.baseURL}/business/communication${path}`, {
      method,
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    })
    if (!answer.ok) throw new Error(`${method} ${path}: HTTP ${answer.status}`)
    const text = await answer.text()
    return text ? JSON.parse(text) : undefined
  }
  return {
    async create(input) {
      const answer = (await send('POST', '/channels', { ...input, type: 'transactional' })) as {
        data: { channel: Channel }
      }
      return answer.data.channel
    },
    async activate(uid, display_name) {
      await send('PUT', `/channels/${encodeURIComponent(uid)}`, {
        status: 'active',
        display_name,
        open_channel: true,
      })
    },
  }
}
