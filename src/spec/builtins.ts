/**
 * The built-in template variables of vCita's runner, with their exact formats: the
 * generators of its `variables.js` and the date variables its prerequisite executor adds
 * (`getDynamicDateVariables`). Data for lint (is the name defined?), translation (which
 * regex matches every value?) and the runner (how to make one).
 *
 * Deliberate differences, documented in the README: dates are computed in UTC (the runner
 * mixes local and UTC time, so its `start_of_month_date` depends on the machine's zone), and
 * random parts come from `node:crypto`.
 */
import { randomInt } from 'node:crypto'

/** Where the runner defines a built-in. */
export type BuiltinScope =
  /** A generator of `variables.js`: defined in every step. */
  | 'generator'
  /**
   * A date variable of the prerequisite executor: the runner puts these in the context only
   * when the spec has prerequisites, so a test request without any sends `{{name}}` as is.
   */
  | 'date'

export interface RunnerBuiltin {
  description: string
  /** Regex source; every generated value fully matches it (Pact regexes are full matches). */
  pattern: string
  /** A deterministic example that fully matches `pattern`. */
  example: string
  scope: BuiltinScope
  /** A regex class of every character a value can hold, and the shortest value's length. */
  chars: string
  minLength: number
  /** A fresh value at `now`, in the runner's format. */
  generate(now: Date): string
}

const DAY_MS = 24 * 60 * 60 * 1000
const ISO_MS = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z'
const DATE = '\\d{4}-\\d{2}-\\d{2}'
const AT_17 = '\\d{4}-\\d{2}-\\d{2}T17:00:00\\.000Z'
const ISO_CHARS = '[0-9TZ:.-]'
const DATE_CHARS = '[0-9-]'

const isoDate = (date: Date) => date.toISOString().slice(0, 10)
const days = (now: Date, n: number) => new Date(now.getTime() + n * DAY_MS)
/** `n` days from now at 17:00 UTC: the runner's "a time likely to be available". */
function at17(now: Date, n: number): Date {
  const date = days(now, n)
  date.setUTCHours(17, 0, 0, 0)
  return date
}
const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000))
const BASE36 = 'abcdefghijklmnopqrstuvwxyz0123456789'
const base36 = (n: number) => Array.from({ length: n }, () => BASE36[randomInt(36)]).join('')

function addMonth(now: Date): Date {
  const date = new Date(now.getTime())
  date.setUTCMonth(date.getUTCMonth() + 1)
  return date
}

type Entry = Omit<RunnerBuiltin, 'scope'>

const GENERATORS: Record<string, Entry> = {
  random_firstname: {
    description: 'The fixed first name "APITest"',
    pattern: 'APITest',
    example: 'APITest',
    chars: '[A-Za-z]',
    minLength: 7,
    generate: () => 'APITest',
  },
  random_lastname: {
    description: 'The fixed last name "User"',
    pattern: 'User',
    example: 'User',
    chars: '[A-Za-z]',
    minLength: 4,
    generate: () => 'User',
  },
  random_email: {
    description: 'apitest_<Unix milliseconds>@example.com',
    pattern: 'apitest_\\d{13}@example\\.com',
    example: 'apitest_1767258000000@example.com',
    chars: '[a-z0-9_@.]',
    minLength: 33,
    generate: (now) => `apitest_${now.getTime()}@example.com`,
  },
  future_datetime: {
    description: '24 hours from now, ISO 8601 with milliseconds, UTC',
    pattern: ISO_MS,
    example: '2026-01-02T09:00:00.000Z',
    chars: ISO_CHARS,
    minLength: 24,
    generate: (now) => days(now, 1).toISOString(),
  },
  future_datetime_48h: {
    description: '48 hours from now, ISO 8601 with milliseconds, UTC',
    pattern: ISO_MS,
    example: '2026-01-03T09:00:00.000Z',
    chars: ISO_CHARS,
    minLength: 24,
    generate: (now) => days(now, 2).toISOString(),
  },
  unique_id: {
    description: 'Unix time in milliseconds, as the runner makes its unique ids',
    pattern: '\\d{13}',
    example: '1767258000000',
    chars: '\\d',
    minLength: 13,
    generate: (now) => String(now.getTime()),
  },
  random_phone: {
    description: '+1555 and seven random digits',
    pattern: '\\+1555\\d{7}',
    example: '+15550123456',
    chars: '[0-9+]',
    minLength: 12,
    generate: () => `+1555${String(randomInt(10_000_000)).padStart(7, '0')}`,
  },
  timestamp: {
    description: 'Unix time in milliseconds',
    pattern: '\\d{13}',
    example: '1767258000000',
    chars: '\\d',
    minLength: 13,
    generate: (now) => String(now.getTime()),
  },
  current_date: {
    description: "Today's date, YYYY-MM-DD",
    pattern: DATE,
    example: '2026-01-01',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(now),
  },
  random_string: {
    description: 'test_ and up to eight random base-36 characters',
    pattern: 'test_[a-z0-9]{0,8}',
    example: 'test_k3j5h7g9',
    chars: '[a-z0-9_]',
    minLength: 5,
    generate: () => `test_${base36(8)}`,
  },
  random_number: {
    description: 'A random whole number from 0 to 9999',
    pattern: '\\d{1,4}',
    example: '4821',
    chars: '\\d',
    minLength: 1,
    generate: () => String(randomInt(10_000)),
  },
  random_address: {
    description: 'A random house number (0 to 9998) and "Test Street"',
    pattern: '\\d{1,4} Test Street',
    example: '1234 Test Street',
    chars: '[0-9A-Za-z ]',
    minLength: 13,
    generate: () => `${randomInt(9999)} Test Street`,
  },
  random_url: {
    description: 'https://test-<Unix milliseconds>.example.com',
    pattern: 'https://test-\\d{13}\\.example\\.com',
    example: 'https://test-1767258000000.example.com',
    chars: '[a-z0-9:/.-]',
    minLength: 38,
    generate: (now) => `https://test-${now.getTime()}.example.com`,
  },
}

const DATES: Record<string, Entry> = {
  today_date: {
    description: "Today's date, YYYY-MM-DD (UTC)",
    pattern: DATE,
    example: '2026-01-01',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(now),
  },
  tomorrow_date: {
    description: "Tomorrow's date, YYYY-MM-DD (UTC)",
    pattern: DATE,
    example: '2026-01-02',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(at17(now, 1)),
  },
  next_week_date: {
    description: 'The date 7 days from now, YYYY-MM-DD (UTC)',
    pattern: DATE,
    example: '2026-01-08',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(at17(now, 7)),
  },
  next_month_date: {
    description: 'The date one month from now, YYYY-MM-DD (UTC)',
    pattern: DATE,
    example: '2026-02-01',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(addMonth(now)),
  },
  yesterday_date: {
    description: "Yesterday's date, YYYY-MM-DD (UTC)",
    pattern: DATE,
    example: '2025-12-31',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(days(now, -1)),
  },
  start_of_month_date: {
    description: 'The first day of the current month, YYYY-MM-DD (UTC)',
    pattern: DATE,
    example: '2026-01-01',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))),
  },
  end_of_month_date: {
    description: 'The last day of the current month, YYYY-MM-DD (UTC)',
    pattern: DATE,
    example: '2026-01-31',
    chars: DATE_CHARS,
    minLength: 10,
    generate: (now) => isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0))),
  },
  now_datetime: {
    description: 'Now, ISO 8601 with milliseconds, UTC',
    pattern: ISO_MS,
    example: '2026-01-01T09:00:00.000Z',
    chars: ISO_CHARS,
    minLength: 24,
    generate: (now) => now.toISOString(),
  },
  tomorrow_datetime: {
    description: 'Tomorrow at 17:00:00.000 UTC',
    pattern: AT_17,
    example: '2026-01-02T17:00:00.000Z',
    chars: ISO_CHARS,
    minLength: 24,
    generate: (now) => at17(now, 1).toISOString(),
  },
  next_week_datetime: {
    description: '7 days from now at 17:00:00.000 UTC',
    pattern: AT_17,
    example: '2026-01-08T17:00:00.000Z',
    chars: ISO_CHARS,
    minLength: 24,
    generate: (now) => at17(now, 7).toISOString(),
  },
  now_timestamp: {
    description: 'Unix time in seconds',
    pattern: '\\d{10}',
    example: '1767258000',
    chars: '\\d',
    minLength: 10,
    generate: (now) => seconds(now),
  },
  tomorrow_timestamp: {
    description: 'Tomorrow at 17:00 UTC, Unix time in seconds',
    pattern: '\\d{10}',
    example: '1767373200',
    chars: '\\d',
    minLength: 10,
    generate: (now) => seconds(at17(now, 1)),
  },
  current_year: {
    description: 'The current year, four digits (UTC)',
    pattern: '\\d{4}',
    example: '2026',
    chars: '\\d',
    minLength: 4,
    generate: (now) => String(now.getUTCFullYear()),
  },
  current_month: {
    description: 'The current month, 01 to 12 (UTC)',
    pattern: '0[1-9]|1[0-2]',
    example: '01',
    chars: '\\d',
    minLength: 2,
    generate: (now) => String(now.getUTCMonth() + 1).padStart(2, '0'),
  },
}

/** Every built-in the runner knows, by name. */
export const RUNNER_BUILTINS: Readonly<Record<string, RunnerBuiltin>> = Object.freeze({
  ...Object.fromEntries(
    Object.entries(GENERATORS).map(([name, e]) => [name, { ...e, scope: 'generator' as const }]),
  ),
  ...Object.fromEntries(
    Object.entries(DATES).map(([name, e]) => [name, { ...e, scope: 'date' as const }]),
  ),
})

/**
 * The configured parameters the runner knows (its `tokens.json` `params`, which
 * `setup-business` writes): specs use them as `{{business_uid}}` or `{{config.params.x}}`.
 */
export const RUNNER_PARAMS = [
  'business_uid',
  'business_id',
  'staff_uid',
  'staff_id',
  'client_uid',
  'client_id',
  'matter_uid',
  'directory_id',
  'directory_uid',
] as const
