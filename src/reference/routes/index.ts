import type { Operation } from '../operation'
import { channelOperations } from './channels'
import { clientOperations } from './clients'
import { gatewayOperations } from './gateway'
import { messageOperations } from './messages'
import { sessionOperations } from './sessions'
import { webhookOperations } from './webhooks'

/** Every operation the reference serves, faithful to the swagger. */
export const OPERATIONS: readonly Operation[] = [
  ...channelOperations,
  ...sessionOperations,
  ...messageOperations,
  ...clientOperations,
  ...gatewayOperations,
  ...webhookOperations,
]
