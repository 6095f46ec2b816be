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
  // What vCita's runner (variables.js, getDynamicDateVariables) makes at 2026-01-01 09:00 UTC.
  it.each([
    { name: 'now_timestamp', now: at, expected: '1767258000' },
    { name: 'timestamp', now: at, expected: '1767258000000' },
    { name: 'unique_id', now: at, expected: '1767258000000' },
    { name: 'tomorrow_timestamp', now: at, expected: '1767373200' },
    { name: 'future_datetime', now: at, expected: '2026-01-02T09:00:00.000Z' },
    { name: 'future_datetime_48h', now: at, expected: '2026-01-03T09:00:00.000Z' },
    { name: 'now_datetime', now: at, expected: '2026-01-01T09:00:00.000Z' },
    { name: 'today_date', now: at, expected: '2026-01-01' },
    { name: 'current_date', now: at, expected: '2026-01-01' },
    { name: 'tomorrow_date', now: at, expected: '2026-01-02' },
    { name: 'tomorrow_datetime', now: at, expected: '2026-01-02T17:00:00.000Z' },
    { name: 'next_week_date', now: at, expected: '2026-01-08' },
    { name: 'next_week_datetime', now: at, expected: '2026-01-08T17:00:00.000Z' },
    { name: 'next_month_date', now: at, expected: '2026-02-01' },
    { name: 'yesterday_date', now: at, expected: '2025-12-31' },
    { name: 'start_of_month_date', now: at, expected: '2026-01-01' },
    { name: 'end_of_month_date', now: at, expected: '2026-01-31' },
    { name: 'current_year', now: at, expected: '2026' },
    { name: 'current_month', now: at, expected: '01' },
    { name: 'random_email', now: at, expected: 'apitest_1767258000000@example.com' },
    { name: 'random_url', now: at, expected: 'https://test-1767258000000.example.com' },
    { name: 'random_firstname', now: at, expected: 'APITest' },
    { name: 'random_lastname', now: at, expected: 'User' },
    { name: 'tomorrow_date', now: lateEvening, expected: '2027-01-01' },
    { name: 'next_week_date', now: lateEvening, expected: '2027-01-07' },
    { name: 'end_of_month_date', now: lateEvening, expected: '2026-12-31' },
  ])('$name at $now is $expected (UTC)', ({ name, now, expected }) => {
    expect(BUILTINS[name]!.generate(now)).toBe(expected)
  })

  it.each(['random_string', 'random_phone'])('%s differs between calls', (name) => {
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
    expect(createBuiltinValues(now).get('random_string')).not.toBe(
      createBuiltinValues(now).get('random_string'),
    )
  })

  it('makes timestamp milliseconds and now_timestamp seconds of the same instant', () => {
    const run = createBuiltinValues(now)
    expect(run.get('timestamp')).toBe('1767258000000')
    expect(run.get('now_timestamp')).toBe('1767258000')
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
