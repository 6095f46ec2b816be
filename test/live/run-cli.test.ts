/**
 * `specpact run` as CI runs it: the real CLI in a child process, the seeds and the other
 * communication-gw specs live against the embedded reference, which POSTs its webhooks to
 * the run's listener after a delay. Also what a user sees when the listener is off, the
 * webhook never comes, or the environment is unreachable, hangs or fails.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveReport } from '../../src/runner/live'
import { type Run, specpact } from '../broker/cli'

const TOKEN = 'live-staff-token-5f3a9c1e7b2d'
const ENV = { SPECPACT_TOKEN_STAFF: TOKEN }
const TYPING = 'specs/communication-gw/post_business_communication_sessions_typing.md'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specpact-live-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function expectNoToken(...texts: string[]) {
  for (const text of texts) expect(text).not.toContain(TOKEN)
}

const output = (run: Run) => `${run.stdout}\n${run.stderr}`

/** A child process through ts-node: slow to start on a busy machine, never slow to fail. */
const CLI_TEST = { timeout: 180_000 }

describe('specpact run --against reference', CLI_TEST, () => {
  it('runs every communication-gw spec live, the seeds waiting for the activation webhooks', async () => {
    const junit = join(dir, 'live.xml')
    const reportFile = join(dir, 'live.json')
    const run = await specpact(
      // The seed about a pending channel must finish three requests before its channel
      // activates: 3 s leaves room for a machine under heavy load.
      [
        'run',
        'specs',
        '--against',
        'reference',
        '--activation-delay',
        '3000',
        '--format',
        'json',
        '--junit',
        junit,
        '--report',
        reportFile,
      ],
      ENV,
    )
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as LiveReport
    const outcomes = Object.fromEntries(report.specs.map((s) => [s.spec, s.outcome]))
    expect(outcomes).toEqual({
      delete_business_communication_channels_uid: 'passed',
      delete_business_communication_sessions_uid: 'passed',
      get_business_communication_sessions: 'passed',
      post_business_communication_channels: 'passed',
      post_business_communication_messages: 'passed',
      post_business_communication_sessions: 'passed',
      post_business_communication_sessions_typing: 'passed',
      put_business_communication_channels_uid: 'passed',
      put_business_communication_messages_messageuid: 'passed',
      put_business_communication_sessions_uid: 'passed',
      webhook_channel_activated: 'not-live',
      webhook_channel_activation_failed: 'not-live',
      webhook_message_status_updated: 'not-live',
      webhook_session_status_changed: 'not-live',
    })

    // The typing seed went on only after the gateway's webhook for its own channel arrived.
    const typing = report.specs.find(
      (s) => s.spec === 'post_business_communication_sessions_typing',
    )
    const steps = typing?.result?.steps ?? []
    const activate = steps.find((s) => s.stepId === 'activate_channel')
    const channel = typing?.result?.values.channel_uid
    expect(typeof channel).toBe('string')
    expect(activate).toMatchObject({
      kind: 'passed',
      webhook: {
        event: 'channel.activated',
        body: { data: { channel: { uid: channel, status: 'active' } } },
      },
    })
    expect(steps.find((s) => s.stepId === 'create_session')).toMatchObject({
      webhook: {
        event: 'session.status_changed',
        body: { data: { session: { status: 'active' } } },
      },
    })
    // The webhook specs are not requests, but the run received their events for real.
    const awaited = Object.fromEntries(report.specs.map((s) => [s.spec, s.awaitedIn]))
    expect(awaited.webhook_channel_activated).toContain(
      'post_business_communication_sessions_typing',
    )
    expect(awaited.webhook_session_status_changed).toContain(
      'post_business_communication_sessions_typing',
    )
    expect(awaited.webhook_message_status_updated).toEqual([])
    expect(report.webhookURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks$/)

    const xml = await readFile(junit, 'utf8')
    expect(xml).toContain('tests="14" failures="0" skipped="4"')
    expect(xml.match(/<testcase /g)).toHaveLength(14)
    const written = await readFile(reportFile, 'utf8')
    expect(JSON.parse(written)).toEqual(report)
    // Every request carried the token; no output or report does.
    expect(JSON.stringify(report)).toContain('Bearer ***')
    expectNoToken(run.stdout, run.stderr, xml, written)
  })

  it('without a listener, fails at once naming the awaited event', async () => {
    const run = await specpact(
      ['run', TYPING, '--against', 'reference', '--no-webhook-listen'],
      ENV,
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'step activate_channel (Activate the channel and make it open): the step waits for webhook channel.activated ($.data.channel.uid = "',
    )
    expect(run.stdout).toContain(
      'but no webhook listener runs (start one with --webhook-listen host:port)',
    )
    expect(run.stdout).toMatch(/1 specs against http:\/\/127\.0\.0\.1:\d+: 0 passed, 1 failed/)
    expectNoToken(output(run))
  })

  it('with a listener but no webhook, fails after the wait timeout naming the event', async () => {
    const run = await specpact(
      [
        'run',
        TYPING,
        '--against',
        'reference',
        '--activation-delay',
        '600000',
        '--webhook-timeout',
        '300',
      ],
      ENV,
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /step activate_channel \(Activate the channel and make it open\): webhook channel\.activated \(\$\.data\.channel\.uid = "[^"]+"\) did not arrive within 300 ms; no channel\.activated webhook arrived/,
    )
    expect(run.stdout).toContain(
      'expected: status 200; then webhook channel.activated with $.data.channel.uid = {{channel_uid}} within 300 ms',
    )
  })
})

describe('specpact run --base-url, when the environment misbehaves', CLI_TEST, () => {
  let faulty: Server
  let faultyURL: string
  let closedURL: string
  beforeAll(async () => {
    // Answers 503 with the request's own Authorization echoed back, or never answers.
    faulty = createServer((request, response) => {
      if (request.url?.startsWith('/hang/')) return
      response.writeHead(503, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ success: false, echoed: request.headers.authorization }))
    })
    await new Promise<void>((resolve) => faulty.listen(0, '127.0.0.1', resolve))
    faultyURL = `http://127.0.0.1:${(faulty.address() as AddressInfo).port}`
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    closedURL = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise((resolve) => closed.close(resolve))
  })
  afterAll(() => {
    faulty.closeAllConnections()
    return new Promise((resolve) => faulty.close(resolve))
  })

  it('names the refused connection and the URL', async () => {
    const run = await specpact(['run', TYPING, '--base-url', closedURL, '--timeout', '2000'], ENV)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'step create_channel (Create a communication channel): request failed:',
    )
    expect(run.stdout).toContain('(ECONNREFUSED)')
    expect(run.stdout).toContain(`request:  POST ${closedURL}/business/communication/channels`)
    expect(run.stdout).toContain('response: none')
    expectNoToken(output(run))
  })

  it('shows a 5xx with the request, the response (token redacted) and the expectation', async () => {
    const run = await specpact(['run', TYPING, '--base-url', faultyURL], ENV)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'step create_channel (Create a communication channel): expected status one of 200, 201, got 503',
    )
    expect(run.stdout).toContain('Authorization: Bearer ***')
    expect(run.stdout).toContain('response: 503 application/json')
    expect(run.stdout).toContain('{"success":false,"echoed":"Bearer ***"}')
    expect(run.stdout).toContain(
      'expected: status 200 or 201; $.data.channel.uid present (as channel_uid)',
    )
    expectNoToken(output(run))
  })

  it('gives up on a server that never answers after --timeout', async () => {
    const run = await specpact(
      ['run', TYPING, '--base-url', `${faultyURL}/hang`, '--timeout', '300'],
      ENV,
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'step create_channel (Create a communication channel): no response within 300 ms',
    )
    expectNoToken(output(run))
  })
})
