// Preloaded with `node -r` into a benchmarked process: writes its peak memory (maxRSS, KiB) on exit.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
