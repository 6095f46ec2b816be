/** `verify`'s options in words to values: durations, interaction kinds, the selection. */
import type { InteractionKind, Selection } from '../provider'
import { messageOf, UsageError } from '../shared'
import type { VerifyCliOptions } from './verify'

export function millis(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(
      'option-invalid',
      `${flag} takes milliseconds, a whole number above 0; got "${text}"`,
    )
  return value
}

const KINDS: Record<string, InteractionKind> = {
  http: 'http',
  message: 'message',
  messages: 'message',
}

/** `--description <regex>` and `--kind http|message`, as the Pact tools' filters. */
export function selectionOf(options: VerifyCliOptions): Selection | undefined {
  let description: RegExp | undefined
  if (options.description !== undefined) {
    try {
      description = new RegExp(options.description)
    } catch (error) {
      throw new UsageError(
        'option-invalid',
        `--description: not a regular expression: ${messageOf(error)}`,
      )
    }
  }
  const kinds = options.kind
    ?.flatMap((k) => k.split(','))
    .map((k) => {
      const kind = KINDS[k.trim()]
      if (!kind)
        throw new UsageError('option-invalid', `--kind must be http or message, got "${k}"`)
      return kind
    })
  if (!description && !kinds) return undefined
  return { ...(description ? { description } : {}), ...(kinds ? { kinds } : {}) }
}
