// Preloaded (node --require) into a specpact process to give it a full disk: every temp file
// it writes (`*.tmp`, how pacts are written) sends its bytes to /dev/full, which fails the
// write with the kernel's own ENOSPC. Everything else is written as usual.
const promises = require('node:fs/promises')

const writeFile = promises.writeFile
promises.writeFile = (file, data, options) =>
  writeFile(String(file).endsWith('.tmp') ? '/dev/full' : file, data, options)
