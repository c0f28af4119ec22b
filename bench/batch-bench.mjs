// Write mode over growing batches (issue 21): pe-check writing every copy and the --summary overview
// for 250, 500, 1,000 and 2,000 workbooks (the fixture .xlsx files, each copy named uniquely), as
// fresh processes in the same run. Time per file must stay flat: the largest time/N over the
// smallest within 1.5 (it was quadratic: every output compared with every input). Peak memory too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures');

function folderOf(n) {
  const sources = fs.readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(fixtures, f));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-batch-bench-'));
  for (let i = 0; i < n; i++) fs.copyFileSync(sources[i % sources.length], path.join(dir, `${String(i + 1).padStart(4, '0')}-${path.basename(sources[i % sources.length])}`));
  return dir;
}

function run(dir) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-batch-out-'));
  const rssFile = path.join(os.tmpdir(), `pe-batch-rss-${process.pid}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', path.join(root, 'bench/rss-reporter.cjs'), path.join(root, 'bin/pe-check.js'), '-q', '--out', out, '--summary', path.join(out, '总览.xlsx'), dir], {
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`pe-check exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const copies = fs.readdirSync(out).filter((f) => f.endsWith('.checked.xlsx')).length;
  fs.rmSync(out, { recursive: true, force: true });
  return { ms, copies, peakMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}

export function runBatchBench(sizes = (process.env.BENCH_BATCH_SIZES ?? '250,500,1000,2000').split(',').map(Number)) {
  const rows = [];
  for (const n of sizes) {
    const dir = folderOf(n);
    try {
      const r = run(dir);
      rows.push({ files: n, ms: r.ms, msPerFile: r.ms / n, copies: r.copies, peakMiB: r.peakMiB });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const per = rows.map((r) => r.msPerFile);
  // Flat means it does not grow with the count: the largest run's time per file over the smallest's.
  // (A larger run is often cheaper per file — the fixed start-up and 总览 costs spread thinner — and
  // that is not a failure; the spread either way is reported beside it.)
  return { rows, growth: per[per.length - 1] / per[0], spread: Math.max(...per) / Math.min(...per) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(runBatchBench());
