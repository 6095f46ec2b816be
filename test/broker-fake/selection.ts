/**
 * "Pacts for verification": which pacts a provider verification build gets, from the consumer
 * version selectors, with pending and WIP status. A simplified version of the real broker's
 * rules; README.md lists where it differs.
 */
import { z } from 'zod'
import type { BrokerStore, Publication } from './store'

export const SelectorSchema = z.object({
  mainBranch: z.literal(true).optional(),
  branch: z.string().min(1).optional(),
  matchingBranch: z.literal(true).optional(),
  deployedOrReleased: z.literal(true).optional(),
  deployed: z.literal(true).optional(),
  released: z.literal(true).optional(),
  environment: z.string().min(1).optional(),
  latest: z.boolean().optional(),
  tag: z.string().min(1).optional(),
  fallbackTag: z.string().min(1).optional(),
  consumer: z.string().min(1).optional(),
})
export type Selector = z.infer<typeof SelectorSchema>

export const ForVerificationBodySchema = z.object({
  consumerVersionSelectors: z.array(SelectorSchema).optional(),
  providerVersionBranch: z.string().min(1).optional(),
  providerVersionTags: z.array(z.string()).optional(),
  includePendingStatus: z.boolean().optional(),
  includeWipPactsSince: z.string().min(1).optional(),
})
export type ForVerificationBody = z.infer<typeof ForVerificationBodySchema>

export interface SelectedPact {
  publication: Publication
  reasons: string[]
  pending: boolean | undefined
  wip: boolean
}

/** Keys that pick pacts; a selector without any of them selects nothing and is rejected. */
const SELECTING_KEYS = [
  'mainBranch',
  'branch',
  'matchingBranch',
  'deployedOrReleased',
  'deployed',
  'released',
  'latest',
  'tag',
  'environment',
] as const

export function validateSelection(body: ForVerificationBody): string[] {
  const errors: string[] = []
  for (const [i, selector] of (body.consumerVersionSelectors ?? []).entries()) {
    if (!SELECTING_KEYS.some((key) => selector[key] !== undefined)) {
      errors.push(
        `consumerVersionSelectors[${i}]: must specify one of ${SELECTING_KEYS.join(', ')}`,
      )
    }
    if (selector.matchingBranch && !body.providerVersionBranch) {
      errors.push(
        `consumerVersionSelectors[${i}]: the providerVersionBranch must be specified when the selector matchingBranch=true is used`,
      )
    }
  }
  return errors
}

export function selectPacts(
  store: BrokerStore,
  provider: string,
  body: ForVerificationBody,
): SelectedPact[] {
  const selectors = body.consumerVersionSelectors?.length
    ? body.consumerVersionSelectors
    : [{ latest: true } satisfies Selector]
  const bySha = new Map<string, SelectedPact>()
  for (const selector of selectors) {
    for (const { publication, reason } of applySelector(store, provider, selector, body)) {
      const entry = bySha.get(publication.sha)
      if (entry) {
        if (!entry.reasons.includes(reason)) entry.reasons.push(reason)
        // Deduplicated by content: the newest consumer version stands for the content.
        if (store.versionOrder(publication) > store.versionOrder(entry.publication)) {
          entry.publication = publication
        }
      } else {
        bySha.set(publication.sha, {
          publication,
          reasons: [reason],
          pending: undefined,
          wip: false,
        })
      }
    }
  }
  const selected = [...bySha.values()]
  if (body.includePendingStatus) {
    for (const pact of selected) {
      pact.pending = isPending(store, pact.publication, body.providerVersionBranch)
    }
    selected.push(...wipPacts(store, provider, body, new Set(bySha.keys())))
  }
  return selected
}

function applySelector(
  store: BrokerStore,
  provider: string,
  selector: Selector,
  body: ForVerificationBody,
): { publication: Publication; reason: string }[] {
  const consumers = [...new Set(store.publicationsFor(provider).map((p) => p.consumer))].filter(
    (c) => selector.consumer === undefined || c === selector.consumer,
  )
  const out: { publication: Publication; reason: string }[] = []
  for (const consumer of consumers) {
    const publications = store.publicationsFor(provider, consumer)
    const versionOf = (p: Publication) => store.findVersion(p.consumer, p.consumerVersion)
    const latestWhere = (pick: (p: Publication) => boolean) => publications.filter(pick).at(-1)
    const add = (p: Publication | undefined, reason: string) => {
      if (p) out.push({ publication: p, reason })
    }

    if (selector.mainBranch) {
      const main = store.pacticipant(consumer).mainBranch
      if (main) {
        add(
          latestWhere((p) => versionOf(p)?.branches.includes(main) ?? false),
          `latest pact for a consumer version from ${consumer}'s main branch (${main})`,
        )
      }
    } else if (selector.branch || selector.matchingBranch) {
      const branch = selector.branch ?? body.providerVersionBranch ?? ''
      const onBranch = (p: Publication) => versionOf(p)?.branches.includes(branch) ?? false
      const label = selector.matchingBranch
        ? `latest pact for a consumer version from a branch matching the provider branch (${branch})`
        : `latest pact for a consumer version from branch '${branch}'`
      if (selector.latest === false) {
        for (const p of publications.filter(onBranch)) add(p, label.replace('latest pact', 'pact'))
      } else add(latestWhere(onBranch), label)
    } else if (selector.deployedOrReleased || selector.deployed || selector.environment) {
      const environment = selector.environment
        ? store.environmentByName(selector.environment)
        : undefined
      if (selector.environment && !environment) continue
      // Releases are not modelled: `released` alone selects nothing.
      if (selector.released && !selector.deployed && !selector.deployedOrReleased) continue
      const deployed = new Set(store.currentlyDeployed(consumer, environment?.uuid))
      for (const p of publications.filter((p) => deployed.has(p.consumerVersion))) {
        add(
          p,
          environment
            ? `pact for a version of ${consumer} currently deployed to ${environment.name}`
            : `pact for a version of ${consumer} currently deployed or released`,
        )
      }
    } else if (selector.tag) {
      const withTag = (tag: string) => (p: Publication) => versionOf(p)?.tags.includes(tag) ?? false
      let tag = selector.tag
      if (!publications.some(withTag(tag)) && selector.fallbackTag) tag = selector.fallbackTag
      if (selector.latest) add(latestWhere(withTag(tag)), `latest pact with tag '${tag}'`)
      else for (const p of publications.filter(withTag(tag))) add(p, `pact with tag '${tag}'`)
    } else if (selector.latest) {
      add(publications.at(-1), `latest pact between ${consumer} and ${provider}`)
    }
  }
  return out
}

/**
 * Pending until a provider version (from the given branch, when one is given) has verified the
 * content successfully: a failure then does not fail the provider's build.
 */
export function isPending(
  store: BrokerStore,
  publication: Publication,
  providerBranch: string | undefined,
): boolean {
  return !store.verifications.some(
    (v) =>
      v.sha === publication.sha &&
      v.success &&
      (providerBranch === undefined ||
        (store.findVersion(v.provider, v.providerVersion)?.branches.includes(providerBranch) ??
          false)),
  )
}

/**
 * Work-in-progress pacts: the latest pact of every consumer branch, published since the date,
 * not selected otherwise and not yet verified by the provider branch. Like the real broker,
 * none without a provider branch.
 */
function wipPacts(
  store: BrokerStore,
  provider: string,
  body: ForVerificationBody,
  alreadySelected: Set<string>,
): SelectedPact[] {
  const since = body.includeWipPactsSince ? Date.parse(body.includeWipPactsSince) : Number.NaN
  const branch = body.providerVersionBranch
  if (Number.isNaN(since) || !branch) return []
  const latestPerBranch = new Map<string, Publication>()
  for (const p of store.publicationsFor(provider)) {
    for (const b of store.findVersion(p.consumer, p.consumerVersion)?.branches ?? []) {
      latestPerBranch.set(`${p.consumer}\u0000${b}`, p)
    }
  }
  const wip: SelectedPact[] = []
  const seen = new Set(alreadySelected)
  for (const p of latestPerBranch.values()) {
    if (seen.has(p.sha) || Date.parse(p.createdAt) < since) continue
    if (!isPending(store, p, branch)) continue
    seen.add(p.sha)
    wip.push({
      publication: p,
      reasons: [
        `work in progress pact from ${p.consumer} (published since ${body.includeWipPactsSince})`,
      ],
      pending: true,
      wip: true,
    })
  }
  return wip
}
