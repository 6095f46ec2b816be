#!/usr/bin/env node
// Runs the TypeScript sources directly: transpile-only keeps start-up short,
// type checking belongs to `npm run check`.
const path = require('node:path')
require('ts-node').register({
  transpileOnly: true,
  project: path.join(__dirname, '..', 'tsconfig.json'),
})
require('../src/cli/main').main(process.argv)
