/**
 * Spec → interactions. Pure: everything it needs (catalog, OpenAPI documents, the index
 * of extracts across all specs) is passed in.
 */
import type { AuthConfig, ProviderConfig } from '../config'
import { findVariables, type HttpSpec, type JsonValue, type Step } from '../spec'
import { authorizationFor, DEFAULT_AUTH, schemeFor } from './auth'
import { hasPath, typeTemplate, withPath } from './body'
import type { Catalog } from './catalog'
import type { DerivedInteraction } from './dedup'
import type { ContractDiagnostic } from './errors'
import type { ExtractIndex } from './extracts'
import { asFilterContract } from './filters'
import { segmentsOf } from './jsonpath'
import { at } from './locate'
import { isMultipart, multipartOf } from './multipart'
import {
  type ApiDescription,
  locateOperation,
  type OpenApiDoc,
  type OperationMatch,
  responseExample,
  responseSchema,
  schemaHasPath,
  schemaTemplate,
} from './openapi'
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
import { type StepOrigin, type WorkflowIndex, workflowOf } from './workflows'

export interface TranslateContext {
  consumer: string
  providers: readonly ProviderConfig[]
  /** Configured variables and their example values. */
  variables: Readonly<Record<string, string>>
  catalog: Catalog
  /** Provider name → its API descriptions (OpenAPI 3 or Swagger 2), when configured. */
  openapi: ReadonlyMap<string, readonly ApiDescription[]>
  /** A spec's `swagger:` value → the description it names, when a swagger root is configured. */
  swaggers?: ReadonlyMap<string, SwaggerFile>
  /** Default token type and Authorization schemes (default: vCita's runner's). */
  auth?: AuthConfig
  extracts: ExtractIndex
  /** The runner's workflows by endpoint: a step's workflow's swagger describes it. */
  workflows?: WorkflowIndex
}

/** What a spec's `swagger:` names: a description read, or a file that is not there. */
export type SwaggerFile =
  | { kind: 'found'; description: ApiDescription }
  | { kind: 'missing'; file: string }

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

const JSON_CONTENT: Matcher = {
  kind: 'regex',
  pattern: '^application/json(;.*)?$',
  example: 'application/json; charset=utf-8',
}

/** Each configuration's providers, longest path prefix first, with the prefix as a folder. */
const byPrefix = new WeakMap<
  readonly ProviderConfig[],
  ReadonlyArray<{ provider: ProviderConfig; folder: string }>
>()

/** The provider serving a path: the longest matching configured prefix. */
export function providerFor(
  providers: readonly ProviderConfig[],
  path: string,
): ProviderConfig | undefined {
  let sorted = byPrefix.get(providers)
  if (!sorted) {
    sorted = [...providers]
      .sort((a, b) => b.pathPrefix.length - a.pathPrefix.length)
      .map((provider) => ({ provider, folder: `${provider.pathPrefix.replace(/\/+$/, '')}/` }))
    byPrefix.set(providers, sorted)
  }
  return sorted.find(
    ({ provider, folder }) => path === provider.pathPrefix || path.startsWith(folder),
  )?.provider
}

/**
 * `origins` (parallel to the prerequisites, from `expandWorkflows`) says which prerequisites
 * come from another spec's workflow: that spec's swagger describes them.
 */
export function translateSpec(
  spec: HttpSpec,
  ctx: TranslateContext,
  origins: readonly StepOrigin[] = [],
): Translation {
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
  const swagger = spec.frontMatter.swagger
  const named = swagger === undefined ? undefined : ctx.swaggers?.get(swagger)
  if (named?.kind === 'missing') {
    diagnostics.push({
      ...at(spec, 'frontMatter.swagger'),
      code: 'swagger-missing',
      severity: 'warning',
      message: `swagger ${swagger} names ${named.file}, which does not exist; the provider's configured descriptions are used instead`,
      expected: 'a swagger file under the configured swaggerRoot',
      found: named.file,
    })
  }
  const values: ValueContext = { configured: ctx.variables, injected: new Map() }
  const inferred = inferStates(spec, ctx.catalog, values)
  diagnostics.push(...inferred.diagnostics)
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics }
  const withState: ValueContext = { ...values, injected: inferred.injected }
  const interactions = targets.map(({ step, i, provider }) => {
    const p = provider as ProviderConfig
    const described = describedBy(spec, step, p, ctx)
    const response = responseOf(spec, step, `request[${i}]`, p, described, ctx, diagnostics)
    const interaction: HttpInteraction = {
      kind: 'http',
      description: spec.requests.length > 1 ? `${spec.name} ${step.id}` : spec.name,
      states: inferred.states as ProviderState[],
      request: requestOf(step, p, described, withState, ctx),
      response,
      origin: {
        specFile: spec.file,
        specName: spec.name,
        stepId: step.id,
        line: spec.locations.at(`request[${i}]`)?.line ?? 1,
      },
      tokenType: tokenTypeOf(step, ctx),
    }
    const provided = new Set(inferred.injected.keys())
    return {
      provider: pactProviderOf(spec, step, p),
      interaction: asFilterContract(interaction, inferred.entities, provided),
    }
  })
  const derived = derivedOf(spec, ctx, inferred, values, diagnostics, origins)
  for (const [k, { interaction }] of interactions.entries()) {
    const where =
      interaction.kind === 'http'
        ? (leftTemplate(interaction.request) ?? leftInStates(interaction.states))
        : undefined
    if (where === undefined) continue
    diagnostics.push({
      ...at(spec, `request[${targets[k]?.i ?? 0}]`),
      code: 'literal-template',
      severity: 'error',
      message: `step "${interaction.origin.stepId}" would send ${where} as literal text; no variable, configured value or built-in gives it a value`,
      expected: 'a template specpact can translate',
      found: where,
    })
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics }
  return { ok: true, interactions, derived, diagnostics }
}

/**
 * An interaction of its own for each prerequisite response later steps rely on. One whose
 * request would still carry a `{{…}}` is left out: such a value reaches no pact.
 */
function derivedOf(
  spec: HttpSpec,
  ctx: TranslateContext,
  inferred: InferredStates,
  values: ValueContext,
  diagnostics: ContractDiagnostic[],
  origins: readonly StepOrigin[],
): DerivedInteraction[] {
  const providerOf = (path: string) => providerFor(ctx.providers, path)
  return reliedOnPrerequisites(spec, inferred, (path) => providerOf(path)?.name).flatMap(
    ({ index, step, used, states, injected }) => {
      const provider = providerOf(step.path)
      if (!provider) return []
      const where = `prerequisites[${index}]`
      const relying = {
        specFile: spec.file,
        specName: spec.name,
        stepId: step.id,
        line: spec.locations.at(where)?.line ?? 1,
      }
      // A step of another spec's workflow (see workflows.ts) is that spec's step; this spec
      // relies on it through the step that pulls the workflow in.
      const source = origins[index]
      const from = source?.kind === 'workflow' ? source.workflow : spec
      const origin =
        source?.kind === 'workflow'
          ? {
              specFile: from.file,
              specName: from.name,
              stepId: from.prerequisites[source.index]?.id ?? step.id,
              line: from.locations.at(`prerequisites[${source.index}]`)?.line ?? 1,
            }
          : relying
      const described = describedBy(from, step, provider, ctx)
      const request = requestOf(step, provider, described, { ...values, injected }, ctx)
      if (leftTemplate(request) !== undefined || leftInStates(states) !== undefined) return []
      const interaction: HttpInteraction = {
        kind: 'http',
        description: `${spec.name} ${step.id}`,
        states,
        request,
        response: responseOf(spec, step, where, provider, described, ctx, diagnostics, false),
        origin,
        tokenType: tokenTypeOf(step, ctx),
        prerequisite: { reliedOnBy: [relying], uses: used },
      }
      return [{ provider: pactProviderOf(spec, step, provider), interaction }]
    },
  )
}

/**
 * The first `{{…}}` left in the params of provider states: a state handler would be asked to
 * set up an entity with that literal text, and the pact would carry it.
 */
export function leftInStates(states: readonly ProviderState[]): string | undefined {
  const inValue = (value: JsonValue): string | undefined => {
    if (typeof value === 'string')
      return value.includes('{{') ? (/\{\{[^}]*\}\}|\{\{/.exec(value)?.[0] ?? '{{') : undefined
    if (value === null || typeof value !== 'object') return undefined
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      const found = inValue(item)
      if (found) return found
    }
    return undefined
  }
  for (const state of states) {
    const found = inValue(state.params)
    if (found) return `${found} (in the params of the state "${state.name}")`
  }
  return undefined
}

/** The first `{{…}}` left in a request's values, if any: it must never reach a pact. */
function leftTemplate(request: HttpRequest): string | undefined {
  const found = (text: unknown) =>
    typeof text === 'string' && text.includes('{{')
      ? /\{\{[^}]*\}\}|\{\{/.exec(text)?.[0]
      : undefined
  const inMatcher = (m: Template): string | undefined => {
    switch (m.kind) {
      // Requests hold templates only in strings: numbers, booleans and null cannot carry one.
      case 'literal':
        return found(m.value)
      case 'type':
        return found(m.example)
      case 'regex':
      case 'injected':
        return found(m.example)
      case 'object':
        for (const [, t] of m.fields) {
          const f = inMatcher(t)
          if (f) return f
        }
        return undefined
      case 'array':
        for (const t of m.items) {
          const f = inMatcher(t)
          if (f) return f
        }
        return undefined
      case 'eachLike':
        return inMatcher(m.item)
    }
  }
  const all: Template[] = [
    request.path,
    ...request.query.map(([, m]) => m),
    ...request.headers.map(([, m]) => m),
    ...(request.body ? [request.body] : []),
  ]
  for (const t of all) {
    const f = inMatcher(t)
    if (f) return f
  }
  return undefined
}

/**
 * The provider whose pact gets a step: a spec with `useFallbackApi: true`, or a step with
 * `useFallback`, is sent by vCita's runner to the fallback API; when the provider names one
 * (`fallbackProvider`), that is the provider of the contract.
 */
function pactProviderOf(spec: HttpSpec, step: Step, provider: ProviderConfig): string {
  const fallback =
    spec.frontMatter.useFallbackApi === true ||
    step.useFallback === true ||
    step.useFallbackApi === true
  return (fallback && provider.fallbackProvider) || provider.name
}

/** The token a step sends: its own, else the default (vCita's runner: staff). */
function tokenTypeOf(step: Step, ctx: TranslateContext): string {
  return step.token ?? (ctx.auth ?? DEFAULT_AUTH).defaultToken
}

/**
 * The operation describing a step. As in vCita's runner, the swagger of the step endpoint's
 * own workflow (the spec whose endpoint it is) comes first, else that of the spec the step
 * is written in; then the provider's configured descriptions.
 */
function describedBy(
  spec: HttpSpec,
  step: Step,
  provider: ProviderConfig,
  ctx: TranslateContext,
): OperationMatch | undefined {
  const workflow = ctx.workflows ? workflowOf(step, ctx.workflows) : undefined
  const files = [workflow?.frontMatter.swagger, spec.frontMatter.swagger]
  const own = [...new Set(files)].flatMap((swagger) => {
    const named = swagger === undefined ? undefined : ctx.swaggers?.get(swagger)
    return named?.kind === 'found' ? [named.description] : []
  })
  for (const description of own) {
    const found = locateOperation([description], step.method, step.path)
    if (found) return found
  }
  return locateOperation(ctx.openapi.get(provider.name) ?? [], step.method, step.path)
}

/**
 * Whether vCita's runner sends X-On-Behalf-Of: only with a directory token, when the step
 * says `x_on_behalf_of: true`, or says nothing and the operation asks for it (its
 * `x-on-behalf-of: true`, an `X-On-Behalf-Of` header parameter, or its description).
 */
function sendsOnBehalfOf(step: Step, tokenType: string, described: OperationMatch | undefined) {
  if (tokenType !== 'directory') return false
  if (step.x_on_behalf_of !== undefined) return step.x_on_behalf_of
  const operation = described?.operation
  if (!operation) return false
  if (operation['x-on-behalf-of'] === true) return true
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : []
  const header = parameters.some(
    (p) =>
      p !== null &&
      typeof p === 'object' &&
      !Array.isArray(p) &&
      p.in === 'header' &&
      typeof p.name === 'string' &&
      p.name.toLowerCase() === 'x-on-behalf-of',
  )
  const description = typeof operation.description === 'string' ? operation.description : ''
  return header || description.toLowerCase().includes('x-on-behalf-of')
}

function requestOf(
  step: Step,
  provider: ProviderConfig,
  described: OperationMatch | undefined,
  ctx: ValueContext,
  tc: TranslateContext,
): HttpRequest {
  const headers: Array<[string, Matcher]> = Object.entries(step.headers ?? {}).map(([k, v]) => [
    k,
    stringMatcher(v, ctx),
  ])
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name)
  const tokenType = tokenTypeOf(step, tc)
  if (!has('authorization')) {
    const scheme = schemeFor(tokenType, step.path, provider, tc.auth)
    headers.push(['Authorization', authorizationFor(tokenType, scheme)])
  }
  if (sendsOnBehalfOf(step, tokenType, described) && !has('x-on-behalf-of')) {
    // The runner prefers a business_uid an earlier step extracted, then the configured one.
    const name = ['business_uid', 'business_id'].find(
      (n) => ctx.injected.has(n) || ctx.configured[n] !== undefined,
    )
    if (name) headers.push(['X-On-Behalf-Of', stringMatcher(`{{${name}}}`, ctx)])
  }
  let body: Template | undefined
  let multipart: HttpRequest['multipart']
  if (isMultipart(step)) {
    const parts = multipartOf(step, ctx)
    body = { kind: 'literal', value: parts.body }
    multipart = parts.parts
    headers.push(['Content-Type', parts.contentType])
  } else if (step.body !== undefined) {
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
  return {
    method: step.method,
    path: pathMatcher(path, ctx),
    query,
    headers,
    body,
    ...(multipart ? { multipart } : {}),
  }
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
  described: OperationMatch | undefined,
  tc: TranslateContext,
  diagnostics: ContractDiagnostic[],
  ownRequest = true,
): HttpResponse {
  const relative = described?.relative ?? step.path
  const doc = described?.description.doc
  const status = statusOf(spec, step, doc, relative, ownRequest)
  const example = status.kind === 'exact' ? status.status : status.example
  const exampleStatus = example
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
  else if (doc) {
    const example = responseExample(doc, step.method, relative, exampleStatus)
    if (example !== undefined) body = typeTemplate(example)
  }
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
