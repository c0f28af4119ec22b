// --summary and --json over 3,000 and 30,000 workbooks (issue 21: 30,000 ran out of memory): the
// fixture .xlsx files hard-linked under numbered names, pe-check --no-write as a fresh process each,
// same run. Time per file must stay flat (within 1.5×) and peak memory bounded: the JSON report is
// written file by file, the overview keeps each table's totals and findings, not its indicator rows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures');

function folderOf(n) {
  const sources = fs.readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(fixtures, f));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-overview-bench-'));
  for (let i = 0; i < n; i++) {
    const src = sources[i % sources.length];
    const dest = path.join(dir, `${String(i + 1).padStart(5, '0')}-${path.basename(src)}`);
    try {
      fs.linkSync(src, dest);
    } catch {
      fs.copyFileSync(src, dest); // another file system: copies
    }
  }
  return dir;
}

function run(dir) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-overview-out-'));
  const rssFile = path.join(os.tmpdir(), `pe-overview-rss-${process.pid}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', path.join(root, 'bench/rss-reporter.cjs'), path.join(root, 'bin/pe-check.js'), '-q', '--no-write', '--summary', path.join(out, '总览.xlsx'), '--json', path.join(out, 'r.json'), dir], {
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`pe-check exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const sizes = { overview: fs.statSync(path.join(out, '总览.xlsx')).size, json: fs.statSync(path.join(out, 'r.json')).size };
  fs.rmSync(out, { recursive: true, force: true });
  return { ms, ...sizes, peakMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}

export function runOverviewBench(sizes = (process.env.BENCH_OVERVIEW_SIZES ?? '3000,30000').split(',').map(Number)) {
  const rows = [];
  for (const n of sizes) {
    const dir = folderOf(n);
    try {
      const r = run(dir);
      rows.push({ files: n, ...r, msPerFile: r.ms / n });
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

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(runOverviewBench());
