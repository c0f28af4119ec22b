#!/usr/bin/env node
// Runs the compiled pe-check once over every fixture and checks the report against each
// *.expected.json in test/fixtures and its subfolders (or the folder given as argument) with the product's acceptance checker (scripts/check-expected.mjs).
// Prints each checker line and a final "N passed, M failed" line; exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Default: the project's own copies; CI also passes ../shared/fixtures, which may be newer.
const top = path.resolve(process.argv[2] ?? path.join(root, 'test', 'fixtures'));
// The folder and its subfolders (realworld/ holds the tables departments really published).
const folders = [top, ...fs.readdirSync(top, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(top, d.name))];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-check-fixtures-'));
let passed = 0;
let failed = 0;
try {
  for (const [i, fixtures] of folders.entries()) {
    const expected = fs.readdirSync(fixtures).filter((f) => f.endsWith('.expected.json')).sort();
    if (expected.length === 0) continue;
    const inputs = fs.readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(fixtures, f));
    const report = path.join(tmp, `report-${i}.json`);
    const cli = spawnSync(process.execPath, [path.join(root, 'bin', 'pe-check.js'), '--no-write', '--quiet', '--json', report, ...inputs], {
      cwd: root,
      encoding: 'utf8',
    });
    // Exit 1 only means "error findings", which fixtures are meant to have; 2 means it could not run.
    if (cli.status !== 0 && cli.status !== 1) {
      process.stdout.write(cli.stdout ?? '');
      process.stderr.write(cli.stderr ?? '');
      console.log(`pe-check exited with ${cli.status} on ${path.relative(root, fixtures) || fixtures}`);
    }
    if (!fs.existsSync(report)) {
      failed += expected.length;
      continue;
    }
    for (const exp of expected) {
      const name = exp.replace(/\.expected\.json$/, '.xlsx');
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'check-expected.mjs'), report, path.join(fixtures, exp), name], {
        encoding: 'utf8',
      });
      const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd();
      if (out) console.log(out);
      if (r.status === 0) passed++;
      else failed++;
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
