/**
 * The contract IR: what a spec means as a contract, before any Pact file exists.
 * Pure data, produced by `translate()` and consumed by `pact/` (files, mock server),
 * `provider/` (verification) and `report/`.
 */
import type { JsonValue } from '../spec/types'

/** A leaf of a request or response template. */
export type Matcher =
  /** Must be exactly this value. */
  | { kind: 'literal'; value: JsonValue }
  /** Any value of the same JSON type as the example. */
  | { kind: 'type'; example: JsonValue }
  /** A string fully matching `pattern` (Pact regexes are full matches). */
  | { kind: 'regex'; pattern: string; example: string }
  /**
   * A value the provider supplies from its state handlers: `expression` uses `${name}`
   * (e.g. `/channels/${channel_uid}`); `example` is what consumer tests see.
   * `pattern`, when set, also constrains the verified value.
   */
  | { kind: 'injected'; expression: string; example: string; pattern?: string }

/** A JSON template: literal structure with matchers at the leaves. */
export type Template =
  | Matcher
  | { kind: 'object'; fields: Array<[string, Template]> }
  | { kind: 'array'; items: Template[] }
  /** An array of at least `min` (and at most `max`, when set) elements, each like `item`. */
  | { kind: 'eachLike'; item: Template; min: number; max?: number }

export type StatusRule =
  | { kind: 'exact'; status: number }
  /** Any of these codes (V4 status-code matcher); `example` is what the mock returns. */
  | { kind: 'oneOf'; statuses: number[]; example: number }

/** A provider state with the inputs of the prerequisite steps it replaces. */
export interface ProviderState {
  name: string
  /**
   * Inputs for the state handler. String values may reference values provided by earlier
   * states of the same interaction as `${name}`; specpact resolves them before the handler
   * runs. The reserved key `provides` maps consumer variable names to fields of the entity
   * the handler returns (e.g. `{ "contact_uid": "id" }`).
   */
  params: Record<string, JsonValue>
}

/** Where an interaction came from, for reports and failure messages. */
export interface Origin {
  specFile: string
  specName: string
  stepId: string
  line: number
}

export interface HttpRequest {
  method: string
  /** A string template: `literal`, `injected` or `regex`. */
  path: Matcher
  query: Array<[string, Matcher]>
  headers: Array<[string, Matcher]>
  body: Template | undefined
  /**
   * The parts of a multipart body (the body itself is then its literal text): text fields
   * with their matchers, files matched by content type.
   */
  multipart?: {
    fields: Array<[string, Matcher]>
    files: Array<{ field: string; contentType: string }>
  }
}

export interface HttpResponse {
  status: StatusRule
  headers: Array<[string, Matcher]>
  body: Template | undefined
}

export interface HttpInteraction {
  kind: 'http'
  description: string
  states: ProviderState[]
  request: HttpRequest
  response: HttpResponse
  origin: Origin
  /** The `Authorization` token type the verifier must inject, if any. */
  tokenType: string | undefined
  /**
   * Set when the interaction verifies a prerequisite's response that later steps rely on,
   * rather than a spec's own request; `origin` is then the step making the request: the
   * first of `reliedOnBy`, or the step of another spec's workflow that vCita's runner runs
   * before one of them (`reliedOnBy` then names it `create_session/get_client`).
   */
  prerequisite?: PrerequisiteSource
  /**
   * Set when the request filters a list by values the states provide: the states from
   * `excludedFrom` on hold entities the filter must leave out, and the list may hold at most
   * `max` items (the entities of the states before that match every filter). Each item of
   * the list (`list`, keys from the body's root) must carry the filter values it has fields
   * for: `items` pairs an item field with the `${name}` expression of the value filtered by.
   */
  filter?: {
    fields: string[]
    excludedFrom: number
    max: number
    list: string[]
    items: Array<[string, string]>
  }
}

/** Who relies on a prerequisite-derived interaction, and on what in its response. */
export interface PrerequisiteSource {
  /** Every spec step that makes this request as a prerequisite, in spec order. */
  reliedOnBy: Origin[]
  /** The variables later steps take from the response, e.g. `session_uid`. */
  uses: string[]
}

/**
 * What makes the provider send a message, with its inputs. String params may reference
 * values the interaction's states provide as `${name}`, resolved before the provider's
 * message producer runs.
 */
export interface MessageTrigger {
  description: string
  params: Record<string, JsonValue>
}

/** An asynchronous message (webhook) the provider produces. */
export interface MessageInteraction {
  kind: 'message'
  description: string
  /** The event the message announces, e.g. `channel.activated`. */
  event: string
  states: ProviderState[]
  trigger: MessageTrigger
  contents: Template
  metadata: Array<[string, Matcher]>
  origin: Origin
}

export type Interaction = HttpInteraction | MessageInteraction

/** All interactions of one consumer–provider pair: one pact file. */
export interface Contract {
  consumer: string
  provider: string
  interactions: Interaction[]
}
