/** What every consumer test shares: the typed client pointed at the Pact mock server. */
import { type CommunicationClient, createCommunicationClient } from '../../src/client'

/** Any bearer token: the pact pins its shape, and the verifier sends a real one. */
export const CONSUMER_TOKEN = 'consumer-test-token'

export const gatewayAt = (url: string): CommunicationClient =>
  createCommunicationClient({ baseURL: url, token: CONSUMER_TOKEN })

/** `Test Channel 1767225600`: the shape the spec's `{{now_timestamp}}` gives. */
export const nowTimestamp = () => String(Math.floor(Date.now() / 1000))
