/**
 * The fake broker's in-memory data and the domain rules it needs: publishing, pacticipant
 * versions with branches and tags, verification results keyed by pact content, environments
 * and deployments. HTTP shapes live in `hal.ts`; selection and matrix rules in their own files.
 */
import { createHash, randomUUID } from 'node:crypto'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface Version {
  pacticipant: string
  number: string
  branches: string[]
  tags: string[]
  buildUrl: string | undefined
  createdAt: string
  /** Creation order: "latest" means the highest order, as in the real broker. */
  order: number
}

export interface Publication {
  consumer: string
  provider: string
  consumerVersion: string
  /** Pact content hash: verification results belong to content, not to a consumer version. */
  sha: string
  content: { [key: string]: Json }
  createdAt: string
  order: number
}

export interface Verification {
  number: number
  consumer: string
  provider: string
  sha: string
  providerVersion: string
  success: boolean
  buildUrl: string | undefined
  testResults: Json | undefined
  createdAt: string
}

export interface Environment {
  uuid: string
  name: string
  displayName: string
  production: boolean
  createdAt: string
}

export interface Deployment {
  uuid: string
  pacticipant: string
  version: string
  environmentUuid: string
  applicationInstance: string | undefined
  currentlyDeployed: boolean
  createdAt: string
  undeployedAt: string | undefined
}

export interface Pacticipant {
  name: string
  mainBranch: string | undefined
  createdAt: string
}

/** Branch names the real broker treats as a pacticipant's main branch when none is configured. */
const MAIN_BRANCH_CANDIDATES = ['develop', 'main', 'master']

export class BrokerStore {
  readonly pacticipants = new Map<string, Pacticipant>()
  readonly versions: Version[] = []
  readonly publications: Publication[] = []
  readonly verifications: Verification[] = []
  readonly environments: Environment[] = []
  readonly deployments: Deployment[] = []
  private order = 0

  private now(): string {
    return new Date().toISOString()
  }

  pacticipant(name: string): Pacticipant {
    let found = this.pacticipants.get(name)
    if (!found) {
      found = { name, mainBranch: undefined, createdAt: this.now() }
      this.pacticipants.set(name, found)
    }
    return found
  }

  findVersion(pacticipant: string, number: string): Version | undefined {
    return this.versions.find((v) => v.pacticipant === pacticipant && v.number === number)
  }

  /** Finds or creates a version, adding the branch, tags and build URL given. */
  version(
    pacticipant: string,
    number: string,
    extra: { branch?: string | undefined; tags?: string[]; buildUrl?: string | undefined } = {},
  ): { version: Version; created: boolean } {
    const owner = this.pacticipant(pacticipant)
    let version = this.findVersion(pacticipant, number)
    const created = version === undefined
    if (!version) {
      version = {
        pacticipant,
        number,
        branches: [],
        tags: [],
        buildUrl: undefined,
        createdAt: this.now(),
        order: ++this.order,
      }
      this.versions.push(version)
    }
    if (extra.branch && !version.branches.includes(extra.branch)) {
      version.branches.push(extra.branch)
      if (!owner.mainBranch && MAIN_BRANCH_CANDIDATES.includes(extra.branch)) {
        owner.mainBranch = extra.branch
      }
    }
    for (const tag of extra.tags ?? []) {
      if (!version.tags.includes(tag)) version.tags.push(tag)
    }
    if (extra.buildUrl) version.buildUrl = extra.buildUrl
    return { version, created }
  }

  publish(input: {
    consumer: string
    provider: string
    consumerVersion: string
    content: { [key: string]: Json }
    merge: boolean
  }): Publication {
    this.pacticipant(input.provider)
    const existing = this.publications.find(
      (p) =>
        p.consumer === input.consumer &&
        p.provider === input.provider &&
        p.consumerVersion === input.consumerVersion,
    )
    const content =
      input.merge && existing ? mergeInteractions(existing.content, input.content) : input.content
    const publication: Publication = {
      consumer: input.consumer,
      provider: input.provider,
      consumerVersion: input.consumerVersion,
      sha: contentSha(content),
      content,
      createdAt: this.now(),
      order: ++this.order,
    }
    if (existing) this.publications.splice(this.publications.indexOf(existing), 1, publication)
    else this.publications.push(publication)
    return publication
  }

  publicationsFor(provider: string, consumer?: string): Publication[] {
    return this.publications
      .filter((p) => p.provider === provider && (consumer === undefined || p.consumer === consumer))
      .sort((a, b) => this.versionOrder(a) - this.versionOrder(b))
  }

  /** Publications ordered by their consumer version, so "latest" follows version creation. */
  versionOrder(publication: Publication): number {
    return this.findVersion(publication.consumer, publication.consumerVersion)?.order ?? 0
  }

  findPublication(provider: string, consumer: string, sha: string): Publication | undefined {
    return this.publications.find(
      (p) => p.provider === provider && p.consumer === consumer && p.sha === sha,
    )
  }

  recordVerification(input: Omit<Verification, 'number' | 'createdAt'>): Verification {
    this.version(input.provider, input.providerVersion)
    const verification: Verification = {
      ...input,
      number: this.verifications.filter((v) => v.sha === input.sha).length + 1,
      createdAt: this.now(),
    }
    this.verifications.push(verification)
    return verification
  }

  /** The latest verification of some pact content by one provider version, if any. */
  latestVerification(sha: string, providerVersion: string): Verification | undefined {
    return this.verifications
      .filter((v) => v.sha === sha && v.providerVersion === providerVersion)
      .at(-1)
  }

  createEnvironment(input: {
    name: string
    displayName?: string | undefined
    production: boolean
  }): Environment | { error: string } {
    const clash = this.environments.find((e) => e.name === input.name)
    if (clash) {
      return {
        error: `Another environment with name '${input.name}' already exists (${clash.uuid})`,
      }
    }
    const environment: Environment = {
      uuid: randomUUID(),
      name: input.name,
      displayName: input.displayName ?? capitalise(input.name),
      production: input.production,
      createdAt: this.now(),
    }
    this.environments.push(environment)
    return environment
  }

  environmentByName(name: string): Environment | undefined {
    return this.environments.find((e) => e.name === name)
  }

  environmentByUuid(uuid: string): Environment | undefined {
    return this.environments.find((e) => e.uuid === uuid)
  }

  /**
   * Records a deployment. As in the real broker, a new deployment of the same pacticipant to the
   * same environment and application instance ends the previous one.
   */
  recordDeployment(input: {
    pacticipant: string
    version: string
    environmentUuid: string
    applicationInstance: string | undefined
  }): Deployment {
    const now = this.now()
    for (const previous of this.deployments) {
      if (
        previous.currentlyDeployed &&
        previous.pacticipant === input.pacticipant &&
        previous.environmentUuid === input.environmentUuid &&
        previous.applicationInstance === input.applicationInstance
      ) {
        previous.currentlyDeployed = false
        previous.undeployedAt = now
      }
    }
    const deployment: Deployment = {
      uuid: randomUUID(),
      ...input,
      currentlyDeployed: true,
      createdAt: now,
      undeployedAt: undefined,
    }
    this.deployments.push(deployment)
    return deployment
  }

  /** Version numbers of a pacticipant currently deployed (to one environment, or to any). */
  currentlyDeployed(pacticipant: string, environmentUuid?: string): string[] {
    const numbers = this.deployments
      .filter(
        (d) =>
          d.currentlyDeployed &&
          d.pacticipant === pacticipant &&
          (environmentUuid === undefined || d.environmentUuid === environmentUuid),
      )
      .map((d) => d.version)
    return [...new Set(numbers)]
  }

  latestVersion(
    pacticipant: string,
    filter: (v: Version) => boolean = () => true,
  ): Version | undefined {
    return this.versions
      .filter((v) => v.pacticipant === pacticipant && filter(v))
      .sort((a, b) => a.order - b.order)
      .at(-1)
  }
}

export function contentSha(content: Json): string {
  return createHash('sha1').update(JSON.stringify(content)).digest('hex')
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** `onConflict: merge`: keep existing interactions and add those with a new description. */
function mergeInteractions(
  existing: { [key: string]: Json },
  incoming: { [key: string]: Json },
): { [key: string]: Json } {
  const before = Array.isArray(existing.interactions) ? existing.interactions : []
  const added = Array.isArray(incoming.interactions) ? incoming.interactions : []
  const description = (i: Json) =>
    i !== null && typeof i === 'object' && !Array.isArray(i) ? i.description : undefined
  const known = new Set(before.map(description))
  return {
    ...incoming,
    interactions: [...before, ...added.filter((i) => !known.has(description(i)))],
  }
}
