import { z } from 'zod'
import { CommunicationGwError } from './errors'
import {
  ChannelSchema,
  EmptySuccessSchema,
  MessageSchema,
  SessionSchema,
  successEnvelope,
} from './schemas'
import { createTransport } from './transport'
import type {
  Channel,
  ClientOptions,
  CreateChannelRequest,
  CreateMessageRequest,
  CreateSessionRequest,
  Message,
  Session,
  SessionFilters,
  TypingRequest,
  UpdateChannelRequest,
  UpdateMessageRequest,
  UpdateSessionRequest,
} from './types'

export const COMMUNICATION_BASE_PATH = '/business/communication'

/**
 * The communication-gw, one method per operation. Methods resolve to the payload inside
 * `data` (the channel, the session, …) and reject with a `CommunicationGwError`.
 */
export interface CommunicationClient {
  /** `POST /channels` (201): the new channel, `pending` until the gateway activates it. */
  createChannel(request: CreateChannelRequest): Promise<Channel>
  /** `PUT /channels/{uid}` (200), e.g. `{ status: 'active', open_channel: true }`. */
  updateChannel(uid: string, changes: UpdateChannelRequest): Promise<void>
  /** `DELETE /channels/{uid}` (200). */
  deleteChannel(uid: string): Promise<void>
  /** `POST /sessions` (201); 422 when the channel is not active or the session exists. */
  createSession(request: CreateSessionRequest): Promise<Session>
  /** `GET /sessions?filter[business_uid]=…&filter[channel_uid]=…[&filter[contact_uid]=…]`. */
  listSessions(filters: SessionFilters): Promise<Session[]>
  /** `PUT /sessions/{uid}` (200); the change itself is confirmed later by a callback. */
  updateSession(uid: string, changes: UpdateSessionRequest): Promise<Session>
  /** `DELETE /sessions/{uid}` (200): a logical delete. */
  deleteSession(uid: string): Promise<void>
  /** `POST /sessions/typing` (200): shows the contact that someone is typing. */
  sendTyping(request: TypingRequest): Promise<void>
  /** `POST /messages` (201): needs an active channel. */
  createMessage(request: CreateMessageRequest): Promise<Message>
  /** `PUT /messages/{messageUid}` (200): a new status for a message of the channel. */
  updateMessage(messageUid: string, changes: UpdateMessageRequest): Promise<void>
}

const ChannelRead = successEnvelope(z.looseObject({ channel: ChannelSchema })).transform(
  (body) => body.data.channel,
)
const SessionRead = successEnvelope(z.looseObject({ session: SessionSchema })).transform(
  (body) => body.data.session,
)
const SessionListRead = successEnvelope(
  z.looseObject({ sessions: z.array(SessionSchema) }),
).transform((body) => body.data.sessions)
const MessageRead = successEnvelope(z.looseObject({ message: MessageSchema })).transform(
  (body) => body.data.message,
)

/**
 * @example
 * const gw = createCommunicationClient({ baseURL: 'https://api.vcita.biz', token })
 * const channel = await gw.createChannel({ business_uid, type: 'transactional' })
 * await gw.updateChannel(channel.uid, { status: 'active', open_channel: true })
 */
export function createCommunicationClient(options: ClientOptions): CommunicationClient {
  const send = createTransport(options, (failure) => new CommunicationGwError(failure))
  const at = (...segments: string[]) =>
    [COMMUNICATION_BASE_PATH, ...segments.map(encodeURIComponent)].join('/')

  return {
    createChannel: (request) =>
      send({ method: 'POST', path: at('channels'), body: request, read: ChannelRead }),
    updateChannel: (uid, changes) =>
      send({ method: 'PUT', path: at('channels', uid), body: changes, read: EmptySuccessSchema }),
    deleteChannel: (uid) =>
      send({ method: 'DELETE', path: at('channels', uid), read: EmptySuccessSchema }),
    createSession: (request) =>
      send({ method: 'POST', path: at('sessions'), body: request, read: SessionRead }),
    listSessions: (filters) =>
      send({
        method: 'GET',
        path: at('sessions'),
        query: filterQuery(filters),
        read: SessionListRead,
      }),
    updateSession: (uid, changes) =>
      send({ method: 'PUT', path: at('sessions', uid), body: changes, read: SessionRead }),
    deleteSession: (uid) =>
      send({ method: 'DELETE', path: at('sessions', uid), read: EmptySuccessSchema }),
    sendTyping: (request) =>
      send({
        method: 'POST',
        path: at('sessions', 'typing'),
        body: request,
        read: EmptySuccessSchema,
      }),
    createMessage: (request) =>
      send({ method: 'POST', path: at('messages'), body: request, read: MessageRead }),
    updateMessage: (messageUid, changes) =>
      send({
        method: 'PUT',
        path: at('messages', messageUid),
        body: changes,
        read: EmptySuccessSchema,
      }),
  }
}

/** Deep-object filters in a fixed order, so that requests (and pacts) are stable. */
function filterQuery(filters: SessionFilters): Array<[string, string]> {
  const query: Array<[string, string]> = [
    ['filter[business_uid]', filters.business_uid],
    ['filter[channel_uid]', filters.channel_uid],
  ]
  if (filters.contact_uid !== undefined) query.push(['filter[contact_uid]', filters.contact_uid])
  return query
}
