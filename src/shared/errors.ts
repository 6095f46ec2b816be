/**
 * The one error model of specpact. A `UserError` (exit 1) or `UsageError` (exit 2) is a
 * problem the user can fix: it carries a stable code, the file or URL it concerns and its
 * exit status as its type, and is printed without a stack. Anything else that reaches the
 * CLI's edge is a bug (exit 3), the only case shown with a stack.
 */

/** Exit statuses of the `specpact` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT]

/** Stable codes of user and usage errors, and what each means: data, never renamed. */
export const ERROR_CODES = {
  'config-not-found': 'the configuration file named by --config does not exist',
  'config-unreadable': 'the configuration file cannot be read or is not YAML',
  'config-invalid': 'the configuration does not match its schema',
  'path-not-found': 'a spec or pact path given does not exist',
  'path-unreadable': 'a file or directory cannot be read',
  'option-invalid': 'an option has a value it cannot have',
  'pact-invalid': 'a pact file is not a pact (truncated, binary or not a V4 pact)',
  'output-unwritable': 'an output file or directory cannot be written',
  'module-not-found': 'a module named by an option does not exist',
  'module-invalid': 'a module named by an option does not export what it must',
  'verification-failed': 'verification could not run or did not pass',
  'verification-results-invalid':
    'a --verification file is not the output of specpact verify --format json',
  'consumer-setup': 'the consumer tests cannot find or use the project',
  'multipart-consumer-test':
    "a consumer test asks for a multipart interaction, which pact-js's builder cannot express",
  'broker-failed': 'the Pact Broker or the pact CLI answered with a failure',
  'spec-invalid': 'a spec file has errors, so the specs were not run',
  'listen-failed': 'the webhook listener cannot listen at the address given',
  'environment-failed': 'the environment of a live run cannot be reached or refused to set up',
} as const
export type ErrorCode = keyof typeof ERROR_CODES

/** What an error concerns: a file or directory, or a URL. */
export interface ErrorSubject {
  path?: string
  url?: string
}

export interface SpecpactErrorOptions extends ErrorSubject {
  cause?: unknown
}

/**
 * A problem the user can fix. Subclasses fix the exit status; the CLI switches on them. A
 * folder with codes of its own (the broker's) extends it with its own code table.
 */
export abstract class SpecpactError extends Error {
  abstract readonly exitStatus: typeof EXIT.failed | typeof EXIT.usage
  readonly code: string
  readonly subject: ErrorSubject

  constructor(code: string, message: string, options: SpecpactErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    const { cause: _cause, ...subject } = options
    this.subject = subject
  }
}

/** Bad input or a failed check: exit 1. */
export class UserError extends SpecpactError {
  override name = 'UserError'
  readonly exitStatus = EXIT.failed
  declare readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: SpecpactErrorOptions) {
    super(code, message, options)
  }
}

/** A command used wrongly (a missing file named on the command line, a bad option): exit 2. */
export class UsageError extends SpecpactError {
  override name = 'UsageError'
  readonly exitStatus = EXIT.usage
  declare readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: SpecpactErrorOptions) {
    super(code, message, options)
  }
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'there is no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EEXIST: 'it already exists',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
}

/** The `code` of a Node.js system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

/** Whether `error` is an error of the file system or the OS (it has an E… code). */
export const isSystemError = (error: unknown): boolean => /^E[A-Z]+$/.test(errnoCode(error) ?? '')

/** A user's words for a file-system error: "permission denied", never an errno alone. */
export function fsReason(error: unknown): string {
  const code = errnoCode(error)
  const known = code === undefined ? undefined : FS_REASONS[code]
  if (known) return known
  return error instanceof Error ? error.message : String(error)
}

/** The message of anything thrown. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)
