/**
 * Where each value of a spec was written. A spec's locations are worked out when something
 * asks for one (a diagnostic, a report naming a step's line), not for every value of every
 * spec read: the walk over all values cost more than the rest of reading a clean spec.
 */
import type { RawStep } from './checks'
import { dotPath, dotPathChild, type LineIndex } from './source'
import type { SourcePos, SpecLocations } from './types'
import type { YamlBlock, YamlCursor } from './yaml'

type Locations = Record<string, SourcePos>

/**
 * Records the position of a YAML value and of everything in it, depth first, under its dot
 * path. The cursor follows the walk, so each value is found from its parent, not the root.
 */
export function locate(
  value: unknown,
  path: string,
  cursor: YamlCursor,
  lines: LineIndex,
  locations: Locations,
) {
  locations[path] = lines.at(cursor.offset)
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries())
      locate(item, dotPathChild(path, i), cursor.child(i), lines, locations)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      locate(item, dotPathChild(path, key), cursor.child(key), lines, locations)
  }
}

// `prerequisites[0]`, `request[1]`: a step as a whole, what reports ask for most.
const STEP_ROOT = /^(prerequisites|request)\[(\d+)\]$/

/**
 * The locations of a spec's steps and front matter, and of anything `more` adds. A step's
 * own line is found directly; any other path has every location worked out once.
 */
export function locationsOf(
  raw: RawStep[],
  fm: YamlBlock | undefined,
  lines: LineIndex,
  more: (locations: Locations) => void = () => {},
): SpecLocations {
  let all: Locations | undefined
  const everything = (): Locations => {
    if (all) return all
    all = walk(raw, fm, lines)
    more(all)
    return all
  }
  return {
    at(path) {
      if (all) return all[path]
      const root = STEP_ROOT.exec(path)
      if (root) {
        const step = raw.find((s) => s.group === root[1] && s.index === Number(root[2]))
        return step && lines.at(step.block.cursor(['steps', step.index]).offset)
      }
      return everything()[path]
    },
  }
}

function walk(raw: RawStep[], fm: YamlBlock | undefined, lines: LineIndex): Locations {
  const locations: Locations = {}
  for (const step of raw) {
    const path = dotPath([step.group, step.index])
    locate(step.value, path, step.block.cursor(['steps', step.index]), lines, locations)
  }
  const fmValue = fm?.value
  if (fm && fmValue && typeof fmValue === 'object') {
    // The front matter as a whole has no location of its own: its fields do.
    const root = fm.cursor([])
    const children = Array.isArray(fmValue) ? [...fmValue.entries()] : Object.entries(fmValue)
    for (const [key, item] of children)
      locate(item, dotPathChild('frontMatter', key), root.child(key), lines, locations)
  }
  return locations
}
