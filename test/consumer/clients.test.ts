/** The consumer's client lookup in the core API, which the gateway specs' prerequisites use. */
import { describe, expect, it } from 'vitest'
import { createCoreApiClient } from '../../src/client'
import { specInteraction } from '../../src/consumer'
import { CONSUMER_TOKEN } from './support'

describe('core-api clients', () => {
  // Variant 1 is the lookup the POST /sessions workflow's prerequisites make again, after the
  // spec's own (as vCita's runner runs them); variant 2 the lookup alone.
  it.each([
    'GET /platform/v1/clients → 200, given client exists (variant 1)',
    'GET /platform/v1/clients → 200, given client exists (variant 2)',
  ])("looks up a client of the business and reads its id (a session's contact_uid): %s", (name) =>
    specInteraction<'business_id'>(name).run(async (url, values) => {
      const core = createCoreApiClient({ baseURL: url, token: CONSUMER_TOKEN })
      const clients = await core.listClients({ business_id: values.business_id, per_page: 1 })
      expect(clients[0]?.id).toEqual(expect.any(String))
    }),
  )
})
