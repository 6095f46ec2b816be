/**
 * Spec → interactions. Pure: everything it needs (catalog, OpenAPI documents, the index
 * of extracts across all specs) is passed in.
 */
import type { ProviderConfig } from '../config'
import { findVariables, type HttpSpec, type JsonValue, type Step } from '../spec'
import { hasPath, typeTemplate, withPath } from './body'
import type { Catalog } from './catalog'
import type { DerivedInteraction } from './dedup'
import type { ContractDiagnostic } from './errors'
import type { ExtractIndex } from './extracts'
import { asFilterContract } from './filters'
import { segmentsOf } from './jsonpath'
import { at } from './locate'
import { type OpenApiDoc, responseSchema, schemaHasPath, schemaTemplate } from './openapi'
import { reliedOnPrerequisites } from './prerequisites'
import { type EnumDisagreement, refineWithSchema } from './refine'
import { type InferredStates, inferStates } from './states'
import type {
  HttpInteraction,
  HttpRequest,
  HttpResponse,
  Interaction,
  Matcher,
  ProviderState,
  StatusRule,
  Template,
} from './types'
import { exampleId, pathMatcher, stringMatcher, type ValueContext, valueTemplate } from './values'

export interface TranslateContext {
  consumer: string
  providers: readonly ProviderConfig[]
  /** Configured variables and their example values. */
  variables: Readonly<Record<string, string>>
  catalog: Catalog
  /** Provider name → its OpenAPI description, when configured. */
  openapi: ReadonlyMap<string, OpenApiDoc>
  extracts: ExtractIndex
}

export interface TranslatedInteraction {
  provider: string
  interaction: Interaction
}

export type Translation =
  | {
      ok: true
      interactions: TranslatedInteraction[]
      /**
       * Interactions verifying the prerequisite responses later steps rely on, one per
       * step, before deduplication across specs (`mergeDerived`).
       */
      derived: DerivedInteraction[]
      diagnostics: ContractDiagnostic[]
    }
  | { ok: false; diagnostics: ContractDiagnostic[] }

/**
 * A bearer token of any shape. The example is a dummy naming the token type
 * (`Bearer example-staff-token`), never a real token: the verifier swaps in the real one.
 */
export function authorization(tokenType: string): Matcher {
  return {
    kind: 'regex',
    pattern: '^Bearer [A-Za-z0-9\\-._~+/]+=*$',
    example: `Bearer example-${tokenType}-token`,
  }
}

/** The token type a dummy written by `authorization()` names, e.g. `staff`. */
export function tokenTypeOfDummy(header: string | undefined): string | undefined {
  return /^Bearer example-([A-Za-z0-9_-]+)-token$/.exec(header ?? '')?.[1]
}

const JSON_CONTENT: Matcher = {
  kind: 'regex',
  pattern: '^application/json(;.*)?$',
  example: 'application/json; charset=utf-8',
}

/** The provider serving a path: the longest matching configured prefix. */
export function providerFor(
  providers: readonly ProviderConfig[],
  path: string,
): ProviderConfig | undefined {
  return [...providers]
    .sort((a, b) => b.pathPrefix.length - a.pathPrefix.length)
    .find((p) => path === p.pathPrefix || path.startsWith(`${p.pathPrefix.replace(/\/+$/, '')}/`))
}

export function translateSpec(spec: HttpSpec, ctx: TranslateContext): Translation {
  const diagnostics: ContractDiagnostic[] = []
  const targets = spec.requests.map((step, i) => ({
    step,
    i,
    provider: providerFor(ctx.providers, step.path),
  }))
  for (const { step, i, provider } of targets) {
    if (provider) continue
    diagnostics.push({
      ...at(spec, `request[${i}].path`),
      code: 'no-provider',
      severity: 'error',
      message: `no configured provider serves ${step.path}; add one with its pathPrefix to specpact.config.yaml`,
      expected: `a path under ${ctx.providers.map((p) => p.pathPrefix).join(' or ')}`,
      found: step.path,
    })
  }
  // Interactions are verified independently: a value only a test request extracts cannot
  // reach another one. It belongs in the prerequisites, where a provider state supplies it.
  const requestExtracts = new Set(spec.requests.flatMap((s) => Object.keys(s.extract ?? {})))
  const prerequisiteExtracts = new Set(
    spec.prerequisites.flatMap((s) => Object.keys(s.extract ?? {})),
  )
  spec.requests.forEach((step, i) => {
    const used = findVariables([
      step.path,
      step.params ?? null,
      step.headers ?? null,
      step.body ?? null,
    ])
    for (const name of new Set(used.map((u) => u.name))) {
      if (!requestExtracts.has(name) || prerequisiteExtracts.has(name)) continue
      diagnostics.push({
        ...at(spec, `request[${i}]`),
        code: 'request-uses-request-extract',
        severity: 'error',
        message: `step "${step.id}" uses {{${name}}}, which only a test request extracts; move that step to ## Prerequisites so a provider state can supply it`,
        expected: 'a value extracted by a prerequisite, configured, or built in',
        found: name,
      })
    }
  })
  const values: ValueContext = { configured: ctx.variables, injected: new Map() }
  const inferred = inferStates(spec, ctx.catalog, values)
  diagnostics.push(...inferred.diagnostics)
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics }
  const withState: ValueContext = { ...values, injected: inferred.injected }
  const interactions = targets.map(({ step, i, provider }) => {
    const p = provider as ProviderConfig
    const response = responseOf(spec, step, `request[${i}]`, p, ctx, diagnostics)
    const interaction: HttpInteraction = {
      kind: 'http',
      description: spec.requests.length > 1 ? `${spec.name} ${step.id}` : spec.name,
      states: inferred.states as ProviderState[],
      request: requestOf(spec, step, withState),
      response,
      origin: {
        specFile: spec.file,
        specName: spec.name,
        stepId: step.id,
        line: spec.locations[`request[${i}]`]?.line ?? 1,
      },
      tokenType: tokenTypeOf(spec, step),
    }
    const provided = new Set(inferred.injected.keys())
    return {
      provider: p.name,
      interaction: asFilterContract(interaction, inferred.entities, provided),
    }
  })
  const derived = derivedOf(spec, ctx, inferred, values, diagnostics)
  return { ok: true, interactions, derived, diagnostics }
}

/** An interaction of its own for each prerequisite response later steps rely on. */
function derivedOf(
  spec: HttpSpec,
  ctx: TranslateContext,
  inferred: InferredStates,
  values: ValueContext,
  diagnostics: ContractDiagnostic[],
): DerivedInteraction[] {
  const providerOf = (path: string) => providerFor(ctx.providers, path)
  return reliedOnPrerequisites(spec, inferred, (path) => providerOf(path)?.name).flatMap(
    ({ index, step, used, states, injected }) => {
      const provider = providerOf(step.path)
      if (!provider) return []
      const where = `prerequisites[${index}]`
      const origin = {
        specFile: spec.file,
        specName: spec.name,
        stepId: step.id,
        line: spec.locations[where]?.line ?? 1,
      }
      const interaction: HttpInteraction = {
        kind: 'http',
        description: `${spec.name} ${step.id}`,
        states,
        request: requestOf(spec, step, { ...values, injected }),
        response: responseOf(spec, step, where, provider, ctx, diagnostics, false),
        origin,
        tokenType: tokenTypeOf(spec, step),
        prerequisite: { reliedOnBy: [origin], uses: used },
      }
      return [{ provider: provider.name, interaction }]
    },
  )
}

function tokenTypeOf(spec: HttpSpec, step: Step): string | undefined {
  return step.token ?? spec.frontMatter.tokens?.[0]
}

function requestOf(spec: HttpSpec, step: Step, ctx: ValueContext): HttpRequest {
  const headers: Array<[string, Matcher]> = Object.entries(step.headers ?? {}).map(([k, v]) => [
    k,
    stringMatcher(v, ctx),
  ])
  const tokenType = tokenTypeOf(spec, step)
  if (tokenType && !headers.some(([k]) => k.toLowerCase() === 'authorization')) {
    headers.push(['Authorization', authorization(tokenType)])
  }
  let body: Template | undefined
  if (step.body !== undefined) {
    body = valueTemplate(step.body, ctx)
    headers.push(['Content-Type', { kind: 'literal', value: 'application/json' }])
  } else if (step.form_data !== undefined) {
    const form = new URLSearchParams()
    for (const [k, v] of Object.entries(step.form_data))
      form.append(k, typeof v === 'string' ? v : JSON.stringify(v))
    body = { kind: 'literal', value: form.toString() }
    headers.push(['Content-Type', { kind: 'literal', value: 'application/x-www-form-urlencoded' }])
  }
  // A query string written in the path is the request's query, as a client sends it.
  const [path = '', search] = splitQuery(step.path)
  const query: Array<[string, Matcher]> = [
    ...[...new URLSearchParams(search ?? '')].map(([k, v]): [string, Matcher] => [
      k,
      stringMatcher(v, ctx),
    ]),
    ...Object.entries(step.params ?? {}).map(([k, v]): [string, Matcher] => [
      k,
      stringMatcher(String(v ?? ''), ctx),
    ]),
  ]
  return { method: step.method, path: pathMatcher(path, ctx), query, headers, body }
}

/** `/coupons?x=1` → `['/coupons', 'x=1']`; a path without `?` has no query string. */
function splitQuery(path: string): [string, string | undefined] {
  const at = path.indexOf('?')
  return at < 0 ? [path, undefined] : [path.slice(0, at), path.slice(at + 1)]
}

function statusOf(
  spec: HttpSpec,
  step: Step,
  doc: OpenApiDoc | undefined,
  relative: string,
  ownRequest: boolean,
): StatusRule {
  const declared = step.expect.status
  const list = Array.isArray(declared) ? [...new Set(declared)] : [declared]
  // The spec's expected outcome is about its own request, not its prerequisites.
  const outcomes = ownRequest ? [spec.frontMatter.expectedOutcome ?? []].flat() : []
  const agreed = list.filter((s) => outcomes.includes(s))
  if (agreed.length === 1) return { kind: 'exact', status: agreed[0] as number }
  if (agreed.length > 1) return { kind: 'oneOf', statuses: agreed, example: agreed[0] as number }
  if (list.length === 1) return { kind: 'exact', status: list[0] as number }
  // The mock answers with one code: the one the provider documents, else the first.
  const documented = doc
    ? list.find((s) => responseSchema(doc, step.method, relative, s))
    : undefined
  return { kind: 'oneOf', statuses: list, example: documented ?? (list[0] as number) }
}

/**
 * The expected response for `status`: the section whose heading names it
 * (`## Expected Response (201)`), else one that names no status.
 */
function expectedResponseFor(spec: HttpSpec, status: number): JsonValue | undefined {
  const responses = spec.expectedResponses
  return (
    responses.find((r) => r.statuses.includes(status)) ??
    responses.find((r) => r.statuses.length === 0)
  )?.value
}

function responseOf(
  spec: HttpSpec,
  step: Step,
  where: string,
  provider: ProviderConfig,
  tc: TranslateContext,
  diagnostics: ContractDiagnostic[],
  ownRequest = true,
): HttpResponse {
  const relative = step.path.slice(provider.pathPrefix.replace(/\/+$/, '').length) || '/'
  const doc = tc.openapi.get(provider.name)
  const status = statusOf(spec, step, doc, relative, ownRequest)
  const example = status.kind === 'exact' ? status.status : status.example
  const schema = doc ? responseSchema(doc, step.method, relative, example) : undefined
  let body: Template | undefined
  const expected = ownRequest ? expectedResponseFor(spec, example) : undefined
  if (expected !== undefined) {
    const disagreements: EnumDisagreement[] = []
    body = typeTemplate(expected)
    if (doc) body = refineWithSchema(doc, schema, body, disagreements)
    for (const d of disagreements)
      diagnostics.push({
        ...at(spec, 'expectedResponse'),
        code: 'expected-response-outside-enum',
        severity: 'warning',
        message: `the expected response has ${JSON.stringify(d.example)} at ${d.path}, which ${provider.name}'s OpenAPI response ${example} does not allow; it stays type-matched`,
        expected: `one of ${d.allowed.map((v) => JSON.stringify(v)).join(', ')}`,
        found: JSON.stringify(d.example),
      })
  } else if (doc && schema) body = schemaTemplate(doc, schema)
  const success =
    status.kind === 'exact' ? status.status < 300 : status.statuses.some((s) => s < 300)
  if (success) {
    for (const path of tc.extracts.paths(step.method, step.path)) {
      const segments = segmentsOf(path)
      if (!segments || hasPath(body, segments)) continue
      if (doc && schema) {
        const keys = segments.map((s) => (s.kind === 'key' ? s.name : s.index))
        // A prerequisite reports only its own extracts: the others are its spec's to report.
        const reported = ownRequest || Object.values(step.extract ?? {}).includes(path)
        if (reported && !schemaHasPath(doc, schema, keys)) {
          diagnostics.push({
            ...at(spec, where),
            code: 'extract-not-in-openapi',
            severity: 'warning',
            message: `specs extract ${path} from ${step.method} ${step.path}, which ${provider.name}'s OpenAPI response ${example} does not declare`,
            expected: 'a property path of the documented response',
            found: path,
          })
        }
      }
      body = withPath(body, segments, (s) => {
        const last = s[s.length - 1]
        return exampleId(last?.kind === 'key' ? last.name : path)
      })
    }
  }
  return {
    status,
    headers: body === undefined ? [] : [['Content-Type', JSON_CONTENT]],
    body,
  }
}
