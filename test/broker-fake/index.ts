/** Test fixture: an in-memory fake of the Pact Broker API. See README.md for its limits. */
export type { BrokerAuth } from './auth'
export type { BrokerFake, BrokerFakeOptions, RecordedRequest } from './server'
export { startBrokerFake } from './server'
export type { BrokerStore } from './store'
