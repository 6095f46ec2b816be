/**
 * Breaking changes the generated contracts do NOT catch today. They are pinned as passing so
 * that the day the contracts tighten (e.g. enums from the OpenAPI description applied to
 * fields an `## Expected Response` already shows), the test fails and the case moves to
 * BREAKING. Each says which contract rule lets it through.
 */
import { editAt, editReply } from './edits'
import type { Mutation } from './harness'

export interface GapCase {
  name: string
  /** Why verification still passes. */
  because: string
  mutation: Mutation
}

export const GAPS: GapCase[] = [
  {
    name: 'channel status "pending" becomes "PENDING"',
    because:
      'the POST /channels body comes from its ## Expected Response, whose values become type matchers: any string passes',
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
  },
  {
    name: 'session status values upper-cased in GET and PUT /sessions',
    because: 'session status and ai_status are type matchers as well',
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
  },
]
