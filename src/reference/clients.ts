/**
 * The core API's clients, as far as the communication-gw specs need them: every business
 * has a few, created on first use, so that "look up a client" always finds one. Ids are
 * derived from the business uid, so a business has the same clients after every reset.
 */
import { createHash } from 'node:crypto'
import type { Store } from './store'
import type { Client } from './types'

const PEOPLE = [
  { first_name: 'Dana', last_name: 'Levi' },
  { first_name: 'Omer', last_name: 'Cohen' },
  { first_name: 'Maya', last_name: 'Shapiro' },
] as const

/** A 16-character lowercase id, like the core API's (`czpvt3f246p4cw9i`). */
export function clientId(businessUid: string, index: number): string {
  const digest = createHash('sha256').update(`${businessUid}:${index}`).digest()
  let id = ''
  for (let i = 0; id.length < 16; i++) id += ((digest[i] ?? 0) % 36).toString(36)
  return id
}

const now = (): string => `${new Date().toISOString().slice(0, 19)}Z`

function makeClient(businessUid: string, id: string, index: number): Client {
  const person = PEOPLE[index % PEOPLE.length] ?? PEOPLE[0]
  const stamp = now()
  const phone = `+1555${String(1000000 + index).slice(-7)}`
  return {
    id,
    business_uid: businessUid,
    first_name: person.first_name,
    last_name: person.last_name,
    email: `${person.first_name}.${person.last_name}.${index}@example.com`.toLowerCase(),
    mobile_phone: phone,
    normalized_phone: phone,
    address: null,
    customer_status: 'lead',
    opt_in: '1',
    source: 'Client Portal',
    source_url: null,
    campaign: null,
    channel: null,
    custom_field1: null,
    custom_field2: null,
    custom_field3: null,
    tags: [],
    created_at: stamp,
    updated_at: stamp,
  }
}

/** The business's clients, seeding them on first use. */
export function clientsOf(store: Store, businessUid: string): Client[] {
  let clients = store.clients.get(businessUid)
  if (!clients) {
    clients = PEOPLE.map((_, i) => makeClient(businessUid, clientId(businessUid, i), i))
    store.clients.set(businessUid, clients)
  }
  return clients
}

export function findClient(store: Store, businessUid: string, id: string): Client | undefined {
  return clientsOf(store, businessUid).find((client) => client.id === id)
}

/** Adds a client to the business, with the given id or a fresh one. */
export function addClient(store: Store, businessUid: string, id?: string): Client {
  const clients = clientsOf(store, businessUid)
  const index = clients.length
  const client = makeClient(businessUid, id ?? clientId(businessUid, index), index)
  clients.push(client)
  return client
}
