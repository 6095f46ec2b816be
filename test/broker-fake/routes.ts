/** The fake's routes: the HAL relations the `pact broker` CLI and the verifier follow. */
import {
  deployedVersionResource,
  environmentResource,
  forVerificationResource,
  indexResource,
  matrixResource,
  pacticipantResource,
  pactName,
  pactResource,
  publishResultsResource,
  verificationResource,
  versionResource,
} from './hal'
import { computeMatrix, parseMatrixQuery } from './matrix'
import {
  DeploymentBodySchema,
  decodePact,
  EnvironmentBodySchema,
  PublishBodySchema,
  VerificationBodySchema,
  validationErrors,
} from './requests'
import { ForVerificationBodySchema, selectPacts, validateSelection } from './selection'
import type { RouteContext, RouteResponse } from './server'
import type { Publication } from './store'

interface Route {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  handle(ctx: RouteContext): RouteResponse
}

const ok = (body: RouteResponse['body'], status = 200): RouteResponse => ({ status, body })
const notFound = (what: string): RouteResponse => ({
  status: 404,
  body: { error: `${what} was not found` },
})
const invalid = (errors: { [field: string]: string[] }): RouteResponse => ({
  status: 400,
  body: { errors },
})

/** The pact of a pact version (its content hash), with or without webhook metadata. */
const pactVersion = ({ params, store, urls }: RouteContext): RouteResponse => {
  const p = store.findPublication(params.provider ?? '', params.consumer ?? '', params.sha ?? '')
  return p ? ok(pactResource(urls, p)) : notFound(`Pact ${params.sha}`)
}

export const routes: Route[] = [
  { method: 'GET', path: '/', handle: ({ urls }) => ok(indexResource(urls)) },

  {
    method: 'POST',
    path: '/contracts/publish',
    handle: ({ body, store, urls }) => {
      const parsed = PublishBodySchema.safeParse(body)
      if (!parsed.success) return { status: 400, body: validationErrors(parsed.error) }
      const input = parsed.data
      const pacts = []
      for (const [i, contract] of input.contracts.entries()) {
        const decoded = decodePact(contract.content)
        if (!decoded.ok) return invalid({ [`contracts.${i}.content`]: [decoded.error] })
        if (contract.consumerName !== input.pacticipantName) {
          return invalid({
            [`contracts.${i}.consumerName`]: [
              `must match pacticipantName (${input.pacticipantName})`,
            ],
          })
        }
        pacts.push({ contract, content: decoded.pact })
      }
      const { version, created } = store.version(
        input.pacticipantName,
        input.pacticipantVersionNumber,
        { branch: input.branch, tags: input.tags ?? [], buildUrl: input.buildUrl },
      )
      const publications = pacts.map(({ contract, content }) =>
        store.publish({
          consumer: contract.consumerName,
          provider: contract.providerName,
          consumerVersion: version.number,
          content,
          merge: contract.onConflict === 'merge',
        }),
      )
      return ok(
        publishResultsResource(urls, {
          version,
          created,
          branch: input.branch,
          tags: input.tags ?? [],
          publications,
        }),
      )
    },
  },

  {
    method: 'GET',
    path: '/pacticipants',
    handle: ({ store, urls }) =>
      ok({
        _embedded: {
          pacticipants: [...store.pacticipants.keys()].map((name) =>
            pacticipantResource(urls, store, name),
          ),
        },
        _links: { self: { href: `${urls.base}/pacticipants` } },
      }),
  },
  {
    method: 'GET',
    path: '/pacticipants/:pacticipant',
    handle: ({ params, store, urls }) => {
      const name = params.pacticipant ?? ''
      return store.pacticipants.has(name)
        ? ok(pacticipantResource(urls, store, name))
        : notFound(`Pacticipant ${name}`)
    },
  },
  {
    method: 'GET',
    path: '/pacticipants/:pacticipant/versions/:version',
    handle: ({ params, store, urls }) => {
      const version = store.findVersion(params.pacticipant ?? '', params.version ?? '')
      return version
        ? ok(versionResource(urls, store, version))
        : notFound(`Version ${params.version} of ${params.pacticipant}`)
    },
  },
  {
    // pb:branch-version — the verifier PUTs here to put the provider version on its branch.
    method: 'PUT',
    path: '/pacticipants/:pacticipant/branches/:branch/versions/:version',
    handle: ({ params, store, urls }) => {
      const { version } = store.version(params.pacticipant ?? '', params.version ?? '', {
        branch: params.branch,
      })
      return ok(versionResource(urls, store, version))
    },
  },
  {
    // pb:version-tag
    method: 'PUT',
    path: '/pacticipants/:pacticipant/versions/:version/tags/:tag',
    handle: ({ params, store }) => {
      store.version(params.pacticipant ?? '', params.version ?? '', { tags: [params.tag ?? ''] })
      return ok({ name: params.tag ?? '' }, 201)
    },
  },
  {
    // pb:record-deployment
    method: 'POST',
    path: '/pacticipants/:pacticipant/versions/:version/deployed-versions/environment/:uuid',
    handle: ({ params, body, store, urls }) => {
      const version = store.findVersion(params.pacticipant ?? '', params.version ?? '')
      const environment = store.environmentByUuid(params.uuid ?? '')
      if (!version) return notFound(`Version ${params.version} of ${params.pacticipant}`)
      if (!environment) return notFound(`Environment ${params.uuid}`)
      const parsed = DeploymentBodySchema.safeParse(body ?? {})
      if (!parsed.success) return { status: 400, body: validationErrors(parsed.error) }
      const deployment = store.recordDeployment({
        pacticipant: version.pacticipant,
        version: version.number,
        environmentUuid: environment.uuid,
        applicationInstance: parsed.data.applicationInstance ?? parsed.data.target,
      })
      return ok(deployedVersionResource(urls, store, deployment), 201)
    },
  },
  {
    method: 'GET',
    path: '/pacticipants/:pacticipant/versions/:version/deployed-versions/environment/:uuid',
    handle: ({ params, store, urls }) =>
      ok({
        _embedded: {
          deployedVersions: store.deployments
            .filter(
              (d) =>
                d.pacticipant === params.pacticipant &&
                d.version === params.version &&
                d.environmentUuid === params.uuid,
            )
            .map((d) => deployedVersionResource(urls, store, d)),
        },
      }),
  },

  {
    // pb:provider-pacts-for-verification: the verifier GETs it, then POSTs to its self link.
    method: 'GET',
    path: '/pacts/provider/:provider/for-verification',
    handle: ({ params, urls }) =>
      ok({
        _links: {
          self: {
            href: urls.forVerification(params.provider ?? ''),
            title: 'Pacts to be verified',
          },
          'pb:provider': { href: urls.pacticipant(params.provider ?? '') },
        },
      }),
  },
  {
    method: 'POST',
    path: '/pacts/provider/:provider/for-verification',
    handle: ({ params, body, store, urls }) => {
      const parsed = ForVerificationBodySchema.safeParse(body ?? {})
      if (!parsed.success) return { status: 400, body: validationErrors(parsed.error) }
      const errors = validateSelection(parsed.data)
      if (errors.length > 0) return invalid({ consumerVersionSelectors: errors })
      const provider = params.provider ?? ''
      const pacts = selectPacts(store, provider, parsed.data)
      return ok(
        forVerificationResource(urls, provider, pacts, parsed.data.includePendingStatus ?? false),
      )
    },
  },
  {
    // pb:latest-provider-pacts: the verifier's fallback when no selectors are given.
    method: 'GET',
    path: '/pacts/provider/:provider/latest',
    handle: ({ params, store, urls }) => {
      const provider = params.provider ?? ''
      const latest = new Map<string, Publication>()
      for (const p of store.publicationsFor(provider)) latest.set(p.consumer, p)
      return ok({
        _links: {
          self: { href: `${urls.base}/pacts/provider/${encodeURIComponent(provider)}/latest` },
          provider: { href: urls.pacticipant(provider), name: provider },
          'pb:pacts': [...latest.values()].map((p) => ({
            href: urls.pactVersion(p),
            name: pactName(p),
          })),
          pacts: [...latest.values()].map((p) => ({
            href: urls.pactVersion(p),
            name: pactName(p),
          })),
        },
      })
    },
  },
  {
    method: 'GET',
    path: '/pacts/provider/:provider/consumer/:consumer/pact-version/:sha',
    handle: pactVersion,
  },
  {
    // `${pactbroker.pactUrl}` in webhooks: the pact version plus opaque metadata about the
    // consumer version that triggered it (base64 of e.g. `cvn=1.0.0`). The real broker uses it to
    // attribute results to that consumer version; the fake serves the same pact and ignores it.
    method: 'GET',
    path: '/pacts/provider/:provider/consumer/:consumer/pact-version/:sha/metadata/:metadata',
    handle: pactVersion,
  },
  {
    method: 'GET',
    path: '/pacts/provider/:provider/consumer/:consumer/version/:version',
    handle: ({ params, store, urls }) => {
      const p = store
        .publicationsFor(params.provider ?? '', params.consumer ?? '')
        .find((x) => x.consumerVersion === params.version)
      return p ? ok(pactResource(urls, p)) : notFound(`Pact for version ${params.version}`)
    },
  },
  {
    method: 'GET',
    path: '/pacts/provider/:provider/consumer/:consumer/latest',
    handle: ({ params, store, urls }) => {
      const p = store.publicationsFor(params.provider ?? '', params.consumer ?? '').at(-1)
      return p ? ok(pactResource(urls, p)) : notFound('Latest pact')
    },
  },
  {
    // pb:publish-verification-results
    method: 'POST',
    path: '/pacts/provider/:provider/consumer/:consumer/pact-version/:sha/verification-results',
    handle: ({ params, body, store, urls }) => {
      const p = store.findPublication(
        params.provider ?? '',
        params.consumer ?? '',
        params.sha ?? '',
      )
      if (!p) return notFound(`Pact ${params.sha}`)
      const parsed = VerificationBodySchema.safeParse(body)
      if (!parsed.success) return { status: 400, body: validationErrors(parsed.error) }
      const verification = store.recordVerification({
        consumer: p.consumer,
        provider: p.provider,
        sha: p.sha,
        providerVersion: parsed.data.providerApplicationVersion,
        success: parsed.data.success,
        buildUrl: parsed.data.buildUrl,
        testResults: parsed.data.testResults,
      })
      return ok(verificationResource(urls, verification), 201)
    },
  },
  {
    method: 'GET',
    path: '/pacts/provider/:provider/consumer/:consumer/pact-version/:sha/verification-results/:number',
    handle: ({ params, store, urls }) => {
      const v = store.verifications.find(
        (x) => x.sha === params.sha && String(x.number) === params.number,
      )
      return v ? ok(verificationResource(urls, v)) : notFound(`Verification ${params.number}`)
    },
  },

  {
    method: 'GET',
    path: '/matrix',
    handle: ({ query, store, urls }) =>
      ok(matrixResource(urls, computeMatrix(store, parseMatrixQuery(query)))),
  },
  {
    // pb:can-i-deploy-pacticipant-version-to-environment
    method: 'GET',
    path: '/can-i-deploy',
    handle: ({ query, store, urls }) => {
      const q = new URLSearchParams()
      q.append('q[][pacticipant]', query.get('pacticipant') ?? '')
      q.append('q[][version]', query.get('version') ?? '')
      q.append('latestby', 'cvp')
      q.append('environment', query.get('environment') ?? '')
      return ok(matrixResource(urls, computeMatrix(store, parseMatrixQuery(q))))
    },
  },

  {
    method: 'GET',
    path: '/environments',
    handle: ({ store, urls }) =>
      ok({
        _embedded: { environments: store.environments.map((e) => environmentResource(urls, e)) },
        _links: { self: { href: `${urls.base}/environments` } },
      }),
  },
  {
    method: 'POST',
    path: '/environments',
    handle: ({ body, store, urls }) => {
      const parsed = EnvironmentBodySchema.safeParse(body)
      if (!parsed.success) return { status: 400, body: validationErrors(parsed.error) }
      const created = store.createEnvironment({
        name: parsed.data.name,
        displayName: parsed.data.displayName,
        production: parsed.data.production ?? false,
      })
      if ('error' in created) return invalid({ name: [created.error] })
      return ok(environmentResource(urls, created), 201)
    },
  },
  {
    method: 'GET',
    path: '/environments/:uuid',
    handle: ({ params, store, urls }) => {
      const e = store.environmentByUuid(params.uuid ?? '')
      return e ? ok(environmentResource(urls, e)) : notFound(`Environment ${params.uuid}`)
    },
  },
  {
    method: 'GET',
    path: '/environments/:uuid/deployed-versions/currently-deployed',
    handle: ({ params, query, store, urls }) => {
      const e = store.environmentByUuid(params.uuid ?? '')
      if (!e) return notFound(`Environment ${params.uuid}`)
      const pacticipant = query.get('pacticipant')
      return ok({
        _embedded: {
          deployedVersions: store.deployments
            .filter(
              (d) =>
                d.currentlyDeployed &&
                d.environmentUuid === e.uuid &&
                (pacticipant === null || d.pacticipant === pacticipant),
            )
            .map((d) => deployedVersionResource(urls, store, d)),
        },
      })
    },
  },
  {
    method: 'GET',
    path: '/deployed-versions/:uuid',
    handle: ({ params, store, urls }) => {
      const d = store.deployments.find((x) => x.uuid === params.uuid)
      return d
        ? ok(deployedVersionResource(urls, store, d))
        : notFound(`Deployed version ${params.uuid}`)
    },
  },
]
