// `npm run build` starts from an empty dist/, so a deleted source leaves no stale module.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), {
  recursive: true,
  force: true,
})
