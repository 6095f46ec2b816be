/**
 * `specpact states` on the project's pact: every state with its params and provided values,
 * and a starter handler module that is a real `--state-handlers` module — verifying with it
 * fails each interaction that needs a state by that state's name, and nothing else.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readPact, type StateHandlers, verifyPacts } from '../src/provider'
import { neededStates } from '../src/provider/needed-states'
import { type ReferenceServer, startReference } from '../src/reference'
import { starterHandlers } from '../src/report/states'

const PACT = resolve(__dirname, '..', 'pacts', 'communication-ui-communication-gw.json')
let dir: string
let reference: ReferenceServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'specpact-states-'))
  reference = await startReference()
})
afterAll(async () => {
  await reference.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('specpact states', () => {
  it('names every state of the pact with its params and what it provides', async () => {
    const [needs] = neededStates([await readPact(PACT)])
    const names = new Set(
      (await readPact(PACT)).interactions.flatMap((i) =>
        (i.providerStates ?? []).map((s) => s.name),
      ),
    )
    expect(needs?.states.map((s) => s.name).sort()).toEqual([...names].sort())
    const session = needs?.states.find((s) => s.name === 'session exists')
    expect(session?.provides).toEqual({ session_uid: 'uid' })
    expect(session?.params.channel_uid).toContain('${channel_uid}')
    expect(session?.after).toContain('client exists')
  })

  it('writes a starter module that verification loads and that fails each state by name', async () => {
    const pact = await readPact(PACT)
    const [needs] = neededStates([pact])
    const file = join(dir, 'states.ts')
    writeFileSync(file, starterHandlers(needs as NonNullable<typeof needs>))
    expect(readFileSync(file, 'utf8')).toContain('export const stateHandlers: StateHandlers = {')
    const module = (await import(file)) as { stateHandlers: StateHandlers }
    const result = await verifyPacts({
      pactFiles: [PACT],
      provider: 'communication-gw',
      providerBaseUrl: reference.url,
      states: { kind: 'handlers', handlers: module.stateHandlers },
      variables: { business_id: 'bz3p8ja7a1b2c3d4' },
      select: { kinds: ['http'] },
    })
    for (const r of result.results) {
      const first = pact.interactions.find((i) => i.description === r.description)
        ?.providerStates?.[0]?.name
      if (!first) expect(r.kind).toBe('passed')
      else
        expect(r).toMatchObject({
          kind: 'failed',
          failures: [
            {
              kind: 'state',
              state: first,
              cause: expect.stringMatching(`^not implemented: ${first}`),
            },
          ],
        })
    }
  }, 60_000)
})
