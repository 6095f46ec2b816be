/**
 * Contract IR → Pact V4 JSON, in the same shape the Pact core writes (keys sorted, rules
 * as `{combine, matchers}`), so a pact from `specpact generate` and one recorded by the
 * mock server compare equal.
 */

import { z } from 'zod'
import type {
  Contract,
  HttpInteraction,
  Interaction,
  Matcher,
  MessageInteraction,
  MessageTrigger,
  ProviderState,
  Template,
} from '../contract'
import { exampleOfTemplate } from '../contract'
import type { JsonValue } from '../spec'
import {
  type Generators,
  generatorOf,
  type Json,
  matcherRules,
  named,
  type Rules,
  rule,
  walkBody,
} from './rules'

export const SPECPACT_VERSION: string = z
  .object({ version: z.string() })
  .parse(require('../../package.json')).version

function bodyOf(t: Template | undefined, contentType: string): Json | undefined {
  if (t === undefined) return undefined
  // The body's content type is the media type alone, as the Pact core records it.
  const media = contentType.split(';')[0]?.trim() || 'application/json'
  return { content: exampleOfTemplate(t), contentType: media, encoded: false }
}

function withSections(sections: Record<string, Json | undefined>): Json {
  const out: Json = {}
  for (const [k, v] of Object.entries(sections)) if (v && Object.keys(v).length > 0) out[k] = v
  return out
}

function contentTypeOf(headers: Array<[string, Matcher]>): string {
  const found = headers.find(([k]) => k.toLowerCase() === 'content-type')
  return found ? String(exampleOfTemplate(found[1])) : 'application/json'
}

function renderHttp(i: HttpInteraction): Json {
  const { request, response } = i
  const reqBodyRules: Rules = {}
  const reqBodyGens: Generators = {}
  if (request.multipart) {
    // A multipart body is matched part by part, by the part's name.
    for (const [name, m] of request.multipart.fields) {
      const rules = matcherRules(m)
      if (rules.length > 0) reqBodyRules[`$.${name}`] = rule(rules)
    }
    // A file part by type only: the Pact core's contentType matcher sniffs the bytes, and
    // the contract holds a placeholder, not the runner's test file.
    for (const f of request.multipart.files)
      reqBodyRules[`$.${f.field}`] = rule([{ match: 'type' }])
  } else if (request.body) walkBody(request.body, '$', reqBodyRules, reqBodyGens)
  const query = named(request.query, true)
  const reqHeaders = named(request.headers, false)
  const pathRules = matcherRules(request.path)
  const pathGen = generatorOf(request.path)
  const req: Json = {
    method: request.method,
    path: String(exampleOfTemplate(request.path)),
    ...(request.query.length > 0 ? { query: query.values } : {}),
    ...(request.headers.length > 0 ? { headers: reqHeaders.values } : {}),
    ...(request.body ? { body: bodyOf(request.body, contentTypeOf(request.headers)) } : {}),
  }
  const reqRules = withSections({
    body: reqBodyRules,
    header: reqHeaders.rules,
    path: pathRules.length > 0 ? rule(pathRules) : undefined,
    query: query.rules,
  })
  const reqGens = withSections({
    body: reqBodyGens,
    header: reqHeaders.generators,
    path: pathGen,
    query: query.generators,
  })
  if (Object.keys(reqRules).length > 0) req.matchingRules = reqRules
  if (Object.keys(reqGens).length > 0) req.generators = reqGens

  const resBodyRules: Rules = {}
  const resBodyGens: Generators = {}
  if (response.body) walkBody(response.body, '$', resBodyRules, resBodyGens)
  const resHeaders = named(response.headers, false)
  const status = response.status.kind === 'exact' ? response.status.status : response.status.example
  const res: Json = {
    status,
    ...(response.headers.length > 0 ? { headers: resHeaders.values } : {}),
    ...(response.body ? { body: bodyOf(response.body, contentTypeOf(response.headers)) } : {}),
  }
  const resRules = withSections({
    body: resBodyRules,
    header: resHeaders.rules,
    status:
      response.status.kind === 'oneOf'
        ? { $: rule([{ match: 'statusCode', status: response.status.statuses }]) }
        : undefined,
  })
  if (Object.keys(resRules).length > 0) res.matchingRules = resRules
  const resGens = withSections({ body: resBodyGens, header: resHeaders.generators })
  if (Object.keys(resGens).length > 0) res.generators = resGens
  return {
    comments: { text: commentsOf(i), ...(i.filter ? { specpact: filterItemsOf(i.filter) } : {}) },
    description: i.description,
    pending: false,
    ...(i.states.length > 0 ? { providerStates: statesJson(i.states) } : {}),
    request: req,
    response: res,
    type: 'Synchronous/HTTP',
  }
}

const statesJson = (states: readonly ProviderState[]): JsonValue =>
  states.map((s) => ({ name: s.name, params: s.params }))

const triggerJson = (t: MessageTrigger): Json => ({ description: t.description, params: t.params })

/**
 * What `specpact verify` checks of a filter contract's list beyond Pact's matching: each item
 * of `list` must carry, in each of `items`' fields it has, the value of the expression (the
 * state's or configured value the request filtered by). V4 keeps comments of any shape and
 * Pact ignores them; other Pact tools do not check this (see contract/filters.ts).
 */
function filterItemsOf(filter: NonNullable<HttpInteraction['filter']>): Json {
  return {
    filter: {
      list: `$.${filter.list.join('.')}`,
      items: Object.fromEntries(filter.items),
    },
  }
}

/**
 * Where the interaction comes from. A prerequisite's interaction also says what later steps
 * take from its response and which spec steps rely on it, so that a provider developer
 * looking at a failure knows whose tests break with it.
 */
function commentsOf(i: HttpInteraction): string[] {
  const text = [`From ${i.origin.specFile}, step ${i.origin.stepId}`]
  if (i.filter) {
    const excluded = i.states.slice(i.filter.excludedFrom).map((s) => s.name)
    text.push(
      `A filter by ${i.filter.fields.join(', ')}: states ${i.filter.excludedFrom + 1}-${i.states.length} (${excluded.join(', ')}) hold entities it must leave out, so the list has at most ${i.filter.max} item(s)`,
    )
  }
  const source = i.prerequisite
  if (!source) return text
  text.push(
    `A prerequisite's response: later steps use ${source.uses.join(', ')} from it`,
    `Relied on by ${source.reliedOnBy.map((o) => `${o.specFile} (step ${o.stepId})`).join(', ')}`,
  )
  return text
}

function renderMessage(i: MessageInteraction): Json {
  const rules: Rules = {}
  const generators: Generators = {}
  walkBody(i.contents, '$', rules, generators)
  const metadata = named(i.metadata, false)
  // A message's metadata values are single strings, not lists as HTTP headers are.
  const metaValues: Json = {}
  for (const [k, m] of i.metadata) metaValues[k] = String(exampleOfTemplate(m))
  return {
    // The trigger tells the provider's message producer what to do; V4 keeps comments of
    // any shape, and Pact matching ignores them.
    comments: {
      text: [`From ${i.origin.specFile}`],
      trigger: triggerJson(i.trigger),
    },
    contents: {
      content: exampleOfTemplate(i.contents),
      contentType: 'application/json',
      encoded: false,
    },
    description: i.description,
    ...(Object.keys(generators).length > 0 ? { generators: { body: generators } } : {}),
    ...(Object.keys(rules).length + Object.keys(metadata.rules).length > 0
      ? { matchingRules: withSections({ body: rules, metadata: metadata.rules }) }
      : {}),
    metadata: metaValues,
    pending: false,
    ...(i.states.length > 0 ? { providerStates: statesJson(i.states) } : {}),
    type: 'Asynchronous/Messages',
  }
}

export function renderInteraction(i: Interaction): Json {
  return i.kind === 'http' ? renderHttp(i) : renderMessage(i)
}

/** The whole pact file content, keys sorted at every level. */
export function renderPact(contract: Contract): Json {
  return sortObject({
    consumer: { name: contract.consumer },
    interactions: contract.interactions.map(renderInteraction),
    metadata: {
      pactSpecification: { version: '4.0' },
      specpact: { version: SPECPACT_VERSION },
    },
    provider: { name: contract.provider },
  })
}

export function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') return sortObject(value)
  return value
}

function sortObject(value: Json): Json {
  const out: Json = {}
  // `sort()` without a comparator orders by UTF-16 code units.
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key] as JsonValue)
  return out
}
