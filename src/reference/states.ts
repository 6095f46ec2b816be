/**
 * The reference's provider-state handlers, one per state of `specs/states.yaml`. Each sets
 * its data up directly in the store and returns the entity as the API shows it; unusable
 * params throw an Error naming the state and the param.
 */
import type { StateHandlers } from '../provider/types'
import { StateParams } from './params'
import { setUpChannel, setUpClient, setUpMessage, setUpSession } from './setup'
import type { Store } from './store'
import { channelView, clientView, messageView, sessionView } from './views'

/** The states of `specs/states.yaml` that the reference knows how to set up. */
export const STATE_NAMES = [
  'channel is pending',
  'channel is active',
  'client exists',
  'session exists',
  'message exists',
] as const

export type StateName = (typeof STATE_NAMES)[number]

/**
 * Params per state (all optional):
 * - channel is pending / channel is active: `business_uid`, `type`, `display_name`,
 *   `open_channel`, `status` (must match the state), `uid`.
 * - client exists: `business_id` (or `business_uid`), `per_page` (ignored), `id`.
 * - session exists: `business_uid`, `channel_uid`, `contact_uid`, `external_uid`,
 *   `status` (default `active`), `ai_status`. Unknown channel/contact uids are created.
 * - message exists: `channel_uid`, `message_uid`, `external_uid`, `contact_uid`, `message`,
 *   `direction`, `attachments`, `created_at`, `status` (default `pending`), `business_uid`.
 */
export function createStateHandlers(
  store: Store,
): StateHandlers & Record<StateName, StateHandlers[string]> {
  return {
    'channel is pending': async (params) =>
      channelView(setUpChannel(store, new StateParams('channel is pending', params), 'pending')),
    'channel is active': async (params) =>
      channelView(setUpChannel(store, new StateParams('channel is active', params), 'active')),
    'client exists': async (params) =>
      clientView(setUpClient(store, new StateParams('client exists', params))),
    'session exists': async (params) =>
      sessionView(setUpSession(store, new StateParams('session exists', params))),
    'message exists': async (params) =>
      messageView(setUpMessage(store, new StateParams('message exists', params))),
  }
}
