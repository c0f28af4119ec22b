// Preloaded (node -r) into each hostile-case child: writes its peak memory and CPU time on exit.
// A V8 crash (out of memory, exit 134) never gets here: the missing file fails the case too.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.PE_USAGE_FILE) {
    fs.writeFileSync(process.env.PE_USAGE_FILE, JSON.stringify({ maxRssMb: u.maxRSS / 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  }
});
