#!/usr/bin/env node
// Runs the compiled code in dist/. In a development checkout (src/ beside dist/) whose
// sources changed after the last `npm run build`, it runs the sources through ts-node
// instead, so a checkout never runs stale code; an installed package has no src/.
const { existsSync } = require('node:fs')
const path = require('node:path')
const root = path.join(__dirname, '..')
const compiled = path.join(root, 'dist', 'cli', 'main.js')

if (existsSync(path.join(root, 'src')) && require('./stale').stale(root, compiled)) {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') })
  require('../src/cli/main').main(process.argv)
} else {
  require(compiled).main(process.argv)
}
