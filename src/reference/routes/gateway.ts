/**
 * The simulated gateway side: what Nexmo provisioning and the gateway's webhook would do in
 * production. Namespaced under /_gateway so it cannot clash with the real API, and needs no
 * token because no consumer ever calls it.
 *
 * POST /_gateway/channels/{uid}/activation            → the channel becomes active
 * POST /_gateway/channels/{uid}/activation {"result": "error"|"blocked", "reason": "…"}
 *                                                      → the activation failed
 */
import { z } from 'zod'
import { failure, type Reply, success } from '../envelope'
import { apiError, notFound } from '../errors'
import { type ActivationResult, activateChannel, failChannelActivation } from '../lifecycle'
import { BASE_PATHS, type Operation, type OperationRequest } from '../operation'
import type { Store } from '../store'
import { validateBody } from '../validate'
import { channelView } from '../views'

const ActivationBody = z.object({
  result: z.enum(['activated', 'error', 'blocked']).default('activated'),
  reason: z.string().optional(),
})

function gatewayActivation(request: OperationRequest, { store }: { store: Store }): Reply {
  const body = validateBody(ActivationBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const uid = request.params.uid ?? ''
  const { result, reason } = body.value
  const outcome: ActivationResult =
    result === 'activated'
      ? activateChannel(store, uid)
      : failChannelActivation(store, uid, result, reason ?? 'activation failed')
  if (outcome.ok) return success(200, { channel: channelView(outcome.channel) })
  if (outcome.reason === 'not_found') return failure(404, [notFound('channel', uid)])
  return failure(422, [
    apiError(
      'invalid',
      `channel ${uid} is ${outcome.channel.status}: only a pending channel can be activated`,
    ),
  ])
}

export const gatewayOperations: Operation[] = [
  {
    id: 'gatewayActivation',
    api: 'gateway',
    method: 'POST',
    url: `${BASE_PATHS.gateway}/channels/:uid/activation`,
    handle: gatewayActivation,
  },
]
