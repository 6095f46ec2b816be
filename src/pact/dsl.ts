/**
 * The contract IR written with pact-js's own DSL (PactV4 + MatchersV3): how consumer tests
 * prime the Pact mock server. Deliberately independent of `render.ts`: it maps each IR node
 * to the matcher a pact-js user would write by hand, so the pact the mock server records can
 * be compared with the one specpact renders (test/pact-tooling.test.ts).
 */
import { MatchersV3, type Matcher as PactMatcher, type PactV4 } from '@pact-foundation/pact'
import type { HttpInteraction, Matcher, StatusRule, Template } from '../contract'
import { UserError } from '../shared'

type Dsl = ReturnType<PactV4['addInteraction']>
export type ReadyInteraction = ReturnType<ReturnType<Dsl['withRequest']>['willRespondWith']>
/** A path, header or query value as pact-js builders take it: text or a matcher of text. */
type TextDsl = string | PactMatcher<string>

/**
 * An injected value: pact-js has no helper for a regex-constrained one, so the raw
 * integration JSON is what MatchersV3 helpers produce.
 */
const injectedDsl = (expression: string, example: string, pattern: string | undefined) =>
  pattern
    ? {
        ...MatchersV3.regex(pattern, example),
        'pact:generator:type': 'ProviderState',
        expression,
      }
    : MatchersV3.fromProviderState(expression, example)

/** A path, header or query matcher: HTTP carries these as text, as the rendered pact does. */
function textDsl(m: Matcher): TextDsl {
  switch (m.kind) {
    case 'literal':
      return String(m.value)
    case 'type':
      return MatchersV3.like(String(m.example))
    case 'regex':
      return MatchersV3.regex(m.pattern, m.example)
    case 'injected':
      return injectedDsl(m.expression, m.example, m.pattern)
  }
}

/** A template as the body/header/query argument of the pact-js builders. */
export function dslOf(t: Template): unknown {
  switch (t.kind) {
    case 'literal':
      return t.value
    case 'type':
      return MatchersV3.like(t.example)
    case 'regex':
      return MatchersV3.regex(t.pattern, t.example)
    case 'injected':
      return injectedDsl(t.expression, t.example, t.pattern)
    case 'object':
      return Object.fromEntries(t.fields.map(([k, v]) => [k, dslOf(v)]))
    case 'array':
      return t.items.map(dslOf)
    case 'eachLike':
      // A filter contract bounds the list too: at most as many items as match the filter.
      return t.max === undefined
        ? MatchersV3.eachLike(dslOf(t.item), t.min)
        : MatchersV3.constrainedArrayLike(dslOf(t.item), t.min, t.max)
  }
}

function statusOf(s: StatusRule) {
  return s.kind === 'exact' ? s.status : MatchersV3.matchStatus(s.example, s.statuses)
}

/** name → matcher, or a list of them when a name repeats (multi-valued query parameters). */
function named(entries: Array<[string, Matcher]>) {
  const out: Record<string, TextDsl | TextDsl[]> = {}
  for (const [name, m] of entries) {
    const value = textDsl(m)
    const earlier = out[name]
    out[name] = earlier === undefined ? value : [earlier, value].flat()
  }
  return out
}

const contentTypeOf = (headers: Array<[string, Matcher]>) =>
  headers.find(([k]) => k.toLowerCase() === 'content-type')

/** Adds `interaction` to `pact` the way a consumer test would write it. */
export function addInteraction(pact: PactV4, interaction: HttpInteraction): ReadyInteraction {
  const { request, response } = interaction
  // pact-js's builder has no matchers per part of a multipart body (only a whole file
  // upload), so it cannot say what specpact's pact says: refuse rather than prime a looser
  // mock server. `specpact generate` writes multipart interactions itself.
  if (request.multipart)
    throw new UserError(
      'multipart-consumer-test',
      `"${interaction.description}" sends a multipart body, which pact-js's interaction builder cannot express part by part; its pact comes from specpact generate, and a consumer test of it is not supported yet`,
    )
  let dsl = pact.addInteraction()
  for (const state of interaction.states) dsl = dsl.given(state.name, state.params)
  const path = textDsl(request.path)
  return dsl
    .uponReceiving(interaction.description)
    .withRequest(request.method, path, (b) => {
      if (request.query.length > 0) b.query(named(request.query))
      if (request.headers.length > 0) b.headers(named(request.headers))
      if (request.body) {
        const type = contentTypeOf(request.headers)?.[1]
        const json = type?.kind !== 'literal' || String(type.value).includes('json')
        if (json) b.jsonBody(dslOf(request.body))
        else b.body(String(type.value), Buffer.from(String(dslOf(request.body))))
      }
    })
    .willRespondWith(statusOf(response.status), (b) => {
      if (response.headers.length > 0) b.headers(named(response.headers))
      if (response.body) b.jsonBody(dslOf(response.body))
    })
}
