/**
 * Drift: every HTTP interaction checked against its provider's OpenAPI with PactFlow's
 * openapi-pact-comparator (the engine of PactFlow's bi-directional contract testing),
 * request and response. An interaction goes to the document that describes its operation;
 * one that no document describes goes to the provider's first document, where the
 * comparator reports its path as unknown.
 */
import { Comparator, type ComparatorResult } from '@pactflow/openapi-pact-comparator'
import type { HttpInteraction, Interaction } from '../contract'
import type { JsonValue } from '../shared'
import type { PlacedHttp } from './interactions'
import type { OpenApiSource } from './operations'
import type { DriftFinding, SpecLocation } from './types'

export interface DriftInput {
  http: readonly PlacedHttp[]
  /** Provider → its OpenAPI documents. */
  openapi: ReadonlyMap<string, readonly OpenApiSource[]>
  /** An interaction as a Pact V4 interaction (`pact/`'s renderer). */
  render: (interaction: Interaction) => JsonValue
  /**
   * The steps that extract a response path of an endpoint, so a finding about a field the
   * pact carries only because a spec extracts it points at that extract.
   */
  extractedAt?: (endpoint: PlacedHttp, bodyPath: string) => SpecLocation[]
}

export async function driftOf(input: DriftInput): Promise<DriftFinding[]> {
  const groups = new Map<OpenApiSource, PlacedHttp[]>()
  for (const placed of input.http) {
    const source = placed.operation?.source ?? input.openapi.get(placed.provider)?.[0]
    if (!source) continue
    const list = groups.get(source) ?? []
    list.push(placed)
    groups.set(source, list)
  }
  const findings: DriftFinding[] = []
  for (const [source, placed] of groups)
    findings.push(...(await compareGroup(source, placed, input)))
  return findings.sort(
    (a, b) =>
      a.provider.localeCompare(b.provider) ||
      a.interaction.localeCompare(b.interaction) ||
      (a.pactLocation ?? '').localeCompare(b.pactLocation ?? '') ||
      a.code.localeCompare(b.code),
  )
}

async function compareGroup(
  source: OpenApiSource,
  placed: readonly PlacedHttp[],
  input: DriftInput,
): Promise<DriftFinding[]> {
  // The comparator routes on `paths` alone and writes into the document it is given.
  const doc = structuredClone(source.doc)
  const info = typeof doc.info === 'object' && doc.info && !Array.isArray(doc.info) ? doc.info : {}
  doc.info = { ...info, 'x-opc-config-base-path': source.basePath }
  const pact = {
    metadata: { pactSpecification: { version: '4.0' } },
    interactions: placed.map((p) => input.render(p.interaction)),
  }
  const byDescription = new Map(placed.map((p) => [p.interaction.description, p]))
  const findings: DriftFinding[] = []
  try {
    const comparator = new Comparator(doc)
    for await (const result of comparator.compare(pact)) {
      const description = result.mockDetails?.interactionDescription ?? undefined
      const p = description === undefined ? undefined : byDescription.get(description)
      findings.push(finding(result, p, source, input))
    }
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error)
    for (const p of placed)
      findings.push({
        provider: p.provider,
        consumer: p.consumer,
        interaction: p.interaction.description,
        severity: 'error',
        code: 'comparator.failed',
        message: `the OpenAPI comparator could not compare with ${source.file}: ${cause}`,
        pactLocation: undefined,
        specLocation: undefined,
        spec: p.covering.spec,
        extractedBy: [],
      })
  }
  return findings
}

function finding(
  result: ComparatorResult,
  placed: PlacedHttp | undefined,
  source: OpenApiSource,
  input: DriftInput,
): DriftFinding {
  const pactLocation = result.mockDetails?.location
  const extractedBy =
    placed && input.extractedAt ? extractsBehind(result, placed, input.extractedAt) : []
  return {
    provider: placed?.provider ?? '',
    consumer: placed?.consumer ?? '',
    interaction:
      placed?.interaction.description ?? result.mockDetails?.interactionDescription ?? '',
    severity: result.type,
    code: result.code,
    message: result.message,
    pactLocation,
    specLocation: result.specDetails?.location
      ? `${source.file}: ${result.specDetails.location}`
      : undefined,
    spec: placed ? specLineOf(placed.interaction) : undefined,
    extractedBy,
  }
}

/**
 * The response path a finding is about: its location in the body, plus the property an
 * "additional properties" finding names (`$.data.uid` is reported at `data` as `- uid`).
 */
function extractsBehind(
  result: ComparatorResult,
  placed: PlacedHttp,
  extractedAt: NonNullable<DriftInput['extractedAt']>,
): SpecLocation[] {
  const match = /\.response\.body(?:\.(.+))?$/.exec(result.mockDetails?.location ?? '')
  if (!match) return []
  const extra = /additional properties - (\S+)/.exec(result.message)?.[1]
  const path = [match[1], extra].filter(Boolean).join('.')
  return path === '' ? [] : extractedAt(placed, path)
}

/** A finding points at the request step: the interaction's request and its response. */
function specLineOf(interaction: HttpInteraction): SpecLocation {
  return { file: interaction.origin.specFile, line: interaction.origin.line }
}
