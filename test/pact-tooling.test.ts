/**
 * The pacts specpact writes are accepted by the real Pact tooling, not only by specpact:
 * 1. pact-js: each interaction, written with pact-js's own DSL from the same contract IR, is
 *    replayed through the pact-js mock server, and the pact pact-js records is compared with
 *    the one specpact rendered.
 * 2. The official `pact verifier` binary verifies the generated pact against the embedded
 *    reference provider, with provider states set up through a state-change URL.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { PactV4 } from '@pact-foundation/pact'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Contract, HttpInteraction } from '../src/contract'
import { addInteraction, executeOnMockServer, pactFileName, writePacts } from '../src/pact'
import { compile, loadProject, type Project } from '../src/project'
import { type ReferenceServer, startReference } from '../src/reference'
import { runPactVerifier } from './support/pact-verifier-cli'
import {
  differences,
  type JsonObject,
  type PactHttp,
  sendExample,
  withoutKeys,
} from './support/replay'
import { type StateChangeServer, startStateChangeServer } from './support/state-change-server'

const ROOT = resolve(__dirname, '..')
const CONFIG = join(ROOT, 'specs', 'specpact.config.yaml')
const GOLDEN = join(__dirname, 'fixtures', 'golden')
const CHECKED_IN = join(ROOT, 'pacts', 'communication-ui-communication-gw.json')

type PactFile = { interactions: Array<PactHttp & JsonObject> }
const readPactSync = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PactFile

/**
 * Replayed here: HTTP interactions. A message interaction (a webhook) has no request for a
 * mock server to answer; test/consumer/webhooks.test.ts records each one with pact-js's
 * asynchronous-message API and compares it with the rendered one instead.
 */
const HTTP = 'Synchronous/HTTP'
const MESSAGE = 'Asynchronous/Messages'
const isHttp = (i: JsonObject) => i.type === HTTP

/**
 * The pacts to replay: the project's own (regenerated from specs/ into a temp dir before the
 * tests run) and every golden case that has one. The table is read synchronously so each
 * interaction is its own test; a guard test checks the regenerated pact has the same ones.
 */
interface Source {
  name: string
  /** Spec folder, relative to the root; undefined for the configured specs. */
  specs: string | undefined
  /** Where the pact to replay is; the project's is set once regenerated. */
  pact: string | undefined
}
const GOLDEN_SOURCES: Source[] = readdirSync(GOLDEN, { withFileTypes: true })
  .filter(
    (e) => e.isDirectory() && readdirSync(join(GOLDEN, e.name)).includes('expected.pact.json'),
  )
  .map((e) => ({
    name: `golden ${e.name}`,
    specs: relative(ROOT, join(GOLDEN, e.name)),
    pact: join(GOLDEN, e.name, 'expected.pact.json'),
  }))
const PROJECT: Source = { name: 'specs/', specs: undefined, pact: undefined }
const ALL = [
  ...readPactSync(CHECKED_IN)
    .interactions.filter(isHttp)
    .map((i) => ({ source: PROJECT, description: i.description })),
  ...GOLDEN_SOURCES.flatMap((source) =>
    readPactSync(source.pact as string)
      .interactions.filter(isHttp)
      .map((i) => ({ source, description: i.description })),
  ),
].map((row) => ({ ...row, name: `${row.source.name}: ${row.description}` }))
/** Multipart interactions: pact-js's builder cannot express their per-part matchers. */
const isMultipart = (source: Source, description: string) =>
  source.pact !== undefined &&
  JSON.stringify(
    readPactSync(source.pact).interactions.find((i) => i.description === description)?.request ??
      {},
  ).includes('multipart/form-data')
const MULTIPART = ALL.filter((r) => isMultipart(r.source, r.description))
const TABLE = ALL.filter((r) => !isMultipart(r.source, r.description))

const dirs: string[] = []
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

/** The contract of a spec folder, translated with the project's configuration. */
async function contractOf(source: Source): Promise<{ contract: Contract; project: Project }> {
  const project = await loadProject(
    source.specs === undefined
      ? { cwd: ROOT }
      : { cwd: ROOT, paths: [source.specs], config: CONFIG },
  )
  const build = compile(project)
  expect(build.failed).toEqual([])
  const contract = build.contracts.find((c) => c.provider === 'communication-gw')
  if (!contract) throw new Error(`${source.name} makes no communication-gw pact`)
  return { contract, project }
}

const contracts = new Map<Source, Contract>()
let projectVariables: Record<string, string> = {}

beforeAll(async () => {
  // As `specpact generate --out <tmp>` would: the replayed file is a freshly written one.
  const { contract, project } = await contractOf(PROJECT)
  const [file] = await writePacts(await tempDir('specpact-tooling-gen-'), [contract])
  PROJECT.pact = file
  contracts.set(PROJECT, contract)
  projectVariables = { ...project.config.variables }
  for (const source of GOLDEN_SOURCES) contracts.set(source, (await contractOf(source)).contract)
})

/**
 * Keys pact-js writes differently for a reason that is not a renderer bug, by interaction
 * shape. pact-js's `jsonBody()` always records a JSON body's contentType as
 * `application/json`; specpact copies the Content-Type header's example, parameters included
 * (`application/json; charset=utf-8`). Both are JSON to the Pact core (the verifier run below
 * passes with it); the rendered one is also what the response header says.
 */
function expectedDifferences(ours: PactHttp) {
  const body = ours.response.body
  return body && body.contentType !== 'application/json'
    ? [
        {
          path: '$.response.body.contentType',
          ours: body.contentType,
          theirs: 'application/json',
        },
      ]
    : []
}

describe('pact-js replays every generated interaction through its mock server', () => {
  it('replays exactly the interactions of the regenerated pact', async () => {
    const regenerated = JSON.parse(await readFile(PROJECT.pact as string, 'utf8')) as PactFile
    const http = regenerated.interactions.filter(isHttp)
    expect(http.map((i) => i.description)).toEqual(
      TABLE.filter((r) => r.source === PROJECT).map((r) => r.description),
    )
    // What is not replayed is the webhooks, each a message, and nothing else.
    const skipped = regenerated.interactions.filter((i) => !isHttp(i))
    expect(skipped.map((i) => i.type)).toEqual(skipped.map(() => MESSAGE))
    expect(skipped.map((i) => i.description)).toEqual([
      'webhook_channel_activated',
      'webhook_channel_activation_failed',
      'webhook_message_status_updated',
      'webhook_session_status_changed',
    ])
    expect(TABLE.length).toBeGreaterThan(http.length)
  })

  it.each(MULTIPART)(
    '$name is refused by the consumer DSL, naming why',
    async ({ source, description }) => {
      const contract = contracts.get(source) as Contract
      const ir = contract.interactions.find((i) => i.description === description) as HttpInteraction
      const mock = new PactV4({
        consumer: 'c',
        provider: 'p',
        dir: await tempDir('specpact-mp-'),
        logLevel: 'error',
      })
      expect(() => addInteraction(mock, ir)).toThrow(
        /multipart body, which pact-js's interaction builder cannot express/,
      )
    },
  )

  it.each(TABLE)('$name', async ({ source, description }) => {
    const contract = contracts.get(source) as Contract
    const ours = readPactSync(source.pact as string).interactions.find(
      (i) => i.description === description,
    ) as PactHttp & JsonObject
    const ir = contract.interactions.find((i) => i.description === description) as HttpInteraction
    expect(ours).toBeDefined()
    expect(ir).toBeDefined()

    // One interaction per mock server and per pact file: nothing is merged or shared.
    const dir = await tempDir('specpact-tooling-mock-')
    const mock = new PactV4({
      consumer: contract.consumer,
      provider: contract.provider,
      dir,
      logLevel: 'error',
    })
    const received = await executeOnMockServer(addInteraction(mock, ir), (server) =>
      sendExample(server.url, ours),
    )
    expect(received?.status).toBe(ours.response.status)
    expect(received?.body).toEqual(ours.response.body?.content)
    expect(received?.contentType).toBe(ours.response.headers?.['Content-Type']?.[0])

    const recorded = JSON.parse(
      await readFile(join(dir, pactFileName(contract)), 'utf8'),
    ) as PactFile
    expect(recorded.interactions).toHaveLength(1)
    const theirs = recorded.interactions[0] as PactHttp & JsonObject
    // What a consumer test pins: states, request and response, rules and generators.
    const view = (i: PactHttp & JsonObject) => ({
      description: i.description,
      providerStates: i.providerStates,
      request: {
        method: i.request.method,
        path: i.request.path,
        query: i.request.query,
        headers: i.request.headers,
        body: i.request.body?.content,
        matchingRules: (i.request as JsonObject).matchingRules,
        generators: (i.request as JsonObject).generators,
      },
      response: {
        status: i.response.status,
        headers: i.response.headers,
        body: i.response.body?.content,
        matchingRules: (i.response as JsonObject).matchingRules,
        generators: (i.response as JsonObject).generators,
      },
    })
    expect(view(theirs)).toEqual(view(ours))
    // And everything else pact-js writes in an interaction, bar specpact's comments.
    expect(differences(withoutKeys(ours, ['comments']), withoutKeys(theirs, ['comments']))).toEqual(
      expectedDifferences(ours),
    )
  })
})

describe('the official pact verifier binary verifies the generated pact', () => {
  let reference: ReferenceServer
  let states: StateChangeServer
  afterEach(async () => {
    await states?.close()
    await reference?.close()
  })

  /** Flags as `pact verifier --help` lists them: this CLI has no --provider-base-url. */
  async function verify(pactFile: string, providerUrl: string) {
    const url = new URL(providerUrl)
    const report = join(await tempDir('specpact-tooling-report-'), 'report.json')
    const run = await runPactVerifier(
      [
        ['--file', pactFile],
        ['--provider-name', 'communication-gw'],
        ['--hostname', url.hostname],
        ['--port', url.port],
        ['--state-change-url', states.url],
        ['--state-change-teardown'],
        ['--json', report],
        ['--no-colour'],
      ].flat(),
    )
    const results = JSON.parse(await readFile(report, 'utf8')) as {
      interactionResults: Array<{ description: string; result: string }>
    }
    return { ...run, results: results.interactionResults }
  }

  async function start() {
    reference = await startReference()
    states = await startStateChangeServer(reference.stateHandlers, projectVariables)
  }

  /**
   * The regenerated pact's HTTP interactions. The binary would ask a message provider for the
   * messages, which the reference has only in process (specpact verify gives them to pact-js's
   * message proxy; test/verify.test.ts).
   */
  async function httpPact(): Promise<PactFile> {
    const pact = JSON.parse(await readFile(PROJECT.pact as string, 'utf8')) as PactFile
    return { ...pact, interactions: pact.interactions.filter(isHttp) }
  }

  async function written(pact: PactFile, name: string): Promise<string> {
    const file = join(await tempDir('specpact-tooling-http-'), name)
    await writeFile(file, JSON.stringify(pact))
    return file
  }

  it('passes every interaction, with every provider state set up through the state-change URL', async () => {
    await start()
    const pact = await httpPact()
    const run = await verify(await written(pact, 'http.json'), reference.url)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    for (const { description } of pact.interactions) expect(run.stdout).toContain(description)
    expect(run.results).toEqual(
      pact.interactions.map((i) => ({
        description: i.description,
        duration: expect.any(String),
        result: 'OK',
      })),
    )
    expect(states.failures).toEqual([])
    const setups = states.calls.filter((c) => c.action === 'setup' && c.state !== '')
    expect(setups.map((c) => c.state)).toEqual(
      pact.interactions.flatMap((i) =>
        ((i.providerStates as Array<{ name: string }> | undefined) ?? []).map((s) => s.name),
      ),
    )
  })

  it('fails, naming the interaction, when the provider does not answer what the pact says', async () => {
    await start()
    const pact = await httpPact()
    const broken = 'post_business_communication_channels'
    const target = pact.interactions.find((i) => i.description === broken)
    const content = target?.response.body?.content as { data: { channel: JsonObject } }
    // A field the reference never returns, with no matcher: it must be there, exactly.
    content.data.channel.color = 'blue'
    const run = await verify(await written(pact, 'broken.json'), reference.url)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/color/)
    expect(run.results.filter((r) => r.result !== 'OK').map((r) => r.description)).toEqual([broken])
    expect(run.results).toHaveLength(pact.interactions.length)
  })
})
