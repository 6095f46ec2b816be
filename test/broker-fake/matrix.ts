/**
 * The matrix behind can-i-deploy: which verification results exist between the versions asked
 * about and the versions they would run with. A simplified version of the real broker's rules;
 * README.md lists where it differs.
 */
import type { BrokerStore, Publication, Verification, Version } from './store'

export interface MatrixSelector {
  pacticipant: string
  version: string | undefined
  latest: boolean
  tag: string | undefined
  branch: string | undefined
  mainBranch: boolean
}

export interface MatrixQuery {
  selectors: MatrixSelector[]
  ignore: { pacticipant: string; version: string | undefined }[]
  environment: string | undefined
  /** `--to TAG`: the other applications' latest versions with this tag. */
  toTag: string | undefined
  latestby: string | undefined
}

export interface MatrixRow {
  consumer: string
  consumerVersion: string
  provider: string
  providerVersion: string | undefined
  publication: Publication
  verification: Verification | undefined
  ignored: boolean
}

export interface MatrixResult {
  deployable: boolean | null
  reasons: { type: 'success' | 'error' | 'warning'; text: string }[]
  rows: MatrixRow[]
  counts: { success: number; failed: number; unknown: number; ignored?: number }
}

/** Parses `q[][pacticipant]=…&q[][version]=…` the way Rack does: each pacticipant opens a selector. */
export function parseMatrixQuery(params: URLSearchParams): MatrixQuery {
  const selectors: MatrixSelector[] = []
  const ignore: MatrixQuery['ignore'] = []
  for (const [key, value] of params) {
    const current = selectors.at(-1)
    switch (key) {
      case 'q[][pacticipant]':
        selectors.push({
          pacticipant: value,
          version: undefined,
          latest: false,
          tag: undefined,
          branch: undefined,
          mainBranch: false,
        })
        break
      case 'q[][version]':
        if (current) current.version = value
        break
      case 'q[][latest]':
        if (current) current.latest = value === 'true'
        break
      case 'q[][tag]':
        if (current) current.tag = value
        break
      case 'q[][branch]':
        if (current) current.branch = value
        break
      case 'q[][mainBranch]':
        if (current) current.mainBranch = value === 'true'
        break
      case 'ignore[][pacticipant]':
        ignore.push({ pacticipant: value, version: undefined })
        break
      case 'ignore[][version]': {
        const last = ignore.at(-1)
        if (last) last.version = value
        break
      }
    }
  }
  return {
    selectors,
    ignore,
    environment: params.get('environment') ?? undefined,
    toTag: params.get('tag') ?? undefined,
    latestby: params.get('latestby') ?? undefined,
  }
}

export function computeMatrix(store: BrokerStore, query: MatrixQuery): MatrixResult {
  const reasons: MatrixResult['reasons'] = []
  const resolved: Version[] = []
  for (const selector of query.selectors) {
    const version = resolveSelector(store, selector)
    if (version) resolved.push(version)
    else reasons.push({ type: 'error', text: describeMissing(selector) })
  }
  if (query.environment && !store.environmentByName(query.environment)) {
    reasons.push({
      type: 'error',
      text: `Environment with name '${query.environment}' does not exist`,
    })
  }
  if (reasons.length > 0) {
    return { deployable: false, reasons, rows: [], counts: { success: 0, failed: 0, unknown: 0 } }
  }

  const rows =
    resolved.length === 1 || query.environment || query.toTag
      ? resolved.flatMap((v) => rowsAgainstOthers(store, v, query))
      : rowsBetween(store, resolved)
  for (const row of rows) row.ignored = isIgnored(row, resolved, query)

  const considered = rows.filter((r) => !r.ignored)
  const failed = considered.filter((r) => r.verification?.success === false)
  const unknown = considered.filter((r) => r.verification === undefined)
  const counts: MatrixResult['counts'] = {
    success: considered.filter((r) => r.verification?.success === true).length,
    failed: failed.length,
    unknown: unknown.length,
  }
  if (rows.length > considered.length) counts.ignored = rows.length - considered.length

  for (const row of unknown) {
    reasons.push({
      type: 'error',
      text:
        row.providerVersion === undefined
          ? `There is no verified pact between ${row.consumer} (${row.consumerVersion}) and ${otherDescription(row.provider, query)}`
          : `There is no verified pact between ${row.consumer} (${row.consumerVersion}) and ${row.provider} (${row.providerVersion})`,
    })
  }
  for (const row of failed) {
    reasons.push({
      type: 'error',
      text: `The verification for the pact between ${row.consumer} (${row.consumerVersion}) and ${row.provider} (${row.providerVersion}) failed`,
    })
  }
  // Same precedence as the real broker: unknown results make the answer unknown (null).
  const deployable = unknown.length > 0 ? null : failed.length === 0
  if (deployable) {
    reasons.push({
      type: 'success',
      text:
        considered.length > 0
          ? 'All required verification results are published and successful'
          : 'There are no missing dependencies',
    })
  }
  return { deployable, reasons, rows, counts }
}

function resolveSelector(store: BrokerStore, s: MatrixSelector): Version | undefined {
  if (s.version !== undefined) return store.findVersion(s.pacticipant, s.version)
  const main = store.pacticipant(s.pacticipant).mainBranch
  return store.latestVersion(
    s.pacticipant,
    (v) =>
      (s.tag === undefined || v.tags.includes(s.tag)) &&
      (s.branch === undefined || v.branches.includes(s.branch)) &&
      (!s.mainBranch || (main !== undefined && v.branches.includes(main))),
  )
}

function describeMissing(s: MatrixSelector): string {
  if (s.version !== undefined)
    return `No pacticipant version found for ${s.pacticipant} version ${s.version}`
  const where = s.tag ? ` with tag ${s.tag}` : s.branch ? ` from branch ${s.branch}` : ''
  return `No version of ${s.pacticipant}${where} exists`
}

function otherDescription(pacticipant: string, query: MatrixQuery): string {
  if (query.environment) {
    return `a version of ${pacticipant} currently in ${query.environment} (no version is currently recorded as deployed/released in this environment)`
  }
  if (query.toTag) return `the latest version of ${pacticipant} with tag ${query.toTag}`
  return `a version of ${pacticipant}`
}

/** Versions of another application that the version asked about would run with. */
function otherVersions(store: BrokerStore, pacticipant: string, query: MatrixQuery): string[] {
  if (query.environment) {
    const environment = store.environmentByName(query.environment)
    return environment ? store.currentlyDeployed(pacticipant, environment.uuid) : []
  }
  const latest = store.latestVersion(pacticipant, (v) =>
    query.toTag ? v.tags.includes(query.toTag) : true,
  )
  return latest ? [latest.number] : []
}

function rowsAgainstOthers(store: BrokerStore, version: Version, query: MatrixQuery): MatrixRow[] {
  const rows: MatrixRow[] = []
  const name = version.pacticipant
  // As a consumer: every provider its pacts name is required.
  for (const publication of store.publications.filter(
    (p) => p.consumer === name && p.consumerVersion === version.number,
  )) {
    const providerVersions = otherVersions(store, publication.provider, query)
    if (providerVersions.length === 0) {
      rows.push(row(publication, undefined, undefined))
    }
    for (const providerVersion of providerVersions) {
      rows.push(
        row(
          publication,
          providerVersion,
          store.latestVerification(publication.sha, providerVersion),
        ),
      )
    }
  }
  // As a provider: the pacts of the consumer versions it would run with must be verified.
  const consumers = new Set(store.publicationsFor(name).map((p) => p.consumer))
  for (const consumer of consumers) {
    for (const consumerVersion of otherVersions(store, consumer, query)) {
      const publication = store
        .publicationsFor(name, consumer)
        .find((p) => p.consumerVersion === consumerVersion)
      if (publication) {
        rows.push(
          row(
            publication,
            version.number,
            store.latestVerification(publication.sha, version.number),
          ),
        )
      }
    }
  }
  return rows
}

function rowsBetween(store: BrokerStore, versions: Version[]): MatrixRow[] {
  const rows: MatrixRow[] = []
  for (const consumer of versions) {
    for (const provider of versions) {
      const publication = store.publications.find(
        (p) =>
          p.consumer === consumer.pacticipant &&
          p.consumerVersion === consumer.number &&
          p.provider === provider.pacticipant,
      )
      if (publication) {
        rows.push(
          row(
            publication,
            provider.number,
            store.latestVerification(publication.sha, provider.number),
          ),
        )
      }
    }
  }
  return rows
}

function row(
  publication: Publication,
  providerVersion: string | undefined,
  verification: Verification | undefined,
): MatrixRow {
  return {
    consumer: publication.consumer,
    consumerVersion: publication.consumerVersion,
    provider: publication.provider,
    providerVersion,
    publication,
    verification,
    ignored: false,
  }
}

function isIgnored(row: MatrixRow, asked: Version[], query: MatrixQuery): boolean {
  return query.ignore.some((i) => {
    const askedAbout = (name: string) => asked.some((v) => v.pacticipant === name)
    const other = askedAbout(row.consumer) ? row.provider : row.consumer
    const otherVersion = other === row.consumer ? row.consumerVersion : row.providerVersion
    return i.pacticipant === other && (i.version === undefined || i.version === otherVersion)
  })
}
