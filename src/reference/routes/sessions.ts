/** POST/GET /sessions, PUT/DELETE /sessions/{uid}, POST /sessions/typing. */
import { z } from 'zod'
import { failure, type Reply, success } from '../envelope'
import { type ApiError, apiError, notFound } from '../errors'
import { changeSession, scheduleSessionActivation } from '../lifecycle'
import { BASE_PATHS, type Operation, type OperationRequest } from '../operation'
import { channelUnusable, conflictingSession, sessionChannelUnusable } from '../rules'
import { insertSession, newUid, type Store } from '../store'
import { AI_STATUSES, SESSION_STATUS_UPDATES, type Session } from '../types'
import { requiredString, validate, validateBody } from '../validate'
import { sessionView } from '../views'

const PATH = `${BASE_PATHS.communication}/sessions`

type Context = { store: Store }

const CreateSessionBody = z.object({
  business_uid: requiredString(),
  channel_uid: requiredString(),
  contact_uid: requiredString(),
  external_uid: requiredString(),
})

/** Deep-object filters (`filter[channel_uid]=…`), as the swagger's text and the specs use. */
const SessionFilters = z.object({
  'filter[business_uid]': requiredString(),
  'filter[channel_uid]': requiredString(),
  'filter[contact_uid]': z.string().optional(),
})

const UpdateSessionBody = z.object({
  status: z.enum(SESSION_STATUS_UPDATES).optional(),
  ai_status: z.enum(AI_STATUSES).optional(),
})

const TypingBody = z.object({ session_uid: requiredString(), contact_uid: requiredString() })

/** A session the API still lets one change; deleted sessions answer 404. */
function liveSession(store: Store, uid: string): Session | undefined {
  const session = store.sessions.get(uid)
  return session && session.status !== 'deleted' ? session : undefined
}

function createSession(request: OperationRequest, { store }: Context): Reply {
  const body = validateBody(CreateSessionBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const wanted = body.value
  const channel = store.channels.get(wanted.channel_uid)
  if (!channel || channel.business_uid !== wanted.business_uid) {
    return failure(404, [
      apiError(
        'missing',
        `channel ${wanted.channel_uid} not found for business ${wanted.business_uid}`,
      ),
    ])
  }
  const unusable = channelUnusable(channel)
  if (unusable) return failure(422, [unusable])
  const existing = conflictingSession(store, wanted)
  if (existing) {
    return failure(422, [
      apiError(
        'already_exists',
        `session ${existing.uid} already pairs contact ${existing.contact_uid} with external_uid ${existing.external_uid} on channel ${channel.uid}`,
      ),
    ])
  }
  const session = insertSession(store, {
    uid: newUid(),
    ...wanted,
    status: 'pending',
    ai_status: 'none',
  })
  scheduleSessionActivation(store, session.uid)
  return success(201, { session: sessionView(session) })
}

/** Explains a missing filter sent flat (`channel_uid=`) instead of deep-object style. */
function hintFlatFilters(errors: ApiError[], query: Record<string, unknown>): ApiError[] {
  return errors.map((error) => {
    const flat = /^filter\[(\w+)\] is missing$/.exec(error.message)?.[1]
    if (!flat || !(flat in query)) return error
    return {
      ...error,
      message: `${error.message} (filters are deep-object style: send filter[${flat}], not ${flat})`,
    }
  })
}

function listSessions(request: OperationRequest, { store }: Context): Reply {
  const filters = validate(SessionFilters, request.query)
  if (!filters.ok) return failure(422, hintFlatFilters(filters.errors, request.query))
  const business = filters.value['filter[business_uid]']
  const channel = filters.value['filter[channel_uid]']
  const contact = filters.value['filter[contact_uid]']
  const sessions = [...store.sessions.values()].filter(
    (s) =>
      s.business_uid === business &&
      s.channel_uid === channel &&
      (contact === undefined || s.contact_uid === contact),
  )
  return success(200, { sessions: sessions.map(sessionView) })
}

function updateSession(request: OperationRequest, { store }: Context): Reply {
  const body = validateBody(UpdateSessionBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const { status, ai_status } = body.value
  if (status === undefined && ai_status === undefined) {
    return failure(422, [
      apiError('missing_field', 'status or ai_status is missing: nothing to update'),
    ])
  }
  const uid = request.params.uid ?? ''
  const session = liveSession(store, uid)
  if (!session) return failure(404, [notFound('session', uid)])
  if (status === 'active') {
    const unusable = sessionChannelUnusable(store, session)
    if (unusable) return failure(422, [unusable])
  }
  changeSession(store, session, { status, ai_status })
  return success(200, { session: sessionView(session) })
}

function deleteSession(request: OperationRequest, { store }: Context): Reply {
  const uid = request.params.uid ?? ''
  const session = liveSession(store, uid)
  if (!session) return failure(404, [notFound('session', uid)])
  changeSession(store, session, { status: 'deleted' })
  return success(200, {})
}

function sendTyping(request: OperationRequest, { store }: Context): Reply {
  const body = validateBody(TypingBody, request.body)
  if (!body.ok) return failure(422, body.errors)
  const session = liveSession(store, body.value.session_uid)
  if (!session) return failure(404, [notFound('session', body.value.session_uid)])
  if (session.contact_uid !== body.value.contact_uid) {
    return failure(422, [
      apiError(
        'invalid',
        `contact_uid ${body.value.contact_uid} is not the contact of session ${session.uid}`,
      ),
    ])
  }
  if (session.status !== 'active') {
    return failure(422, [
      apiError('invalid', `session ${session.uid} is ${session.status}, not active`),
    ])
  }
  const unusable = sessionChannelUnusable(store, session)
  if (unusable) return failure(422, [unusable])
  return success(200, {})
}

export const sessionOperations: Operation[] = [
  { id: 'createSession', api: 'communication', method: 'POST', url: PATH, handle: createSession },
  { id: 'listSessions', api: 'communication', method: 'GET', url: PATH, handle: listSessions },
  {
    id: 'sendTyping',
    api: 'communication',
    method: 'POST',
    url: `${PATH}/typing`,
    handle: sendTyping,
  },
  {
    id: 'updateSession',
    api: 'communication',
    method: 'PUT',
    url: `${PATH}/:uid`,
    handle: updateSession,
  },
  {
    id: 'deleteSession',
    api: 'communication',
    method: 'DELETE',
    url: `${PATH}/:uid`,
    handle: deleteSession,
  },
]
