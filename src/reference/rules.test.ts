import { describe, expect, it } from 'vitest'
import { channelTransition } from './rules'
import type { ChannelStatus } from './types'

describe('channelTransition (PUT /channels/{uid} status)', () => {
  const cases: Array<{
    from: ChannelStatus
    to: ChannelStatus
    kind: string
    status?: ChannelStatus
  }> = [
    { from: 'pending', to: 'active', kind: 'keep' },
    { from: 'inactive', to: 'active', kind: 'set', status: 'active' },
    { from: 'active', to: 'active', kind: 'keep' },
    { from: 'active', to: 'inactive', kind: 'set', status: 'inactive' },
    { from: 'pending', to: 'inactive', kind: 'set', status: 'inactive' },
    { from: 'active', to: 'deleted', kind: 'set', status: 'deleted' },
    { from: 'blocked', to: 'deleted', kind: 'set', status: 'deleted' },
    { from: 'blocked', to: 'active', kind: 'reject' },
    { from: 'error', to: 'inactive', kind: 'reject' },
    { from: 'active', to: 'pending', kind: 'reject' },
    { from: 'pending', to: 'blocked', kind: 'reject' },
    { from: 'active', to: 'error', kind: 'reject' },
  ]

  it.each(cases)('$from → $to: $kind', ({ from, to, kind, status }) => {
    const transition = channelTransition(from, to)
    expect(transition.kind).toBe(kind)
    if (transition.kind === 'set') expect(transition.status).toBe(status)
  })

  it('names the statuses an application may set when it asks for a gateway-owned one', () => {
    const transition = channelTransition('active', 'blocked')
    expect(transition).toMatchObject({
      kind: 'reject',
      error: {
        code: 'invalid',
        message:
          'status blocked is set by the gateway; an application may set active, inactive, deleted',
      },
    })
  })
})
