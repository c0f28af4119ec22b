// pe-check on a folder of 200 workbooks of mixed formats (.xlsx .xlsm .xls .et .xlsb .ods and HTML
// saved as .xls, made from the test fixtures), end to end as a bureau runs it: files per second and
// peak memory, for a report-only run and for a run writing every copy plus the --summary overview.
// Baseline in the same run: the same 200 files as .xlsx only (ratio mixed/.xlsx).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures');
const formats = path.join(fixtures, 'formats');

function timed(args) {
  const rssFile = path.join(os.tmpdir(), `pe-bench-rss-${process.pid}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', path.join(root, 'bench/rss-reporter.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, rssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}

/** n files in a fresh folder, cycling through `sources` (each copy named uniquely, ending kept). */
function folderOf(sources, n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-folder-bench-'));
  for (let i = 0; i < n; i++) {
    const src = sources[i % sources.length];
    const base = path.basename(src);
    const ext = base.endsWith('.html.xls') ? '.html.xls' : path.extname(base);
    fs.copyFileSync(src, path.join(dir, `${String(i + 1).padStart(3, '0')}-${base.slice(0, -ext.length)}${ext}`));
  }
  return dir;
}

export function runFolderBench({ files = 200 } = {}) {
  const stems = fs.readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')).map((f) => f.slice(0, -5)).sort();
  const exts = ['.xlsx', '.xlsm', '.xls', '.et', '.xlsb', '.ods', '.html.xls'];
  const mixed = [];
  for (const ext of exts) {
    for (const s of stems) {
      const p = ext === '.xlsx' ? path.join(fixtures, s + ext) : path.join(formats, s + ext);
      if (fs.existsSync(p)) mixed.push(p);
    }
  }
  const xlsxOnly = stems.map((s) => path.join(fixtures, s + '.xlsx'));
  const mixedDir = folderOf(mixed, files);
  const xlsxDir = folderOf(xlsxOnly, files);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-folder-out-'));
  const byFormat = {};
  for (const f of fs.readdirSync(mixedDir)) {
    const ext = f.endsWith('.html.xls') ? '.html.xls' : path.extname(f);
    byFormat[ext] = (byFormat[ext] ?? 0) + 1;
  }
  const cli = path.join(root, 'bin/pe-check.js');
  const json = path.join(work, 'r.json');
  timed([cli, '--no-write', '--quiet', '--json', json, xlsxDir]); // warm caches
  const base = timed([cli, '--no-write', '--quiet', '--json', json, xlsxDir]);
  const report = timed([cli, '--no-write', '--quiet', '--json', json, mixedDir]);
  const r = JSON.parse(fs.readFileSync(json, 'utf8'));
  const unread = r.files.filter((f) => f.error).length;
  const baseWrite = timed([cli, '--quiet', '--out', path.join(work, 'copies-xlsx'), '--summary', path.join(work, 'xlsx.xlsx'), xlsxDir]);
  const write = timed([cli, '--quiet', '--out', path.join(work, 'copies'), '--summary', path.join(work, '总览.xlsx'), mixedDir]);
  const copies = fs.readdirSync(path.join(work, 'copies')).length;
  for (const d of [mixedDir, xlsxDir, work]) fs.rmSync(d, { recursive: true, force: true });
  const rate = (t) => (files / t.ms) * 1000;
  return {
    files,
    byFormat,
    unread,
    tables: r.summary.tables,
    copies,
    report: { filesPerSec: rate(report), peakMiB: report.rssMiB, baselineFilesPerSec: rate(base), ratio: report.ms / base.ms },
    write: { filesPerSec: rate(write), peakMiB: write.rssMiB, baselineFilesPerSec: rate(baseWrite), ratio: write.ms / baseWrite.ms },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(runFolderBench(), null, 2));
}
