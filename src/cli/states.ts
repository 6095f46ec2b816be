import { resolve } from 'node:path'
import { configPath, loadConfig } from '../config'
import { writeFileAtomic } from '../pact'
import { readPact } from '../provider'
import { neededStates } from '../provider/needed-states'
import { formatNeededStates, starterHandlers } from '../report/states'
import { UsageError } from '../shared'
import type { GlobalOptions } from './main'
import { pactFilesIn } from './verify'

export interface StatesCliOptions extends GlobalOptions {
  provider?: string
  format?: 'human' | 'json'
  handlers?: string
}

/** `specpact states`: the provider states the pacts need, and a starter handler module. */
export async function runStates(sources: string[], options: StatesCliOptions): Promise<number> {
  const config = loadConfig({ file: options.config })
  const files = await pactFilesIn(sources.length > 0 ? sources : [configPath(config, config.pacts)])
  const pacts = await Promise.all(files.map(readPact))
  const all = neededStates(pacts)
  const needs = options.provider ? all.filter((n) => n.provider === options.provider) : all
  if (needs.length === 0)
    throw new UsageError(
      'option-invalid',
      `no pact for provider "${options.provider}" in ${files.length} pact file(s) (providers: ${all.map((n) => n.provider).join(', ') || 'none'})`,
    )
  if (options.handlers) {
    const [one, ...more] = needs
    if (!one || more.length > 0)
      throw new UsageError(
        'option-invalid',
        `--handlers writes one provider's module: add --provider (one of ${needs.map((n) => n.provider).join(', ')})`,
      )
    await writeFileAtomic(resolve(options.handlers), starterHandlers(one))
    process.stderr.write(`wrote ${options.handlers} (${one.states.length} state handlers)\n`)
  }
  process.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(needs, null, 2)}\n`
      : `${formatNeededStates(needs)}\n`,
  )
  return 0
}
