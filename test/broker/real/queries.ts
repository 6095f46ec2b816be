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
