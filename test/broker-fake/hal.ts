/**
 * HAL representations, shaped like the real Pact Broker's decorators so that the real `pact`
 * CLI and the pact-js (Rust) verifier can navigate them.
 */
import type { MatrixResult, MatrixRow } from './matrix'
import type { SelectedPact } from './selection'
import type {
  BrokerStore,
  Deployment,
  Environment,
  Json,
  Publication,
  Verification,
  Version,
} from './store'

const enc = encodeURIComponent

export class Urls {
  constructor(readonly base: string) {}
  pacticipant = (name: string) => `${this.base}/pacticipants/${enc(name)}`
  version = (pacticipant: string, number: string) =>
    `${this.pacticipant(pacticipant)}/versions/${enc(number)}`
  pactVersion = (p: Publication) =>
    `${this.base}/pacts/provider/${enc(p.provider)}/consumer/${enc(p.consumer)}/pact-version/${p.sha}`
  pactForConsumerVersion = (p: Publication) =>
    `${this.base}/pacts/provider/${enc(p.provider)}/consumer/${enc(p.consumer)}/version/${enc(p.consumerVersion)}`
  verificationResults = (p: Publication) => `${this.pactVersion(p)}/verification-results`
  verification = (v: Verification) =>
    `${this.base}/pacts/provider/${enc(v.provider)}/consumer/${enc(v.consumer)}/pact-version/${v.sha}/verification-results/${v.number}`
  environment = (e: Environment) => `${this.base}/environments/${e.uuid}`
  recordDeployment = (v: Version, e: Environment) =>
    `${this.version(v.pacticipant, v.number)}/deployed-versions/environment/${e.uuid}`
  deployedVersion = (d: Deployment) => `${this.base}/deployed-versions/${d.uuid}`
  forVerification = (provider: string) =>
    `${this.base}/pacts/provider/${enc(provider)}/for-verification`
}

export function indexResource(urls: Urls): Json {
  const b = urls.base
  const link = (href: string, title: string, templated = false): Json =>
    templated ? { href, title, templated: true } : { href, title }
  return {
    _links: {
      self: link(b, 'Index'),
      'pb:publish-contracts': link(`${b}/contracts/publish`, 'Publish contracts'),
      'pb:latest-pact-versions': link(`${b}/pacts/latest`, 'Latest pact versions'),
      'pb:pacticipants': link(`${b}/pacticipants`, 'Pacticipants'),
      'pb:pacticipant': link(`${b}/pacticipants/{pacticipant}`, 'Fetch pacticipant by name', true),
      'pb:pacticipant-version': link(
        `${b}/pacticipants/{pacticipant}/versions/{version}`,
        'Get, create or delete a pacticipant version',
        true,
      ),
      'pb:latest-provider-pacts': link(
        `${b}/pacts/provider/{provider}/latest`,
        'Latest pacts by provider',
        true,
      ),
      'pb:provider-pacts-for-verification': link(
        `${b}/pacts/provider/{provider}/for-verification`,
        'Pact versions to be verified for the specified provider',
        true,
      ),
      'pb:environments': link(`${b}/environments`, 'Environments'),
      'pb:environment': link(`${b}/environments/{uuid}`, 'Environment', true),
      'pb:can-i-deploy-pacticipant-version-to-environment': link(
        `${b}/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}`,
        'Determine whether a pacticipant version is safe to deploy to an environment',
        true,
      ),
      curies: [{ name: 'pb', href: `${b}/doc/{rel}?context=index`, templated: true }],
    },
  }
}

export function pacticipantResource(urls: Urls, store: BrokerStore, name: string): Json {
  const p = store.pacticipant(name)
  const self = urls.pacticipant(name)
  return {
    name: p.name,
    mainBranch: p.mainBranch ?? null,
    createdAt: p.createdAt,
    _links: {
      self: { href: self },
      'pb:versions': { href: `${self}/versions` },
      'pb:version': { href: `${self}/versions/{version}`, templated: true },
      'pb:version-tag': { href: `${self}/versions/{version}/tags/{tag}`, templated: true },
      'pb:branch-version': {
        href: `${self}/branches/{branch}/versions/{version}`,
        templated: true,
      },
    },
  }
}

export function versionResource(urls: Urls, store: BrokerStore, v: Version): Json {
  return {
    number: v.number,
    buildUrl: v.buildUrl ?? null,
    createdAt: v.createdAt,
    _embedded: {
      branchVersions: v.branches.map((name) => ({ name, latest: true })),
      tags: v.tags.map((name) => ({ name })),
    },
    _links: {
      self: { title: 'Version', name: v.number, href: urls.version(v.pacticipant, v.number) },
      'pb:pacticipant': {
        title: 'Pacticipant',
        name: v.pacticipant,
        href: urls.pacticipant(v.pacticipant),
      },
      'pb:tag': { href: `${urls.version(v.pacticipant, v.number)}/tags/{tag}`, templated: true },
      'pb:pact-versions': store.publications
        .filter((p) => p.consumer === v.pacticipant && p.consumerVersion === v.number)
        .map((p) => ({ title: 'Pact', name: pactName(p), href: urls.pactForConsumerVersion(p) })),
      'pb:record-deployment': store.environments.map((e) => ({
        title: `Record deployment to ${e.displayName}`,
        name: e.name,
        href: urls.recordDeployment(v, e),
      })),
    },
  }
}

export function publishResultsResource(
  urls: Urls,
  input: {
    version: Version
    created: boolean
    branch: string | undefined
    tags: string[]
    publications: Publication[]
  },
): Json {
  const { version, publications } = input
  const notices: { type: string; text: string }[] = []
  const what = [
    input.branch ? `with branch ${input.branch}` : undefined,
    input.tags.length ? `and tags ${input.tags.join(', ')}` : undefined,
  ]
    .filter(Boolean)
    .join(' ')
  notices.push({
    type: 'success',
    text: `${input.created ? 'Created' : 'Updated'} ${version.pacticipant} version ${version.number}${what ? ` ${what}` : ''}`,
  })
  if (!input.branch) {
    notices.push({
      type: 'warning',
      text: 'No branch was specified. Configuring the branch when publishing is recommended so that the consumer version selectors can find this pact. See https://docs.pact.io/go/branches',
    })
  }
  for (const p of publications) {
    notices.push({
      type: 'success',
      text: `Pact successfully published for ${p.consumer} version ${p.consumerVersion} and provider ${p.provider}.`,
    })
    notices.push({
      type: 'info',
      text: `  View the published pact at ${urls.pactForConsumerVersion(p)}`,
    })
  }
  return {
    notices,
    // The CLI still parses `logs` (deprecated in the real broker in favour of notices).
    logs: notices.map((n) => ({
      level: n.type === 'warning' ? 'warn' : 'info',
      message: n.text,
      deprecationWarning: 'Replaced by notices',
    })),
    _embedded: {
      pacticipant: {
        name: version.pacticipant,
        _links: { self: { href: urls.pacticipant(version.pacticipant) } },
      },
      version: {
        number: version.number,
        _links: {
          self: {
            title: 'Version',
            name: version.number,
            href: urls.version(version.pacticipant, version.number),
          },
        },
      },
    },
    _links: {
      'pb:pacticipant': {
        title: 'Pacticipant',
        name: version.pacticipant,
        href: urls.pacticipant(version.pacticipant),
      },
      'pb:pacticipant-version': {
        title: 'Pacticipant version',
        name: version.number,
        href: urls.version(version.pacticipant, version.number),
      },
      'pb:pacticipant-version-tags': input.tags.map((name) => ({
        title: 'Tag',
        name,
        href: `${urls.version(version.pacticipant, version.number)}/tags/${enc(name)}`,
      })),
      'pb:contracts': publications.map((p) => ({
        title: 'Pact',
        name: pactName(p),
        href: urls.pactForConsumerVersion(p),
      })),
    },
  }
}

/** The pact document itself, with the links a verifier follows to publish its result. */
export function pactResource(urls: Urls, p: Publication): Json {
  return {
    ...p.content,
    createdAt: p.createdAt,
    _links: {
      self: { title: 'Pact', name: pactName(p), href: urls.pactVersion(p) },
      'pb:consumer': { title: 'Consumer', name: p.consumer, href: urls.pacticipant(p.consumer) },
      'pb:consumer-version': {
        title: 'Consumer version',
        name: p.consumerVersion,
        href: urls.version(p.consumer, p.consumerVersion),
      },
      'pb:provider': { title: 'Provider', name: p.provider, href: urls.pacticipant(p.provider) },
      'pb:publish-verification-results': {
        title: 'Publish verification results',
        href: urls.verificationResults(p),
      },
    },
  }
}

export function forVerificationResource(
  urls: Urls,
  provider: string,
  pacts: SelectedPact[],
  includePendingStatus: boolean,
): Json {
  return {
    _embedded: {
      pacts: pacts.map((pact) => {
        const url = urls.pactVersion(pact.publication)
        const notices = [
          {
            when: 'before_verification',
            text: `The pact at ${url} is being verified because it matches the following configured selection criterion: ${pact.reasons.join('; ')}`,
          },
        ]
        if (pact.pending !== undefined) {
          notices.push({
            when: 'before_verification',
            text: pact.pending
              ? `This pact is in pending state for this version of ${provider} because a successful verification result has not yet been published. If this verification fails, it will not cause the overall build to fail.`
              : `This pact has previously been successfully verified by ${provider}. If this verification fails, it will fail the build.`,
          })
        }
        const properties: { [key: string]: Json } = { notices }
        if (includePendingStatus) properties.pending = pact.pending ?? false
        if (pact.wip) properties.wip = true
        return {
          shortDescription: pact.reasons.join('; '),
          verificationProperties: properties,
          _links: { self: { href: url, name: pactName(pact.publication) } },
        }
      }),
    },
    _links: {
      self: { href: urls.forVerification(provider), title: 'Pacts to be verified' },
    },
  }
}

export function verificationResource(urls: Urls, v: Verification): Json {
  return {
    providerName: v.provider,
    providerApplicationVersion: v.providerVersion,
    success: v.success,
    verificationDate: v.createdAt,
    buildUrl: v.buildUrl ?? null,
    testResults: v.testResults ?? null,
    _links: {
      self: {
        title: 'Verification result',
        name: `Verification #${v.number}`,
        href: urls.verification(v),
      },
    },
  }
}

export function environmentResource(urls: Urls, e: Environment): Json {
  return {
    uuid: e.uuid,
    name: e.name,
    displayName: e.displayName,
    production: e.production,
    createdAt: e.createdAt,
    _links: {
      self: { title: 'Environment', name: e.name, href: urls.environment(e) },
      'pb:currently-deployed-deployed-versions': {
        title: 'Versions currently deployed to this environment',
        href: `${urls.environment(e)}/deployed-versions/currently-deployed`,
      },
    },
  }
}

export function deployedVersionResource(urls: Urls, store: BrokerStore, d: Deployment): Json {
  const environment = store.environmentByUuid(d.environmentUuid)
  return {
    uuid: d.uuid,
    currentlyDeployed: d.currentlyDeployed,
    applicationInstance: d.applicationInstance ?? null,
    target: d.applicationInstance ?? null,
    createdAt: d.createdAt,
    undeployedAt: d.undeployedAt ?? null,
    _embedded: {
      version: {
        number: d.version,
        _links: { self: { href: urls.version(d.pacticipant, d.version) } },
      },
      environment: environment
        ? { uuid: environment.uuid, name: environment.name, displayName: environment.displayName }
        : null,
    },
    _links: {
      self: { href: urls.deployedVersion(d) },
      'pb:pacticipant': { name: d.pacticipant, href: urls.pacticipant(d.pacticipant) },
    },
  }
}

export function matrixResource(urls: Urls, result: MatrixResult): Json {
  return {
    summary: {
      deployable: result.deployable,
      reason: result.reasons.map((r) => r.text).join('\n'),
      ...result.counts,
    },
    notices: result.reasons,
    matrix: result.rows.map((row) => matrixRow(urls, row)),
  }
}

function matrixRow(urls: Urls, row: MatrixRow): Json {
  const v = row.verification
  const out: { [key: string]: Json } = {
    consumer: {
      name: row.consumer,
      version: {
        number: row.consumerVersion,
        _links: { self: { href: urls.version(row.consumer, row.consumerVersion) } },
      },
      _links: { self: { href: urls.pacticipant(row.consumer) } },
    },
    provider: {
      name: row.provider,
      version:
        row.providerVersion === undefined
          ? null
          : {
              number: row.providerVersion,
              _links: { self: { href: urls.version(row.provider, row.providerVersion) } },
            },
      _links: { self: { href: urls.pacticipant(row.provider) } },
    },
    pact: {
      createdAt: row.publication.createdAt,
      _links: { self: { href: urls.pactForConsumerVersion(row.publication) } },
    },
    verificationResult: v
      ? {
          success: v.success,
          verifiedAt: v.createdAt,
          _links: { self: { href: urls.verification(v) } },
        }
      : null,
  }
  if (row.ignored) out.ignored = true
  return out
}

export function pactName(p: Publication): string {
  return `Pact between ${p.consumer} (${p.consumerVersion}) and ${p.provider}`
}
