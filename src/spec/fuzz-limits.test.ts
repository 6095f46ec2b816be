/**
 * The reader at its limits: values nested at any depth (the Pact core refuses a pact nested
 * past 128 levels, so lint must stop it first), a file with more diagnostics than a spread
 * of arguments can hold, and files that are no regular files (a FIFO, devices), which must
 * be answered at once instead of hanging or filling memory.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_NESTING } from './limits'
import { readSpec } from './read'
import { checkInput } from './test-support/check-input'
import { edit, VALID } from './test-support/specs'

const DEEP_RUNS = 2000 * Number(process.env.SPECPACT_FUZZ_SCALE ?? 1)

/** A JSON (or flow YAML) value nested `depth` levels, arrays and objects mixed by `shape`. */
function nested(depth: number, shape: number): string {
  let open = ''
  let close = ''
  for (let level = 0; level < depth; level++) {
    const object = ((shape >> (level % 31)) & 1) === 1
    open += object ? '{"k": ' : '['
    close = (object ? '}' : ']') + close
  }
  return `${open}1${close}`
}

const PLACES = {
  /** The expected response: 3 levels of envelope around the value. */
  response: (v: string) => edit(['"ai_status": "none" } }', `"ai_status": ${v} } }`]),
  /** A step body value in YAML flow style. */
  step: (v: string) => edit(['      type: "transactional"', `      type: ${v}`]),
} as const

/** Levels the place adds around the value, as the depth a pact would hold counts them. */
const AROUND = { response: 3, step: 1 } as const

describe('nesting at any depth', () => {
  it('is read up to the Pact core limit and refused past it, never throwing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6000 }),
        fc.nat(),
        fc.constantFrom<keyof typeof PLACES>('response', 'step'),
        (depth, shape, place) => {
          const result = checkInput(PLACES[place](nested(depth, shape)))
          const refused = result.diagnostics.some((d) => d.code === 'too-deep')
          // Between the two bounds the exact count depends on the place's own levels.
          if (depth + AROUND[place] + 1 > MAX_NESTING + 2 && !refused) {
            throw new Error(`${place} nested ${depth} deep was not refused`)
          }
          if (depth + AROUND[place] < MAX_NESTING - 2 && refused) {
            throw new Error(`${place} nested ${depth} deep was refused`)
          }
        },
      ),
      { numRuns: DEEP_RUNS },
    )
  }, 180_000)
})

describe('a huge number of diagnostics', () => {
  it('reports 121,000 of them without overflowing the stack', () => {
    const steps = '  - 1\n'.repeat(121_000)
    const result = checkInput(VALID.replace('```yaml\nsteps:\n', `\`\`\`yaml\nsteps:\n${steps}`))
    expect(result.diagnostics.filter((d) => d.code === 'step-not-object')).toHaveLength(121_000)
  }, 180_000)
})

describe('files that are no regular files', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'specpact-special-'))
    expect(spawnSync('mkfifo', [join(dir, 'fifo.md')]).status).toBe(0)
    await symlink('/dev/zero', join(dir, 'zero.md'))
    await symlink('/dev/urandom', join(dir, 'random.md'))
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling.md'))
    await mkdir(join(dir, 'folder.md'))
    await writeFile(join(dir, 'large.md'), `${VALID}${'x'.repeat(2 * 1024 * 1024)}`)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it.each([
    ['fifo.md', 'file-unreadable', 'it is a FIFO, not a regular file'],
    ['zero.md', 'file-unreadable', 'it is a character device, not a regular file'],
    ['random.md', 'file-unreadable', 'it is a character device, not a regular file'],
    ['dangling.md', 'file-unreadable', 'there is no such file or directory'],
    ['folder.md', 'file-unreadable', 'it is a directory'],
    ['large.md', 'file-too-large', 'it has more than 1048576 bytes'],
  ])('%s: %s', async (name, code, reason) => {
    const result = await readSpec(join(dir, name))
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        code,
        `cannot read ${join(dir, name)}: ${reason}${code === 'file-too-large' ? ` (${VALID.length + 2 * 1024 * 1024}), more than any spec` : ''}`,
      ],
    ])
  })
})
