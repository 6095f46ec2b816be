// Preloaded (`node -r`) into one measured `specpact` command: at exit it writes the process's
// peak resident memory, in KB, to the file named by SPECPACT_BENCH_PEAK_RSS. Node reports no
// child's resource usage, so the command reports its own.
const { writeFileSync } = require('node:fs')

const out = process.env.SPECPACT_BENCH_PEAK_RSS
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)))
