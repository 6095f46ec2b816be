/** POST /channels, PUT /channels/{uid}, DELETE /channels/{uid}. */
import { z } from 'zod'
import { failure, type Reply, success } from '../envelope'
import { apiError, notFound } from '../errors'
import { changeChannelStatus, scheduleActivation } from '../lifecycle'
import { BASE_PATHS, type Operation, type OperationRequest } from '../operation'
import { channelTransition } from '../rules'
import { insertChannel, newUid, type Store } from '../store'
import { CHANNEL_STATUSES, CHANNEL_TYPES, type Channel } from '../types'
import { requiredString, validateBody } from '../validate'
import { channelView } from '../views'

const PATH = `${BASE_PATHS.communication}/channels`

const CreateChannelBody = z.object({
  business_uid: requiredString(),
  type: z.enum(CHANNEL_TYPES),
  display_name: z.string().optional(),
})

const UpdateChannelBody = z.object({
  status: z.enum(CHANNEL_STATUSES).optional(),
  display_name: z.string().optional(),
  open_channel: z.boolean().optional(),
})

/** A channel the API still exposes: deleted channels answer 404 like unknown ones. */
export function liveChannel(store: Store, uid: string): Channel | undefined {
  const channel = store.channels.get(uid)
  return channel && channel.status !== 'deleted' ? channel : undefined
}

const uidOf = (request: OperationRequest): string => request.params.uid ?? ''

function createChannel(request: OperationRequest, { store }: { store: Store }): Reply {
  const body = validateBody(CreateChannelBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const channel = insertChannel(store, {
    uid: newUid(),
    business_uid: body.value.business_uid,
    type: body.value.type,
    display_name: body.value.display_name ?? '',
    status: 'pending',
    open_channel: false,
  })
  scheduleActivation(store, channel.uid)
  return success(201, { channel: channelView(channel) })
}

function updateChannel(request: OperationRequest, { store }: { store: Store }): Reply {
  const body = validateBody(UpdateChannelBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const { status, display_name, open_channel } = body.value
  if (status === undefined && display_name === undefined && open_channel === undefined) {
    return failure(422, [
      apiError(
        'missing_field',
        'status, display_name or open_channel is missing: nothing to update',
      ),
    ])
  }
  const channel = liveChannel(store, uidOf(request))
  if (!channel) return failure(404, [notFound('channel', uidOf(request))])
  const transition = status === undefined ? undefined : channelTransition(channel.status, status)
  if (transition?.kind === 'reject') return failure(422, [transition.error])
  if (display_name !== undefined) channel.display_name = display_name
  if (open_channel !== undefined) channel.open_channel = open_channel
  if (transition?.kind === 'set') changeChannelStatus(store, channel, transition.status)
  return success(200, {})
}

function deleteChannel(request: OperationRequest, { store }: { store: Store }): Reply {
  const channel = liveChannel(store, uidOf(request))
  if (!channel) return failure(404, [notFound('channel', uidOf(request))])
  changeChannelStatus(store, channel, 'deleted')
  return success(200, {})
}

export const channelOperations: Operation[] = [
  { id: 'createChannel', api: 'communication', method: 'POST', url: PATH, handle: createChannel },
  {
    id: 'updateChannel',
    api: 'communication',
    method: 'PUT',
    url: `${PATH}/:uid`,
    handle: updateChannel,
  },
  {
    id: 'deleteChannel',
    api: 'communication',
    method: 'DELETE',
    url: `${PATH}/:uid`,
    handle: deleteChannel,
  },
]
