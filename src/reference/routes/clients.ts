/**
 * GET /platform/v1/clients: the core API's client lookup that the communication-gw specs
 * use to find a contact. Not part of the gateway; served here so that those specs have one
 * provider to run against. Answers in the core API's own envelope.
 */
import { z } from 'zod'
import { clientsOf } from '../clients'
import { platformFailure, platformSuccess, type Reply } from '../envelope'
import { BASE_PATHS, type Operation, type OperationRequest } from '../operation'
import type { Store } from '../store'
import type { Client } from '../types'
import { validate } from '../validate'
import { clientView } from '../views'

const SEARCH_BY = ['email', 'uid', 'phone', 'updated_at'] as const

const positiveInteger = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer from 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(1, `must be from 1 to ${max}`).max(max, `must be from 1 to ${max}`))

const ClientQuery = z.object({
  business_id: z.string().min(1).optional(),
  per_page: positiveInteger(100).default(25),
  page: positiveInteger(Number.MAX_SAFE_INTEGER).default(1),
  search_term: z.string().optional(),
  search_by: z.enum(SEARCH_BY).optional(),
})

const digits = (text: string | null): string => (text ?? '').replace(/\D/g, '')

function matches(
  client: Client,
  term: string,
  by: (typeof SEARCH_BY)[number] | undefined,
): boolean {
  const needle = term.toLowerCase()
  const email = client.email.toLowerCase().includes(needle)
  const phone = digits(term) !== '' && digits(client.mobile_phone).includes(digits(term))
  switch (by) {
    case 'email':
      return email
    case 'uid':
      return client.id === term
    case 'phone':
      return phone
    case 'updated_at':
      return client.updated_at.startsWith(term)
    case undefined:
      return (
        email || phone || `${client.first_name} ${client.last_name}`.toLowerCase().includes(needle)
      )
  }
}

/** The business of the lookup: named by the spec, or on behalf of, or the token's. */
function businessOf(request: OperationRequest, named: string | undefined, store: Store): string {
  const onBehalfOf = request.headers['x-on-behalf-of']
  return (
    named ?? (typeof onBehalfOf === 'string' && onBehalfOf ? onBehalfOf : store.defaultBusinessUid)
  )
}

function listClients(request: OperationRequest, { store }: { store: Store }): Reply {
  const query = validate(ClientQuery, request.query)
  if (!query.ok) return platformFailure(422, query.errors.map((e) => e.message).join('; '))
  const { business_id, per_page, page, search_term, search_by } = query.value
  const all = clientsOf(store, businessOf(request, business_id, store))
  const found =
    search_term === undefined ? all : all.filter((c) => matches(c, search_term, search_by))
  const start = (page - 1) * per_page
  return platformSuccess({ clients: found.slice(start, start + per_page).map(clientView) })
}

export const clientOperations: Operation[] = [
  {
    id: 'listClients',
    api: 'platform',
    method: 'GET',
    url: `${BASE_PATHS.platform}/clients`,
    handle: listClients,
  },
]
