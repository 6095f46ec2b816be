/**
 * A `--state-handlers` module: found, loaded (TypeScript too) and its exports checked, each
 * problem a user error naming the module.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Entity, ProducedMessage, StateSource } from '../provider'
import { isRecord, type JsonValue, messageOf, UsageError, UserError } from '../shared'
import { prepareTypeScript } from './typescript'

/** The module's functions by name, each called through a wrapper; undefined when one is not a function. */
function functionsOf<R>(value: Record<string, unknown>) {
  const out: Record<string, (params: Record<string, JsonValue>) => Promise<R>> = {}
  for (const [name, fn] of Object.entries(value)) {
    if (typeof fn !== 'function') return { bad: name }
    out[name] = async (params) => fn(params)
  }
  return { functions: out }
}

/** A `--state-handlers` module, relative to the working directory unless absolute. */
export async function loadHandlers(module: string): Promise<StateSource> {
  const file = resolve(module)
  const subject = { path: module }
  const found = ['', '.ts', '.js', '.cjs', '.mjs'].map((ext) => file + ext).find(existsSync)
  if (!found) {
    throw new UsageError('module-not-found', `--state-handlers: no such module: ${module}`, subject)
  }
  prepareTypeScript(found)
  let loaded: unknown
  try {
    loaded = await import(file)
  } catch (error) {
    const reason = messageOf(error).split('\n')[0]
    throw new UserError(
      'module-invalid',
      `--state-handlers ${module} cannot be loaded: ${reason}`,
      {
        ...subject,
        cause: error,
      },
    )
  }
  const exports = isRecord(loaded) ? loaded : {}
  const handlers = exports.stateHandlers ?? exports.default
  const states = isRecord(handlers) ? functionsOf<Entity>(handlers) : undefined
  if (!states?.functions) {
    const which = states?.bad ? `; stateHandlers["${states.bad}"] is not a function` : ''
    throw new UsageError(
      'module-invalid',
      `${module} must export stateHandlers (an object: state name → async (params) => entity)${which}`,
      subject,
    )
  }
  // Optional: without it, the pacts' message interactions fail, each saying so.
  const messages = exports.messageProducers
  const producers = isRecord(messages) ? functionsOf<ProducedMessage>(messages) : undefined
  if (messages !== undefined && !producers?.functions) {
    throw new UsageError(
      'module-invalid',
      `${module} exports messageProducers, which must be an object: event name → async (params) => message`,
      subject,
    )
  }
  // Optional: called after each interaction to remove what its states set up.
  const teardown = exports.teardown
  if (teardown !== undefined && typeof teardown !== 'function') {
    throw new UsageError(
      'module-invalid',
      `${module} exports teardown, which must be a function: async () => void`,
      subject,
    )
  }
  return {
    kind: 'handlers',
    handlers: states.functions,
    ...(producers?.functions ? { messages: producers.functions } : {}),
    ...(typeof teardown === 'function' ? { teardown: async () => void (await teardown()) } : {}),
  }
}
