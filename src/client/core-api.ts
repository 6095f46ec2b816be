import { z } from 'zod'
import { CoreApiError } from './errors'
import { ClientSchema, coreEnvelope } from './schemas'
import { createTransport } from './transport'
import type { Client, ClientOptions, ListClientsQuery } from './types'

/** The part of the vCita core API that communication-gw consumers need. */
export interface CoreApiClient {
  /**
   * `GET /platform/v1/clients?business_id=…&per_page=…`: a page of the business's clients.
   * A client's `id` is what the communication-gw calls `contact_uid`.
   */
  listClients(query: ListClientsQuery): Promise<Client[]>
}

const ClientListRead = coreEnvelope(z.looseObject({ clients: z.array(ClientSchema) })).transform(
  (body) => body.data.clients,
)

export function createCoreApiClient(options: ClientOptions): CoreApiClient {
  const send = createTransport(options, (failure) => new CoreApiError(failure))
  return {
    listClients: (query) =>
      send({
        method: 'GET',
        path: '/platform/v1/clients',
        query: clientsQuery(query),
        read: ClientListRead,
      }),
  }
}

function clientsQuery({ business_id, per_page, page }: ListClientsQuery): Array<[string, string]> {
  const query: Array<[string, string]> = [['business_id', business_id]]
  if (per_page !== undefined) query.push(['per_page', String(per_page)])
  if (page !== undefined) query.push(['page', String(page)])
  return query
}
