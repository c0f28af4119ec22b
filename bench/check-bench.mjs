// pe-check on a 200-table workbook (40 sheets × 5 tables × 25 rows) against a bare exceljs load
// of the same file, both as fresh processes in the same run. Goal: check/load ≤ 1.3.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeBenchWorkbook } from './make-workbook.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function timed(args) {
  const rssFile = path.join(os.tmpdir(), `pe-bench-rss-${process.pid}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', path.join(root, 'bench/rss-reporter.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rssKiB = Number(fs.readFileSync(rssFile, 'utf8'));
  return { ms, rssMiB: rssKiB / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runCheckBench({ rounds = 5 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-bench-'));
  const file = path.join(dir, 'bench-200-tables.xlsx');
  await makeBenchWorkbook(file);
  const json = path.join(dir, 'report.json');
  const load = [];
  const check = [];
  let loadRss = 0;
  let checkRss = 0;
  timed(['bench/load-only.cjs', file]); // warm the file cache
  for (let i = 0; i < rounds; i++) {
    const a = timed(['bench/load-only.cjs', file]);
    const b = timed(['bin/pe-check.js', '--no-write', '--quiet', '--json', json, file]);
    load.push(a.ms);
    check.push(b.ms);
    loadRss = Math.max(loadRss, a.rssMiB);
    checkRss = Math.max(checkRss, b.rssMiB);
  }
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  const rows = report.files[0].tables.reduce((n, t) => n + t.indicators.length, 0);
  fs.rmSync(dir, { recursive: true, force: true });
  const result = {
    tables: report.summary.tables,
    rows,
    findings: report.summary.errors + report.summary.warnings + report.summary.infos,
    loadMs: median(load),
    checkMs: median(check),
    ratio: median(check) / median(load),
    loadPeakMiB: loadRss,
    checkPeakMiB: checkRss,
  };
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runCheckBench();
  console.log(JSON.stringify(r, null, 2));
}
