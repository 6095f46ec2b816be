import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseCatalog } from '../../contract'
import { parseSpec, type Spec } from '../../spec'
import { type LivePlan, planSpec } from './plan'

const ROOT = join(__dirname, '..', '..', '..')
const catalog = parseCatalog(parse(readFileSync(join(ROOT, 'specs/states.yaml'), 'utf8')))
const VARIABLES = ['business_id']

function seed(name: string): Spec {
  const file = join('specs/communication-gw', name)
  const read = parseSpec(file, readFileSync(join(ROOT, file), 'utf8'), { variables: VARIABLES })
  if (!read.ok) throw new Error(`${file} does not read`)
  return read.spec
}

const steps = (plan: LivePlan) => (plan.kind === 'steps' ? plan.steps : [])

describe('live plans', () => {
  it('waits for activation after the prerequisites of "channel is active" and "session exists"', () => {
    const plan = planSpec(seed('post_business_communication_sessions_typing.md'), {
      catalog,
      defaultWaitMs: 1234,
    })
    expect(plan.kind === 'steps' && plan.waits).toEqual([
      { stepId: 'activate_channel', event: 'channel.activated', state: 'channel is active' },
      { stepId: 'create_session', event: 'session.status_changed', state: 'session exists' },
    ])
    expect(steps(plan).map((s) => s.id)).toEqual([
      'create_channel',
      'activate_channel',
      'get_client',
      'create_session',
      'main_request',
    ])
    expect(steps(plan)[1]?.waitFor).toEqual({
      event: 'channel.activated',
      match: { '$.data.channel.uid': '{{channel_uid}}' },
      timeout: 1234,
    })
  })

  it('does not wait for a channel that should stay pending', () => {
    const plan = planSpec(seed('post_business_communication_sessions.md'), {
      catalog,
      defaultWaitMs: 1000,
    })
    expect(plan.kind === 'steps' && plan.waits).toEqual([])
  })

  it("lets a step's own waitFor win over the catalog's", () => {
    const spec = seed('post_business_communication_sessions_typing.md')
    if (spec.kind !== 'http') throw new Error('an HTTP spec')
    const own = { event: 'channel.provisioned', timeout: 5 }
    const changed = {
      ...spec,
      prerequisites: spec.prerequisites.map((s) =>
        s.id === 'activate_channel' ? { ...s, waitFor: own } : s,
      ),
    }
    const plan = planSpec(changed, { catalog, defaultWaitMs: 1000 })
    expect(steps(plan)[1]?.waitFor).toEqual(own)
    expect(plan.kind === 'steps' && plan.waits[0]).toEqual({
      stepId: 'activate_channel',
      event: 'channel.provisioned',
      state: undefined,
    })
  })

  it('does not run a webhook spec live, and says why', () => {
    const plan = planSpec(seed('webhooks/webhook_channel_activated.md'), {
      catalog,
      defaultWaitMs: 1000,
    })
    expect(plan.kind).toBe('not-live')
  })
})
