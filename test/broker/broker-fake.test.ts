/**
 * The broker fake's own rules, over HTTP: what the CLI and the verifier rely on must behave
 * like the real broker, or the end-to-end tests would prove nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type BrokerFake, startBrokerFake } from '../broker-fake'
import { CONSUMER, PROVIDER, v4Pact } from './fixtures'

const TOKEN = 'tok-FAKE-1111'
let broker: BrokerFake

beforeEach(async () => {
  broker = await startBrokerFake({ auth: { kind: 'token', token: TOKEN } })
})
afterEach(async () => {
  await broker.close()
})

async function call(
  method: string,
  path: string,
  body?: unknown,
  /** null: send no credentials. */
  token: string | null = TOKEN,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { Accept: 'application/hal+json' }
  if (token !== null) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${broker.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

async function publishVersion(version: string, branch: string, description?: string) {
  const content = Buffer.from(JSON.stringify(v4Pact(description))).toString('base64')
  const res = await call('POST', '/contracts/publish', {
    pacticipantName: CONSUMER,
    pacticipantVersionNumber: version,
    branch,
    contracts: [
      {
        consumerName: CONSUMER,
        providerName: PROVIDER,
        specification: 'pact',
        contentType: 'application/json',
        content,
      },
    ],
  })
  expect(res.status).toBe(200)
  return res.json
}

async function forVerification(body: Record<string, unknown>) {
  const res = await call('POST', `/pacts/provider/${PROVIDER}/for-verification`, body)
  const pacts =
    (res.json._embedded as { pacts: Record<string, unknown>[] } | undefined)?.pacts ?? []
  return {
    status: res.status,
    json: res.json,
    pacts: pacts.map((p) => ({
      href: String((p._links as { self: { href: string } }).self.href),
      description: String(p.shortDescription),
      properties: p.verificationProperties as { pending?: boolean; wip?: boolean },
    })),
  }
}

async function verify(pactHref: string, providerVersion: string, success: boolean) {
  const res = await call('POST', `${new URL(pactHref).pathname}/verification-results`, {
    success,
    providerApplicationVersion: providerVersion,
  })
  expect(res.status).toBe(201)
}

async function environment(name: string): Promise<string> {
  const res = await call('POST', '/environments', { name, production: name === 'production' })
  expect(res.status).toBe(201)
  return String(res.json.uuid)
}

async function deploy(pacticipant: string, version: string, envUuid: string) {
  const res = await call(
    'POST',
    `/pacticipants/${pacticipant}/versions/${version}/deployed-versions/environment/${envUuid}`,
    {},
  )
  expect(res.status).toBe(201)
}

async function matrix(pacticipant: string, version: string, env: string) {
  const q = new URLSearchParams([
    ['q[][pacticipant]', pacticipant],
    ['q[][version]', version],
    ['latestby', 'cvpv'],
    ['environment', env],
  ])
  const res = await call('GET', `/matrix?${q}`)
  return res.json.summary as { deployable: boolean | null; reason: string }
}

describe('authentication and the request log', () => {
  it.each([
    { name: 'no credentials', token: null, status: 401 },
    { name: 'a wrong token', token: 'nope', status: 401 },
    { name: 'the right token', token: TOKEN, status: 200 },
  ])('$name → $status', async ({ token, status }) => {
    expect((await call('GET', '/', undefined, token)).status).toBe(status)
  })

  it('basic auth checks user and password', async () => {
    const basic = await startBrokerFake({ auth: { kind: 'basic', username: 'u', password: 'p' } })
    try {
      const get = (user: string, pass: string) =>
        fetch(basic.url, {
          headers: { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` },
        }).then((r) => r.status)
      expect([await get('u', 'p'), await get('u', 'x'), await get('x', 'p')]).toEqual([
        200, 401, 401,
      ])
    } finally {
      await basic.close()
    }
  })

  it('records every request without the credential value', async () => {
    await call('GET', '/', undefined, 'wrong-one')
    await call('GET', '/environments')
    expect(broker.requests).toMatchObject([
      {
        method: 'GET',
        path: '/',
        route: 'unmatched',
        auth: 'bearer',
        authorized: false,
        status: 401,
      },
      {
        method: 'GET',
        path: '/environments',
        route: 'GET /environments',
        authorized: true,
        status: 200,
      },
    ])
    expect(JSON.stringify(broker.requests)).not.toContain(TOKEN)
    expect(JSON.stringify(broker.requests)).not.toContain('wrong-one')
  })

  it('the index links every relation the CLI and the verifier follow', async () => {
    const links = (await call('GET', '/')).json._links as Record<string, { href: string }>
    for (const rel of [
      'pb:publish-contracts',
      'pb:provider-pacts-for-verification',
      'pb:latest-provider-pacts',
      'pb:environments',
      'pb:pacticipant-version',
      'pb:can-i-deploy-pacticipant-version-to-environment',
    ]) {
      expect(links[rel]?.href).toMatch(new RegExp(`^${broker.url}/`))
    }
  })
})

describe('publishing', () => {
  it('answers like the real broker: notices, embedded version, contract links', async () => {
    const json = await publishVersion('v1', 'main')
    expect(json).toMatchObject({
      notices: expect.arrayContaining([
        { type: 'success', text: `Created ${CONSUMER} version v1 with branch main` },
      ]),
      _embedded: { version: { number: 'v1' }, pacticipant: { name: CONSUMER } },
      _links: {
        'pb:pacticipant-version': { name: 'v1' },
        'pb:contracts': [
          { href: `${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/version/v1` },
        ],
      },
    })
    expect(broker.store.pacticipant(CONSUMER).mainBranch).toBe('main')
  })

  it.each([
    { name: 'missing version number', patch: { pacticipantVersionNumber: undefined } },
    {
      name: 'content that is not a pact',
      patch: {
        contracts: [
          {
            consumerName: CONSUMER,
            providerName: PROVIDER,
            specification: 'pact',
            contentType: 'application/json',
            content: Buffer.from('[]').toString('base64'),
          },
        ],
      },
    },
  ])('rejects $name with 400 and field errors', async ({ patch }) => {
    const body = {
      pacticipantName: CONSUMER,
      pacticipantVersionNumber: 'v1',
      contracts: [],
      ...patch,
    }
    const res = await call('POST', '/contracts/publish', body)
    expect(res.status).toBe(400)
    expect(res.json).toHaveProperty('errors')
  })
})

describe('pacts for verification', () => {
  it('selects by main branch, branch, deployment and latest, deduplicated by content', async () => {
    await publishVersion('v1', 'main') // same content as v3
    await publishVersion('v2', 'feat/x', 'a changed request')
    await publishVersion('v3', 'main')
    await deploy(CONSUMER, 'v1', await environment('production'))

    const byMain = await forVerification({ consumerVersionSelectors: [{ mainBranch: true }] })
    expect(byMain.pacts).toHaveLength(1)
    const byDeployed = await forVerification({
      consumerVersionSelectors: [{ deployedOrReleased: true }],
    })
    // v1 is deployed, and its content is the same pact version as v3's.
    expect(byDeployed.pacts.map((p) => p.href)).toEqual(byMain.pacts.map((p) => p.href))
    const all = await forVerification({
      consumerVersionSelectors: [
        { mainBranch: true },
        { deployedOrReleased: true },
        { branch: 'feat/x' },
      ],
    })
    expect(all.pacts).toHaveLength(2)
    expect(all.pacts[0]?.description).toMatch(/main branch.*currently deployed/)
    const matching = await forVerification({
      consumerVersionSelectors: [{ matchingBranch: true }],
      providerVersionBranch: 'feat/x',
    })
    expect(matching.pacts).toHaveLength(1)
    expect(matching.pacts[0]?.href).not.toBe(byMain.pacts[0]?.href)
    const inEnvironment = await forVerification({
      consumerVersionSelectors: [{ deployed: true, environment: 'staging' }],
    })
    expect(inEnvironment.pacts).toEqual([])
  })

  it('rejects matchingBranch without providerVersionBranch, and selectors that select nothing', async () => {
    expect(
      (await forVerification({ consumerVersionSelectors: [{ matchingBranch: true }] })).status,
    ).toBe(400)
    expect(
      (await forVerification({ consumerVersionSelectors: [{ consumer: CONSUMER }] })).status,
    ).toBe(400)
  })

  it('pending until the provider branch verifies successfully; WIP pacts from other branches', async () => {
    await publishVersion('v1', 'main')
    await publishVersion('v2', 'feat/x', 'a changed request')
    const ask = () =>
      forVerification({
        consumerVersionSelectors: [{ mainBranch: true }],
        includePendingStatus: true,
        includeWipPactsSince: '2020-01-01',
        providerVersionBranch: 'main',
      })
    const before = await ask()
    expect(before.pacts.map((p) => p.properties)).toMatchObject([
      { pending: true },
      { pending: true, wip: true },
    ])
    const mainPact = before.pacts[0]?.href ?? ''
    await verify(mainPact, 'p1', false)
    expect((await ask()).pacts[0]?.properties.pending).toBe(true)
    // A success from a version on another branch does not count for main.
    await call('PUT', `/pacticipants/${PROVIDER}/branches/other/versions/p2`)
    await verify(mainPact, 'p2', true)
    expect((await ask()).pacts[0]?.properties.pending).toBe(true)
    await call('PUT', `/pacticipants/${PROVIDER}/branches/main/versions/p3`)
    await verify(mainPact, 'p3', true)
    expect((await ask()).pacts[0]?.properties.pending).toBe(false)
  })
})

describe('pacts by URL', () => {
  it("serves a webhook's pact URL (pact version + metadata) as the pact, with its result link", async () => {
    await publishVersion('v1', 'main')
    const [selected] = (await forVerification({ consumerVersionSelectors: [{ mainBranch: true }] }))
      .pacts
    const metadata = Buffer.from('cvn=v1').toString('base64url')
    const byWebhookUrl = await call(
      'GET',
      `${new URL(selected?.href ?? '').pathname}/metadata/${metadata}`,
    )
    const byPactVersion = await call('GET', new URL(selected?.href ?? '').pathname)
    expect(byWebhookUrl).toEqual(byPactVersion)
    expect(byWebhookUrl.json).toMatchObject({
      consumer: { name: CONSUMER },
      _links: {
        'pb:publish-verification-results': { href: `${selected?.href}/verification-results` },
      },
    })
    expect(
      (
        await call(
          'GET',
          `/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/pact-version/0000/metadata/${metadata}`,
        )
      ).status,
    ).toBe(404)
  })
})

describe('the matrix behind can-i-deploy', () => {
  it('consumer: needs a successful verification by the provider version in the environment', async () => {
    const prod = await environment('production')
    await publishVersion('v1', 'main')
    const pact =
      (await forVerification({ consumerVersionSelectors: [{ latest: true }] })).pacts[0]?.href ?? ''

    expect((await matrix(CONSUMER, 'v1', 'production')).deployable).toBeNull()
    await verify(pact, 'p1', true)
    expect((await matrix(CONSUMER, 'v1', 'production')).deployable).toBeNull() // p1 not deployed
    await deploy(PROVIDER, 'p1', prod)
    expect(await matrix(CONSUMER, 'v1', 'production')).toMatchObject({
      deployable: true,
      reason: 'All required verification results are published and successful',
    })
    // A newer provider deployment replaces p1; its verification failed.
    await verify(pact, 'p2', false)
    await deploy(PROVIDER, 'p2', prod)
    expect((await matrix(CONSUMER, 'v1', 'production')).deployable).toBe(false)
    expect(broker.store.currentlyDeployed(PROVIDER, prod)).toEqual(['p2'])
  })

  it('provider: must have verified the consumer versions in the environment, if any', async () => {
    const prod = await environment('production')
    await publishVersion('v1', 'main')
    const pact =
      (await forVerification({ consumerVersionSelectors: [{ latest: true }] })).pacts[0]?.href ?? ''
    await verify(pact, 'p1', true)
    await call('PUT', `/pacticipants/${PROVIDER}/versions/p0/tags/dev`)
    // No consumer in production yet: nothing to break.
    expect(await matrix(PROVIDER, 'p0', 'production')).toMatchObject({
      deployable: true,
      reason: 'There are no missing dependencies',
    })
    await deploy(CONSUMER, 'v1', prod)
    expect((await matrix(PROVIDER, 'p0', 'production')).deployable).toBeNull()
    expect((await matrix(PROVIDER, 'p1', 'production')).deployable).toBe(true)
  })

  it('an unknown version or environment is a "no"', async () => {
    await environment('production')
    await publishVersion('v1', 'main')
    expect((await matrix(CONSUMER, 'v9', 'production')).deployable).toBe(false)
    expect((await matrix(CONSUMER, 'v1', 'staging')).deployable).toBe(false)
  })
})
