/**
 * Webhook registration, on the simulated gateway side: where the app says which URL should
 * receive the gateway's webhooks. The real gateway's registration is not in its swagger
 * (an app's webhook URL is configured when it is installed), so it lives under /_gateway with
 * the other simulated parts and needs no token.
 *
 * POST   /_gateway/webhooks {"url": "http://…"}  → 201 {subscription: {uid, url}}
 * GET    /_gateway/webhooks                      → 200 {subscriptions: [...]}
 * DELETE /_gateway/webhooks/{uid}                → 200 {}
 */
import { z } from 'zod'
import { failure, type Reply, success } from '../envelope'
import { notFound } from '../errors'
import {
  BASE_PATHS,
  type Operation,
  type OperationContext,
  type OperationRequest,
} from '../operation'
import { validateBody } from '../validate'

const PATH = `${BASE_PATHS.gateway}/webhooks`

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

const RegisterBody = z.object({
  url: z.string().refine(isHttpUrl, { message: 'url must be an absolute http(s) URL' }),
})

function registerWebhook(request: OperationRequest, { webhooks }: OperationContext): Reply {
  const body = validateBody(RegisterBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const subscription = webhooks.register(body.value.url)
  return success(201, { subscription: { ...subscription } })
}

function listWebhooks(_request: OperationRequest, { webhooks }: OperationContext): Reply {
  return success(200, { subscriptions: webhooks.subscriptions().map((s) => ({ ...s })) })
}

function unregisterWebhook(request: OperationRequest, { webhooks }: OperationContext): Reply {
  const uid = request.params.uid ?? ''
  if (!webhooks.unregister(uid)) return failure(404, [notFound('subscription', uid)])
  return success(200, {})
}

export const webhookOperations: Operation[] = [
  { id: 'registerWebhook', api: 'gateway', method: 'POST', url: PATH, handle: registerWebhook },
  { id: 'listWebhooks', api: 'gateway', method: 'GET', url: PATH, handle: listWebhooks },
  {
    id: 'unregisterWebhook',
    api: 'gateway',
    method: 'DELETE',
    url: `${PATH}/:uid`,
    handle: unregisterWebhook,
  },
]
