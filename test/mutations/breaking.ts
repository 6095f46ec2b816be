/**
 * Changes a provider team could plausibly ship that break what the consumer relies on. Each
 * names the interactions that must fail and, per interaction, what the failure must say:
 * every pattern has to match one of the verifier's reasons.
 */
import { type JsonObject, sessionView } from '../../src/reference'
import type { JsonValue } from '../../src/spec'
import { bodyField, editAt, editReply, everyOperation, unprocessable } from './edits'
import { type Mutation, STAFF_TOKEN } from './harness'

export interface BreakingCase {
  name: string
  /** What it proves about the contracts. */
  proves: string
  mutation: Mutation
  /** Interaction description → patterns its failure reasons must contain. */
  fails: Record<string, RegExp[]>
  /**
   * The failure reasons are exactly these, one per pattern: the Pact core itself found
   * nothing wrong (a check only specpact makes).
   */
  only?: boolean
}

/** The interaction verifying the session create that five specs' prerequisites rely on. */
export const CREATE_SESSION =
  'POST /business/communication/sessions → 200 or 201, given channel is active, client exists, channel is pending'
/**
 * The message create that PUT /messages/{uid} relies on, given also the active channel the
 * POST /messages workflow's prerequisites create before it, as vCita's runner runs them.
 */
export const CREATE_MESSAGE =
  'POST /business/communication/messages → 201, given channel is active, client exists'
/**
 * The core API's client lookup, in the core-api pact: after the lookup of the spec itself
 * (variant 1: the one the POST /sessions workflow's prerequisites make again) and alone.
 */
export const CLIENT_LOOKUPS = [
  'GET /platform/v1/clients → 200, given client exists (variant 1)',
  'GET /platform/v1/clients → 200, given client exists (variant 2)',
]

const renamed = (object: JsonObject, from: string, to: string): JsonObject =>
  Object.fromEntries(Object.entries(object).map(([k, v]) => [k === from ? to : k, v]))

const without = (object: JsonObject, key: string): JsonObject =>
  Object.fromEntries(Object.entries(object).filter(([k]) => k !== key))

export const BREAKING: BreakingCase[] = [
  {
    name: 'data.channel.uid renamed to data.channel.id',
    proves: 'a renamed field the consumer extracts ($.data.channel.uid) is caught',
    mutation: {
      overrides: {
        createChannel: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.channel', ({ uid, ...rest }) => ({
            id: uid ?? null,
            ...rest,
          })),
        })),
      },
    },
    fails: {
      post_business_communication_channels: [
        /^\$\.data\.channel: .*missing the following keys: uid$/,
      ],
    },
  },
  {
    name: 'session uid removed from session replies',
    proves:
      'a removed field the contract lists ($.data.session.uid, $.data.sessions[*].uid) is caught',
    mutation: {
      overrides: {
        updateSession: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.session', (s) => without(s, 'uid')),
        })),
        listSessions: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.sessions.*', (s) => without(s, 'uid')),
        })),
      },
    },
    fails: {
      get_business_communication_sessions: [/^\$\.data\.sessions\[0\]: .*keys: uid$/],
      put_business_communication_sessions_uid: [/^\$\.data\.session: .*keys: uid$/],
    },
  },
  {
    name: 'POST /channels answers 200 instead of 201',
    proves: 'an exact success status is pinned',
    mutation: {
      overrides: { createChannel: editReply((reply) => ({ ...reply, status: 200 })) },
    },
    fails: { post_business_communication_channels: [/expected 201 but was 200/] },
  },
  {
    name: 'a session on a pending channel is created (201 instead of 422)',
    proves: 'the "channel is not active" rule the consumer depends on is pinned',
    mutation: {
      overrides: {
        // The provider forgot to check the channel's status before creating the session.
        createSession: (request, context, original) => {
          const channel = context.store.channels.get(String(bodyField(request, 'channel_uid')))
          if (channel?.status !== 'pending') return original(request, context)
          channel.status = 'active'
          try {
            return original(request, context)
          } finally {
            channel.status = 'pending'
          }
        },
      },
    },
    fails: {
      post_business_communication_sessions: [
        /expected 422 but was 201/,
        /missing the following keys: errors/,
      ],
    },
  },
  {
    name: 'success envelope becomes {ok, result} across the API',
    proves:
      'the {success, data} envelope is pinned on every success reply; the 422 interaction keeps its error envelope and passes',
    mutation: {
      overrides: everyOperation(
        editReply((reply) =>
          reply.body.success === true
            ? { ...reply, body: { ok: true, result: reply.body.data ?? null } }
            : reply,
        ),
      ),
    },
    fails: Object.fromEntries(
      [
        'delete_business_communication_channels_uid',
        'delete_business_communication_sessions_uid',
        'get_business_communication_sessions',
        'post_business_communication_channels',
        'post_business_communication_messages',
        'post_business_communication_sessions_typing',
        'put_business_communication_channels_uid',
        'put_business_communication_messages_messageuid',
        'put_business_communication_sessions_uid',
        CREATE_SESSION,
        CREATE_MESSAGE,
      ].map((d) => [d, [/missing the following keys: data, success$/]]),
    ),
  },
  {
    name: 'POST /sessions/typing removed (404)',
    proves: 'a missing endpoint is caught',
    mutation: {
      overrides: {
        sendTyping: () => ({
          status: 404,
          body: {
            success: false,
            errors: [
              {
                code: 'missing',
                message: 'no operation POST /business/communication/sessions/typing',
              },
            ],
          },
        }),
      },
    },
    fails: { post_business_communication_sessions_typing: [/status code 404 to be a 200, 201/] },
  },
  {
    name: 'display_name limited to 20 characters',
    proves: 'stricter validation of a field the consumer sends is caught',
    mutation: {
      overrides: Object.fromEntries(
        (['createChannel', 'updateChannel'] as const).map((id) => [
          id,
          editReply((reply, request) => {
            const name = bodyField(request, 'display_name')
            return typeof name === 'string' && name.length > 20
              ? unprocessable('too_long', 'display_name is longer than 20 characters')
              : reply
          }),
        ]),
      ),
    },
    fails: {
      post_business_communication_channels: [/expected 201 but was 422/],
      put_business_communication_channels_uid: [/expected 200 but was 422/],
    },
  },
  {
    name: 'external_uid must be numeric',
    proves:
      'a new format rule on a field the consumer sends is caught: by the session create the prerequisites rely on, though POST /sessions on a pending channel expects a 422 anyway and passes with the wrong 422',
    mutation: {
      overrides: Object.fromEntries(
        (['createSession', 'createMessage'] as const).map((id) => [
          id,
          (request, context, original) => {
            const external = bodyField(request, 'external_uid')
            return typeof external === 'string' && !/^\d+$/.test(external)
              ? unprocessable('invalid', 'external_uid must be numeric')
              : original(request, context)
          },
        ]),
      ),
    },
    fails: {
      post_business_communication_messages: [/expected 201 but was 422/],
      [CREATE_MESSAGE]: [/expected 201 but was 422/],
      [CREATE_SESSION]: [/status code 422 to be a 200, 201/],
    },
  },
  {
    name: 'error code of an inactive channel becomes channel_not_active',
    proves: 'the error-code enum the consumer matches on is pinned',
    mutation: {
      overrides: {
        createSession: editReply((reply) =>
          reply.status === 422
            ? unprocessable('channel_not_active', 'Channel is not active')
            : reply,
        ),
      },
    },
    fails: {
      post_business_communication_sessions: [/'channel_not_active' to match '\^\(missing\|/],
    },
  },
  {
    name: 'data.message.uid becomes a number',
    proves: 'a field type change is caught',
    mutation: {
      overrides: {
        createMessage: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.message', (m) => ({ ...m, uid: 40213 })),
        })),
      },
    },
    fails: {
      post_business_communication_messages: [
        /40213 \(Integer\) to be the same type as .* \(String\)/,
      ],
      [CREATE_MESSAGE]: [/40213 \(Integer\) to be the same type as .* \(String\)/],
    },
  },
  {
    name: 'staff tokens refused for POST /channels (401)',
    proves: 'refusing a token type the consumer uses is caught',
    mutation: {
      overrides: {
        createChannel: (request, context, original) =>
          request.headers.authorization === `Bearer ${STAFF_TOKEN}`
            ? {
                status: 401,
                body: {
                  success: false,
                  errors: [
                    { code: 'unauthorized', message: 'channels are created with an app token' },
                  ],
                },
              }
            : original(request, context),
      },
    },
    fails: { post_business_communication_channels: [/expected 201 but was 401/] },
  },
  {
    name: 'state "channel is active" leaves the channel pending',
    proves: 'a state handler that does not set up its data fails the interactions that need it',
    mutation: {
      // The team's handler creates the channel as the API does, and nothing activates it.
      states: (faithful) => {
        const pending = faithful['channel is pending']
        if (!pending) throw new Error('the reference has no "channel is pending" handler')
        return { ...faithful, 'channel is active': ({ status: _, ...params }) => pending(params) }
      },
    },
    fails: {
      ...Object.fromEntries(
        [
          'delete_business_communication_sessions_uid',
          'get_business_communication_sessions',
          'post_business_communication_sessions_typing',
          'put_business_communication_sessions_uid',
        ].map((d) => [
          d,
          [/^provider state "session exists" failed: .* is pending; it needs an active channel/],
        ]),
      ),
      put_business_communication_messages_messageuid: [
        /^provider state "message exists" failed: .* is pending; it needs an active channel/,
      ],
      // No later state checks the channel here: the request itself is refused.
      post_business_communication_messages: [/expected 201 but was 422/],
      [CREATE_MESSAGE]: [/expected 201 but was 422/],
      [CREATE_SESSION]: [/status code 422 to be a 200, 201/],
    },
  },
  {
    name: 'filter[contact_uid] compared with external_uid',
    proves: 'a filter bug that empties a list the consumer reads is caught (min 1 item)',
    mutation: {
      overrides: {
        listSessions: (request, context, original) => {
          const { 'filter[contact_uid]': contact, ...query } = request.query
          const reply = original({ ...request, query }, context)
          if (contact === undefined) return reply
          const sameExternal = (s: JsonValue) =>
            typeof s === 'object' && s !== null && !Array.isArray(s) && s.external_uid === contact
          return {
            ...reply,
            body: editAt(reply.body, 'data', (data) => ({
              ...data,
              sessions: Array.isArray(data.sessions) ? data.sessions.filter(sameExternal) : [],
            })),
          }
        },
      },
    },
    fails: { get_business_communication_sessions: [/\[\] \(size 0\) to have minimum size of 1/] },
  },
  {
    name: 'DELETE /channels/{uid} answers 204 without a body',
    proves: 'a changed status with a dropped body is caught',
    mutation: {
      overrides: {
        deleteChannel: editReply((reply) =>
          reply.status === 200 ? { status: 204, body: {} } : reply,
        ),
      },
    },
    fails: {
      delete_business_communication_channels_uid: [
        /expected 200 but was 204/,
        /Expected body Present\(.*\) but was empty/,
      ],
    },
  },
  {
    name: 'message status "read" renamed "seen"',
    proves: 'a narrowed request enum of a value the consumer sends is caught',
    mutation: {
      overrides: {
        updateMessage: (request, context, original) =>
          bodyField(request, 'status') === 'read'
            ? unprocessable('invalid', 'status must be one of pending, sent, received, seen, error')
            : original(request, context),
      },
    },
    fails: { put_business_communication_messages_messageuid: [/expected 200 but was 422/] },
  },
  {
    name: 'channel status "pending" becomes "PENDING"',
    proves:
      'a value outside the OpenAPI enum is caught even where the body comes from ## Expected Response (enums refine its type matchers)',
    mutation: {
      overrides: {
        createChannel: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.channel', (c) => ({
            ...c,
            status: String(c.status).toUpperCase(),
          })),
        })),
      },
    },
    fails: {
      post_business_communication_channels: [/Expected 'PENDING' to match '\^\(pending\|active/],
    },
  },
  {
    name: 'session status values upper-cased in GET and PUT /sessions',
    proves: 'session status enums hold in lists and single replies alike',
    mutation: {
      overrides: {
        updateSession: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.session', (s) => ({
            ...s,
            status: String(s.status).toUpperCase(),
          })),
        })),
        listSessions: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.sessions.*', (s) => ({
            ...s,
            status: String(s.status).toUpperCase(),
          })),
        })),
      },
    },
    fails: {
      get_business_communication_sessions: [/Expected 'ACTIVE' to match '\^\(pending\|inactive/],
      put_business_communication_sessions_uid: [
        /Expected 'ACTIVE' to match '\^\(pending\|inactive/,
      ],
    },
  },
  {
    name: 'session uid renamed on create (data.session.uid becomes data.session.id)',
    proves:
      'what prerequisites extract from a response no spec requests itself ($.data.session.uid of a created session) is verified by the interaction derived from them',
    mutation: {
      overrides: {
        createSession: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.session', (s) => renamed(s, 'uid', 'id')),
        })),
      },
    },
    fails: { [CREATE_SESSION]: [/^\$\.data\.session: .*missing the following keys: uid$/] },
  },
  {
    name: 'session status outside the enum on create ("created")',
    proves: "a prerequisite's response is refined with the OpenAPI enums, not only type-matched",
    mutation: {
      overrides: {
        createSession: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.session', (s) => ({ ...s, status: 'created' })),
        })),
      },
    },
    fails: { [CREATE_SESSION]: [/Expected 'created' to match '\^\(pending\|inactive/] },
  },
  {
    name: 'client id renamed in the core API (data.clients[].id becomes client_id)',
    proves:
      "the core API's client lookup, which seven specs' prerequisites rely on for contact_uid, has a pact of its own",
    mutation: {
      overrides: {
        listClients: editReply((reply) => ({
          ...reply,
          body: editAt(reply.body, 'data.clients.*', (c) => renamed(c, 'id', 'client_id')),
        })),
      },
    },
    fails: Object.fromEntries(
      CLIENT_LOOKUPS.map((lookup) => [lookup, [/missing the following keys: id$/]]),
    ),
  },
  {
    name: 'GET /sessions ignores its filters (every session of every business)',
    proves:
      'a filter is a contract: the state also holds sessions of another business, channel and contact, which a provider ignoring the filter returns',
    mutation: {
      overrides: {
        listSessions: (_request, { store }) => ({
          status: 200,
          body: {
            success: true,
            data: { sessions: [...store.sessions.values()].map(sessionView) },
          },
        }),
      },
    },
    fails: {
      get_business_communication_sessions: [/\(size 4\) to have maximum size of 1/],
    },
  },
  {
    name: "GET /sessions answers one session of another channel (within the list's bound)",
    proves:
      "the items carry the filter values: a list of the right length holding another channel's session fails by specpact's item check, which plain Pact tools do not make",
    mutation: {
      overrides: {
        listSessions: (request, { store }) => {
          const channel = request.query['filter[channel_uid]']
          const business = request.query['filter[business_uid]']
          const contact = request.query['filter[contact_uid]']
          // The excluded state's session of this business and contact on another channel.
          const leaked = [...store.sessions.values()].filter(
            (s) =>
              s.channel_uid !== channel && s.business_uid === business && s.contact_uid === contact,
          )
          return {
            status: 200,
            body: { success: true, data: { sessions: leaked.slice(0, 1).map(sessionView) } },
          }
        },
      },
    },
    only: true,
    fails: {
      get_business_communication_sessions: [
        /^\$\.data\.sessions\[0\]\.channel_uid: Expected '[^']+' \(the request's filter by channel_uid\) but received '[^']+': the list holds an item its filter excludes \(uid '[^']+'\)$/,
      ],
    },
  },
]
