/** POST /messages, PUT /messages/{messageUid}. */
import { z } from 'zod'
import { failure, type Reply, success } from '../envelope'
import { apiError, notFound } from '../errors'
import { changeMessageStatus } from '../lifecycle'
import { BASE_PATHS, type Operation, type OperationRequest } from '../operation'
import { channelUnusable, messageWithUid } from '../rules'
import { insertMessage, newUid, type Store } from '../store'
import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from '../types'
import { requiredString, validateBody } from '../validate'
import { messageView } from '../views'

const PATH = `${BASE_PATHS.communication}/messages`

type Context = { store: Store }

/** CreateMessageDto's `created_at` format. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

const CreateMessageBody = z.object({
  channel_uid: requiredString(),
  external_uid: requiredString(),
  message: z.string(),
  message_uid: requiredString().max(255),
  contact_uid: z.string().optional(),
  direction: z.enum(MESSAGE_DIRECTIONS).optional(),
  attachments: z.array(z.record(z.string(), z.unknown())).optional(),
  created_at: z.string().regex(DATE_TIME, 'must be a date time as YYYY-MM-DD HH:MM:SS').optional(),
  contact_data: z.record(z.string(), z.string()).optional(),
})

const UpdateMessageBody = z.object({
  status: z.enum(MESSAGE_STATUSES),
  channel_uid: requiredString(),
})

const nowDateTime = (): string => new Date().toISOString().slice(0, 19).replace('T', ' ')

function createMessage(request: OperationRequest, { store }: Context): Reply {
  const body = validateBody(CreateMessageBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const input = body.value
  const channel = store.channels.get(input.channel_uid)
  if (!channel) return failure(404, [notFound('channel', input.channel_uid)])
  const unusable = channelUnusable(channel)
  if (unusable) return failure(422, [unusable])
  const taken = messageWithUid(store, channel.uid, input.message_uid)
  if (taken) {
    return failure(422, [
      apiError(
        'duplicate',
        `message_uid ${input.message_uid} is already used on channel ${channel.uid}`,
      ),
    ])
  }
  const message = insertMessage(store, {
    uid: newUid(),
    message_uid: input.message_uid,
    channel_uid: channel.uid,
    external_uid: input.external_uid,
    contact_uid: input.contact_uid,
    direction: input.direction,
    message: input.message,
    attachments: input.attachments ?? [],
    contact_data: input.contact_data,
    created_at: input.created_at ?? nowDateTime(),
    status: 'pending',
  })
  return success(201, { message: messageView(message) })
}

function updateMessage(request: OperationRequest, { store }: Context): Reply {
  const body = validateBody(UpdateMessageBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const uid = request.params.messageUid ?? ''
  const message = store.messages.get(uid)
  if (!message || message.channel_uid !== body.value.channel_uid) {
    return failure(404, [
      apiError('missing', `message ${uid} not found on channel ${body.value.channel_uid}`),
    ])
  }
  changeMessageStatus(store, message, body.value.status)
  return success(200, {})
}

export const messageOperations: Operation[] = [
  { id: 'createMessage', api: 'communication', method: 'POST', url: PATH, handle: createMessage },
  {
    id: 'updateMessage',
    api: 'communication',
    method: 'PUT',
    url: `${PATH}/:messageUid`,
    handle: updateMessage,
  },
]
