/**
 * What the tests ask the real broker to see what a command did: its own API, read as the
 * read/write user, each answer validated by a schema of the fields used.
 */
import { z } from 'zod'
import type { RealBroker } from './server'

const Matrix = z.object({
  matrix: z.array(
    z.object({
      consumer: z.object({ name: z.string(), version: z.object({ number: z.string() }) }),
      provider: z.object({
        name: z.string(),
        version: z.object({ number: z.string() }).nullable(),
      }),
      verificationResult: z.object({ success: z.boolean() }).nullable(),
    }),
  ),
})

export interface Verification {
  consumer: string
  consumerVersion: string
  provider: string
  providerVersion: string
  success: boolean
}

/** Every verification result published for a consumer version, oldest first. */
export async function verificationsOf(
  broker: RealBroker,
  consumer: string,
  consumerVersion: string,
): Promise<Verification[]> {
  const query = new URLSearchParams({
    'q[][pacticipant]': consumer,
    'q[][version]': consumerVersion,
  })
  const { matrix } = Matrix.parse(await broker.get(`/matrix?${query}`))
  return matrix
    .flatMap((row) =>
      row.verificationResult && row.provider.version
        ? [
            {
              consumer: row.consumer.name,
              consumerVersion: row.consumer.version.number,
              provider: row.provider.name,
              providerVersion: row.provider.version.number,
              success: row.verificationResult.success,
            },
          ]
        : [],
    )
    .reverse()
}

const Version = z.object({
  _embedded: z.object({ branchVersions: z.array(z.object({ name: z.string() })) }),
})

/** The branches of a pacticipant version, or null when the broker does not know it. */
export async function branchesOf(
  broker: RealBroker,
  pacticipant: string,
  version: string,
): Promise<string[] | null> {
  const answer = await broker.get(
    `/pacticipants/${encodeURIComponent(pacticipant)}/versions/${encodeURIComponent(version)}`,
  )
  if (answer === null) return null
  return Version.parse(answer)._embedded.branchVersions.map((b) => b.name)
}

const Environments = z.object({
  _embedded: z.object({
    environments: z.array(
      z.object({ uuid: z.string(), name: z.string(), production: z.boolean() }),
    ),
  }),
})

export async function environments(
  broker: RealBroker,
): Promise<{ uuid: string; name: string; production: boolean }[]> {
  return Environments.parse(await broker.get('/environments'))._embedded.environments
}

const Deployed = z.object({
  _embedded: z.object({
    deployedVersions: z.array(
      z.object({
        _embedded: z.object({
          pacticipant: z.object({ name: z.string() }),
          version: z.object({ number: z.string() }),
        }),
      }),
    ),
  }),
})

/** `pacticipant version` of each version currently deployed to the environment named. */
export async function currentlyDeployed(
  broker: RealBroker,
  environment: string,
): Promise<string[]> {
  const env = (await environments(broker)).find((e) => e.name === environment)
  if (!env) throw new Error(`no environment ${environment} on the broker`)
  const answer = Deployed.parse(
    await broker.get(`/environments/${env.uuid}/deployed-versions/currently-deployed`),
  )
  return answer._embedded.deployedVersions.map(
    (d) => `${d._embedded.pacticipant.name} ${d._embedded.version.number}`,
  )
}

async function send(broker: RealBroker, method: string, path: string, body?: unknown) {
  const { username, password } = broker.user
  const response = await fetch(new URL(path, broker.url), {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      accept: 'application/hal+json',
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return text
}

interface PactNames {
  consumer: { name: string }
  provider: { name: string }
}

/**
 * Publishes a pact for a consumer version on a branch, as `pact broker publish` does
 * (POST /contracts/publish): the tests' way to set a scenario up quickly.
 */
export async function publishPact(
  broker: RealBroker,
  options: { consumerVersion: string; branch: string; pact: PactNames },
): Promise<void> {
  const { pact } = options
  await send(broker, 'POST', '/contracts/publish', {
    pacticipantName: pact.consumer.name,
    pacticipantVersionNumber: options.consumerVersion,
    branch: options.branch,
    contracts: [
      {
        consumerName: pact.consumer.name,
        providerName: pact.provider.name,
        specification: 'pact',
        contentType: 'application/json',
        content: Buffer.from(JSON.stringify(pact)).toString('base64'),
      },
    ],
  })
}

const Pacticipants = z.object({
  _embedded: z.object({ pacticipants: z.array(z.object({ name: z.string() })) }),
})

/** Deletes every pacticipant (their versions, pacts, results, deployments) and environment. */
export async function resetBroker(broker: RealBroker): Promise<void> {
  const { _embedded } = Pacticipants.parse(await broker.get('/pacticipants'))
  for (const { name } of _embedded.pacticipants) {
    await send(broker, 'DELETE', `/pacticipants/${encodeURIComponent(name)}`)
  }
  for (const { uuid } of await environments(broker)) {
    await send(broker, 'DELETE', `/environments/${uuid}`)
  }
}

const Pact = z.object({ _links: z.object({ 'pb:pact-version': z.object({ href: z.string() }) }) })

/** The URL of the pact content a consumer version published (`…/pact-version/{sha}`). */
export async function pactVersionUrl(
  broker: RealBroker,
  pact: PactNames,
  consumerVersion: string,
): Promise<string> {
  const path = `/pacts/provider/${encodeURIComponent(pact.provider.name)}/consumer/${encodeURIComponent(pact.consumer.name)}/version/${encodeURIComponent(consumerVersion)}`
  return Pact.parse(await broker.get(path))._links['pb:pact-version'].href
}

const VersionDetails = z.object({
  buildUrl: z.string().optional(),
  _embedded: z.object({
    branchVersions: z.array(z.object({ name: z.string() })),
    tags: z.array(z.object({ name: z.string() })),
  }),
})

/** A pacticipant version's branches, tags and build URL, or null when the broker lacks it. */
export async function versionOf(
  broker: RealBroker,
  pacticipant: string,
  version: string,
): Promise<{ branches: string[]; tags: string[]; buildUrl: string | undefined } | null> {
  const answer = await broker.get(
    `/pacticipants/${encodeURIComponent(pacticipant)}/versions/${encodeURIComponent(version)}`,
  )
  if (answer === null) return null
  const { buildUrl, _embedded } = VersionDetails.parse(answer)
  return {
    branches: _embedded.branchVersions.map((b) => b.name),
    tags: _embedded.tags.map((t) => t.name),
    buildUrl,
  }
}
