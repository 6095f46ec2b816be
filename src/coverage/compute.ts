/**
 * The coverage report: documented operations × statuses (and events) against the
 * interactions that cover them, by consumer; the extracted fields and whether an
 * interaction verifies them; drift against the OpenAPI; conflicts between specs.
 */
import type { ProviderConfig } from '../config'
import { type Contract, type Interaction, segmentsOf } from '../contract'
import type { JsonValue } from '../shared'
import type { Spec } from '../spec'
import { conflictsOf } from './conflicts'
import { driftOf } from './drift'
import { extractCoverage } from './fields'
import { type Placed, type PlacedHttp, placeInteractions } from './interactions'
import { endpointOf, indexOperations, type OperationIndex } from './match'
import {
  type DocumentedOperation,
  eventsOf,
  type OpenApiSource,
  operationsOf,
  responseKeyFor,
} from './operations'
import { extractLocation, type StepUse, stepUses } from './steps'
import type {
  CoverageFigures,
  CoverageReport,
  EventCoverage,
  OperationCoverage,
  ProviderCoverage,
  SpecLocation,
  UndocumentedInteraction,
} from './types'
import type { VerificationResults } from './verification'

export interface CoverageInput {
  /** The consumer the specs speak for. */
  consumer: string
  specs: readonly Spec[]
  /** The contracts translated from the specs (and any other consumers' contracts). */
  contracts: readonly Contract[]
  providers: readonly ProviderConfig[]
  /** Provider → its OpenAPI documents. */
  openapi: ReadonlyMap<string, readonly OpenApiSource[]>
  verification?: VerificationResults
  /** How an interaction is written in a pact; needed for drift. */
  render?: (interaction: Interaction) => JsonValue
}

export async function coverageReport(input: CoverageInput): Promise<CoverageReport> {
  const indexes = new Map<string, OperationIndex>()
  for (const [provider, sources] of input.openapi)
    indexes.set(provider, indexOperations(providerOperations(input, provider, sources)))
  const operationsFor = (provider: string) => indexes.get(provider)
  const verificationOf = (provider: string, description: string) =>
    input.verification?.stateOf(provider, description) ?? 'not-run'
  const placed = placeInteractions(input.contracts, operationsFor, verificationOf)
  const http = placed.filter((p): p is PlacedHttp => p.kind === 'http')
  const uses = stepUses(input.consumer, input.specs, input.providers, operationsFor)
  const providers = providerCoverage(input, placed)
  const extracts = extractCoverage(uses, http, input.verification !== undefined)
  const conflicts = conflictsOf(uses)
  const drift = input.render
    ? await driftOf({
        http,
        openapi: input.openapi,
        render: input.render,
        extractedAt: extractLocator(uses, operationsFor),
      })
    : []
  const total = providers.reduce((n, p) => n + p.figures.total, 0)
  const covered = providers.reduce((n, p) => n + p.figures.covered, 0)
  return {
    summary: {
      providers: providers.length,
      total,
      covered,
      percent: percent(covered, total),
      extracts: extracts.length,
      unverifiedExtracts: extracts.filter((e) => e.state === 'unverified' || e.state === 'failed')
        .length,
      drift: {
        errors: drift.filter((d) => d.severity === 'error').length,
        warnings: drift.filter((d) => d.severity === 'warning').length,
      },
      conflicts: conflicts.length,
      verification: input.verification !== undefined,
    },
    providers,
    extracts,
    drift,
    conflicts,
  }
}

function providerCoverage(input: CoverageInput, placed: readonly Placed[]): ProviderCoverage[] {
  const names = new Set([
    ...input.providers.map((p) => p.name),
    ...input.contracts.map((c) => c.provider),
  ])
  return [...names].sort().map((provider) => {
    const sources = input.openapi.get(provider) ?? []
    const mine = placed.filter((p) => p.provider === provider)
    const undocumented: UndocumentedInteraction[] = []
    const operations: OperationCoverage[] = []
    const byOperation = new Map<string, OperationCoverage>()
    for (const source of sources) {
      for (const op of providerOperations(input, provider, [source])) {
        const key = `${op.method} ${op.path}`
        if (byOperation.has(key)) continue
        const coverage: OperationCoverage = {
          method: op.method,
          path: op.path,
          operationId: op.operationId,
          source: source.file,
          statuses: op.statuses.map((status) => ({ status, interactions: [] })),
        }
        byOperation.set(key, coverage)
        operations.push(coverage)
      }
    }
    const documentedEvents = new Set(sources.flatMap(eventsOf))
    const events = new Map<string, EventCoverage>(
      [...documentedEvents].map((event) => [event, { event, documented: true, interactions: [] }]),
    )
    for (const p of mine) {
      if (p.kind === 'message') {
        const event = events.get(p.interaction.event) ?? {
          event: p.interaction.event,
          documented: false,
          interactions: [],
        }
        event.interactions.push(p.covering)
        events.set(p.interaction.event, event)
        continue
      }
      const op = p.operation && byOperation.get(`${p.operation.method} ${p.operation.path}`)
      if (!op) {
        undocumented.push({
          interaction: p.covering,
          method: p.interaction.request.method,
          path: p.path,
          reason: 'path',
          status: undefined,
        })
        continue
      }
      const keys = op.statuses.map((s) => s.status)
      for (const status of p.statuses) {
        const key = responseKeyFor(keys, status)
        const cell = key === undefined ? undefined : op.statuses.find((s) => s.status === key)
        if (cell) cell.interactions.push(p.covering)
        else
          undocumented.push({
            interaction: p.covering,
            method: op.method,
            path: op.path,
            reason: 'status',
            status,
          })
      }
    }
    const eventList = [...events.values()].sort((a, b) => a.event.localeCompare(b.event))
    return {
      provider,
      consumers: [...new Set(mine.map((p) => p.consumer))].sort(),
      sources: sources.map((s) => s.file),
      operations,
      events: eventList,
      undocumented,
      figures: figures(operations, eventList),
    }
  })
}

/**
 * The operations of a provider's documents that are under its path prefix: a bundled
 * description (one file for a whole domain) also documents other providers' paths.
 */
export function providerOperations(
  input: Pick<CoverageInput, 'providers'>,
  provider: string,
  sources: readonly OpenApiSource[],
): DocumentedOperation[] {
  const prefix = input.providers.find((p) => p.name === provider)?.pathPrefix.replace(/\/+$/, '')
  const all = sources.flatMap(operationsOf)
  if (!prefix) return all
  return all.filter((o) => o.path === prefix || o.path.startsWith(`${prefix}/`))
}

function figures(operations: OperationCoverage[], events: EventCoverage[]): CoverageFigures {
  const cells = operations.flatMap((o) => o.statuses)
  const documented = events.filter((e) => e.documented)
  const total = cells.length + documented.length
  const covered =
    cells.filter((c) => c.interactions.length > 0).length +
    documented.filter((e) => e.interactions.length > 0).length
  return {
    total,
    covered,
    percent: percent(covered, total),
    operations: operations.length,
    operationsCovered: operations.filter((o) => o.statuses.some((s) => s.interactions.length > 0))
      .length,
  }
}

const percent = (covered: number, total: number) =>
  total === 0 ? 100 : Math.round((covered / total) * 1000) / 10

/** JSONPath or comparator location → its keys, indexes dropped: `data.clients.id`. */
export function keyPath(path: string): string {
  const segments = segmentsOf(path.startsWith('$') ? path : `$.${path}`)
  if (segments) return segments.flatMap((s) => (s.kind === 'key' ? [s.name] : [])).join('.')
  return path
    .split('.')
    .filter((s) => s !== '' && s !== '$' && !/^\d+$/.test(s))
    .join('.')
}

function extractLocator(
  uses: readonly StepUse[],
  operationsFor: (provider: string) => OperationIndex | undefined,
): (placed: PlacedHttp, bodyPath: string) => SpecLocation[] {
  const byKey = new Map<string, SpecLocation[]>()
  for (const use of uses) {
    if (!use.provider) continue
    for (const [variable, path] of Object.entries(use.step.extract ?? {})) {
      const key = `${use.provider.name}\u0000${use.endpoint}\u0000${keyPath(path)}`
      byKey.set(key, [...(byKey.get(key) ?? []), extractLocation(use, variable)])
    }
  }
  return (placed, bodyPath) => {
    const endpoint = endpointOf(
      operationsFor(placed.provider),
      placed.interaction.request.method,
      placed.path,
    )
    return byKey.get(`${placed.provider}\u0000${endpoint}\u0000${keyPath(bodyPath)}`) ?? []
  }
}
