/**
 * How a live run authenticates, as translation does: a step's `token`, else the default
 * token type (`staff`, as vCita's runner), sent as `Bearer <token>`.
 */
import type { Config } from '../config'
import type { RunOptions } from '../runner'

export function liveAuth(_config: Config): Pick<RunOptions, 'defaultToken' | 'authScheme'> {
  return { defaultToken: 'staff' }
}
