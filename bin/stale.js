// Whether dist/ is older than the sources it was built from (development checkouts only).
const { readdirSync, statSync } = require('node:fs')
const path = require('node:path')

/** The newest modification time of the non-test TypeScript files under `dir`. */
function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) latest = Math.max(latest, newest(full))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      latest = Math.max(latest, statSync(full).mtimeMs)
  }
  return latest
}

/** True when `compiled` is missing or older than a source under `root`/src. */
function stale(root, compiled) {
  let built
  try {
    built = statSync(compiled).mtimeMs
  } catch {
    return true
  }
  return newest(path.join(root, 'src')) > built
}

module.exports = { stale }
