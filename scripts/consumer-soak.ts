/**
 * Runs the consumer suite (`vitest run test/consumer/`, 4 workers) again and again and
 * counts failures: the check that the mock-server race (src/pact/mock.ts) and parallel pact
 * writing (src/consumer/record.ts) hold up. Not part of CI: 50 runs take minutes.
 *
 *   npm run soak:consumer            # 50 runs
 *   npm run soak:consumer -- 200     # another count
 *
 * Every run writes its pact into its own temporary directory; a run counts as clean when
 * vitest exits 0 and the pact holds every interaction of the project, byte-identical to the
 * first run's.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..')
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
const PACT = 'communication-ui-communication-gw.json'

const runs = Number(process.argv[2] ?? 50)
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`usage: consumer-soak [runs]; got ${process.argv[2]}\n`)
  process.exit(2)
}

let reference: string | undefined
const failures: Array<{ run: number; why: string }> = []
const durations: number[] = []
for (let run = 1; run <= runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'specpact-soak-'))
  const started = Date.now()
  const child = spawnSync(
    process.execPath,
    [VITEST, 'run', 'test/consumer/', '--maxWorkers', '4'],
    {
      cwd: ROOT,
      env: { ...process.env, SPECPACT_PACT_DIR: dir, NO_COLOR: '1' },
      encoding: 'utf8',
    },
  )
  durations.push(Date.now() - started)
  const output = `${child.stdout}${child.stderr}`
  let why: string | undefined
  if (child.status !== 0) {
    why = output.match(/FAIL .*/g)?.join('; ') ?? `vitest exited ${child.status}`
  } else {
    const pact = (() => {
      try {
        return readFileSync(join(dir, PACT), 'utf8')
      } catch {
        return undefined
      }
    })()
    if (pact === undefined) why = `no pact written: ${output.match(/specpact: .*/g)?.join('; ')}`
    else if (reference !== undefined && pact !== reference) why = 'pact differs from run 1'
    reference ??= pact
  }
  rmSync(dir, { recursive: true, force: true })
  if (why) failures.push({ run, why })
  process.stdout.write(
    `run ${run}/${runs}: ${why ? `FAILED ${why}` : 'ok'} (${durations.at(-1)} ms)\n`,
  )
}

const sorted = [...durations].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)] ?? 0
process.stdout.write(
  `\n${runs - failures.length} of ${runs} runs clean, ${failures.length} failed; median run ${median} ms, max ${sorted.at(-1)} ms\n`,
)
for (const f of failures) process.stdout.write(`  run ${f.run}: ${f.why}\n`)
process.exit(failures.length === 0 ? 0 : 1)
