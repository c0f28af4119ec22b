// Preloaded (node -r) into each hostile-case child: writes its peak memory and CPU time on exit.
// A V8 crash (out of memory, exit 134) never gets here: the missing file fails the case too.
// Peak memory is VmHWM of /proc/self/status, the high-water mark of this program's own memory:
// getrusage's ru_maxrss survives exec on Linux, so a child forked from a 300 MB jest worker would
// report the worker's size, not its own.
'use strict';
const fs = require('fs');

function peakMb() {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.PE_USAGE_FILE) {
    fs.writeFileSync(process.env.PE_USAGE_FILE, JSON.stringify({ maxRssMb: peakMb(), cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  }
});
