/** Errors the CLI turns into exit codes: usage → 2, user → 1, anything else is internal. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A problem the user can fix (bad input, a failed check); printed without a stack. */
export class UserError extends Error {
  override name = 'UserError'
}

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const
