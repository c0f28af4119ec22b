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
// A report that cannot be written to stdout (a full disk behind `> report.json`, a closed pipe) is a
// failed run (exit 2, one Chinese line), never "errors found" (exit 1) with nothing written.
let stdoutFailed = false;
process.stdout.on('error', (err) => {
  if (stdoutFailed) return;
  stdoutFailed = true;
  const why = err && err.code === 'ENOSPC' ? '磁盘空间不足' : err && err.code === 'EPIPE' ? '接收输出的程序已关闭' : '写入失败';
  try {
    process.stderr.write(`pe-check: 无法写出报告：${why}\n`);
  } catch {
    /* nowhere left to say it */
  }
  process.exitCode = 2;
});
main.run(process.argv.slice(2)).then((code) => {
  process.exitCode = stdoutFailed ? 2 : code;
});
