/** Test fixture: a fault-injecting proxy in front of the real Pact Broker. See README.md. */
export type { BearerAuth } from './auth'
export type { Fault, FaultKind, FaultRule } from './faults'
export type { BrokerFake, BrokerFakeOptions, RecordedRequest } from './server'
export { startBrokerFake } from './server'
