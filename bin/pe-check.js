#!/usr/bin/env node
// pe-check: thin launcher for the compiled CLI (npm install runs `prepare`, which builds dist/node).
'use strict';
let main;
try {
  main = require('../dist/node/cli/main.js');
} catch (e) {
  process.stderr.write('pe-check 尚未编译：请先运行 npm install（或 npm run build:node）。\n');
  process.exit(2);
}
main.run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
