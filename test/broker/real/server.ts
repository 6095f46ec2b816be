/**
 * The real Pact Broker (the `pact_broker` gem, test/broker/server/) as the tests run it: a
 * Puma process on 127.0.0.1 with a port the system picks, SQLite in its own temporary
 * directory, basic auth with a read/write and a read-only user. `scripts/broker.sh` runs the
 * same `config.ru` for developers.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const SERVER_DIR = resolve(__dirname, '..', 'server')
const DATABASE = 'pact_broker.sqlite3'
const LOG = 'broker.log'
const INSTALL_HINT =
  'run `scripts/broker.sh install` (bundles test/broker/server/Gemfile.lock into test/broker/server/vendor/bundle)'

export interface Credentials {
  username: string
  password: string
}

export interface RealBroker {
  url: string
  /** Read and write: what CI's publishing, verifying and recording use. */
  user: Credentials
  /** Read only: can fetch pacts and ask can-i-deploy, cannot publish. */
  readOnly: Credentials
  dataDir: string
  /** GET a broker resource as the read/write user; the parsed JSON (or null for 404). */
  get(path: string): Promise<unknown>
  /** Stops the process and keeps its data directory. */
  stop(): Promise<void>
  /** Stops the process and removes its data directory. */
  close(): Promise<void>
}

/** Environment for `bundle`: the project's Gemfile and its local, frozen install path. */
export function bundleEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    BUNDLE_GEMFILE: join(SERVER_DIR, 'Gemfile'),
    BUNDLE_PATH: join(SERVER_DIR, 'vendor', 'bundle'),
    BUNDLE_FROZEN: 'true',
    BUNDLE_APP_CONFIG: join(SERVER_DIR, '.bundle'),
  }
}

/** Throws, naming the fix, unless every gem of Gemfile.lock is installed. */
export function assertInstalled(): void {
  const check = spawnSync('bundle', ['check'], {
    cwd: SERVER_DIR,
    env: bundleEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (check.error) {
    throw new Error(
      `the real Pact Broker needs Ruby's bundle (${check.error.message}): ${INSTALL_HINT}`,
    )
  }
  if (check.status !== 0) {
    const why = `${check.stdout}${check.stderr}`.trim().split('\n').slice(0, 3).join('; ')
    throw new Error(`the real Pact Broker's gems are not installed (${why}): ${INSTALL_HINT}`)
  }
}

function randomSecret(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`
}

export interface StartOptions {
  /** A migrated database to start from (copied): skips the ≈10 s schema migration. */
  template?: string
  /** How long to wait for the broker to answer, in ms. */
  timeoutMs?: number
}

/** Starts a broker with an empty database and waits until it answers its heartbeat. */
export async function startRealBroker(options: StartOptions = {}): Promise<RealBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'specpact-real-broker-'))
  if (options.template) copyFileSync(options.template, join(dataDir, DATABASE))
  const user = { username: 'ci', password: randomSecret('rw') }
  const readOnly = { username: 'dev', password: randomSecret('ro') }
  const log = openSync(join(dataDir, LOG), 'a')
  const child = spawn(
    'bundle',
    ['exec', 'puma', '--bind', 'tcp://127.0.0.1:0', '--threads', '4:8', 'config.ru'],
    {
      cwd: SERVER_DIR,
      env: {
        ...bundleEnv(),
        SPECPACT_BROKER_DATA_DIR: dataDir,
        SPECPACT_BROKER_USERNAME: user.username,
        SPECPACT_BROKER_PASSWORD: user.password,
        SPECPACT_BROKER_READ_ONLY_USERNAME: readOnly.username,
        SPECPACT_BROKER_READ_ONLY_PASSWORD: readOnly.password,
        RACK_ENV: 'production',
      },
      stdio: ['ignore', log, log],
    },
  )
  const stop = () => stopProcess(child)
  try {
    const url = await waitForBroker(child, join(dataDir, LOG), options.timeoutMs ?? 120_000)
    const authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`
    return {
      url,
      user,
      readOnly,
      dataDir,
      get: async (path) => {
        const response = await fetch(new URL(path, url), {
          headers: { authorization, accept: 'application/hal+json' },
          signal: AbortSignal.timeout(30_000),
        })
        if (response.status === 404) return null
        if (!response.ok)
          throw new Error(`GET ${path}: ${response.status} ${await response.text()}`)
        return response.json()
      },
      stop,
      close: async () => {
        await stop()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await stop()
    const tail = readLog(join(dataDir, LOG)).split('\n').slice(-15).join('\n')
    rmSync(dataDir, { recursive: true, force: true })
    throw new Error(`${(error as Error).message}\n--- broker log (last lines) ---\n${tail}`)
  }
}

function readLog(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : ''
}

async function waitForBroker(child: ChildProcess, log: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let url: string | undefined
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the real Pact Broker exited (${child.exitCode ?? child.signalCode}) while starting`,
      )
    }
    url ??= /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(readLog(log))?.[1]
    if (url && (await heartbeat(url))) return url
    await new Promise((done) => setTimeout(done, 200))
  }
  throw new Error(`the real Pact Broker did not answer within ${timeoutMs} ms`)
}

async function heartbeat(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/diagnostic/status/heartbeat`, {
      signal: AbortSignal.timeout(5_000),
    })
    return response.ok
  } catch {
    return false
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(kill)
      done()
    })
    child.kill('SIGTERM')
  })
}

/** Starts a broker on a fresh database, lets it migrate, stops it, keeps the database. */
export async function migrateTemplate(into: string): Promise<void> {
  const broker = await startRealBroker()
  await broker.stop()
  copyFileSync(join(broker.dataDir, DATABASE), into)
  await broker.close()
}
