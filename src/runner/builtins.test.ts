import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BUILTIN_VARIABLES } from '../spec'
import { BUILTINS, createBuiltinValues } from './builtins'

const fullMatch = (pattern: string) => new RegExp(`^(?:${pattern})$`)
const names = Object.keys(BUILTINS)

// Clocks in the range where Unix milliseconds have 13 digits (2001-09-09 to 2286).
const clocks = fc.date({
  min: new Date('2001-09-10T00:00:00.000Z'),
  max: new Date('2200-12-31T23:59:59.999Z'),
  noInvalidDate: true,
})

describe('BUILTINS', () => {
  it('can generate every built-in that lint and translation know', () => {
    expect(names.sort()).toEqual(Object.keys(BUILTIN_VARIABLES).sort())
  })

  it.each(names)('%s: the example fully matches the pattern', (name) => {
    const { example, pattern } = BUILTINS[name]!
    expect(example).toMatch(fullMatch(pattern))
  })

  it.each(names)('%s: 1,000 generated values fully match the pattern', (name) => {
    const { generate, pattern } = BUILTINS[name]!
    const regex = fullMatch(pattern)
    fc.assert(
      fc.property(clocks, (now) => regex.test(generate(now))),
      { numRuns: 1000 },
    )
  })

  const at = new Date('2026-01-01T09:00:00.000Z')
  const lateEvening = new Date('2026-12-31T23:30:00.000Z')
  it.each([
    { name: 'now_timestamp', now: at, expected: '1767258000000' },
    { name: 'timestamp', now: at, expected: '1767258000000' },
    { name: 'future_datetime', now: at, expected: '2026-01-02T09:00:00.000Z' },
    { name: 'tomorrow_date', now: at, expected: '2026-01-02' },
    { name: 'tomorrow_datetime', now: at, expected: '2026-01-02T10:00:00.000Z' },
    { name: 'next_week_date', now: at, expected: '2026-01-08' },
    { name: 'tomorrow_date', now: lateEvening, expected: '2027-01-01' },
    { name: 'next_week_date', now: lateEvening, expected: '2027-01-07' },
  ])('$name at $now is $expected (UTC)', ({ name, now, expected }) => {
    expect(BUILTINS[name]!.generate(now)).toBe(expected)
  })

  it.each(['unique_id', 'random_string', 'random_email'])('%s differs between calls', (name) => {
    const values = new Set(Array.from({ length: 100 }, () => BUILTINS[name]!.generate(at)))
    expect(values.size).toBe(100)
  })
})

describe('createBuiltinValues', () => {
  const now = new Date('2026-01-01T09:00:00.000Z')

  it('gives one value per name for the whole run', () => {
    const run = createBuiltinValues(now)
    const first = run.get('unique_id')
    expect(run.get('unique_id')).toBe(first)
    expect(run.get('random_email')).toBe(run.get('random_email'))
  })

  it('gives each run its own random values', () => {
    expect(createBuiltinValues(now).get('unique_id')).not.toBe(
      createBuiltinValues(now).get('unique_id'),
    )
  })

  it('makes timestamp the same value as now_timestamp', () => {
    const run = createBuiltinValues(now)
    expect(run.get('timestamp')).toBe('1767258000000')
    expect(run.get('now_timestamp')).toBe('1767258000000')
  })

  it.each(['business_id', 'constructor', 'toString', ''])('does not know %j', (name) => {
    expect(createBuiltinValues(now).get(name)).toBeUndefined()
  })

  it('reports what it generated', () => {
    const run = createBuiltinValues(now)
    run.get('tomorrow_date')
    run.get('missing')
    expect(run.generated()).toEqual({ tomorrow_date: '2026-01-02' })
  })
})
