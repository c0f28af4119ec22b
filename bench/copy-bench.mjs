// The highlighted copy's writer (issue 21): the user's package patched (files/patchCopy.ts) against
// the exceljs round trip it replaced (files/referenceCopy.ts), on the 200-table workbook and on the
// same workbook with drop-down lists on three whole columns of every sheet (how Excel stores a list
// on a column). Each writer runs in a fresh process: time of the copy alone (read and check are
// the same for both and left out) and the process's peak memory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { makeBenchWorkbook } from './make-workbook.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const CHILD = `
const fs = require('fs');
const dist = ${JSON.stringify(path.join(root, 'dist/node'))};
const { readAndCheck, checkAndCopy } = require(dist + '/files/checkBytes.js');
const { referenceCopy } = require(dist + '/files/referenceCopy.js');
const { planHighlights, markFills } = require(dist + '/core/highlight.js');
const { buildSummary } = require(dist + '/core/summary.js');
const { mof2020 } = require(dist + '/core/profile.js');
(async () => {
  const [file, writer, limit] = process.argv.slice(1);
  const bytes = new Uint8Array(fs.readFileSync(file));
  let ms;
  let out;
  if (writer === 'patch') {
    const read = await readAndCheck(bytes, 'bench.xlsx', { profile: mof2020, write: true });
    const t0 = performance.now();
    const done = await checkAndCopy(bytes, 'bench.xlsx', { profile: mof2020, write: true });
    // checkAndCopy reads and checks again: take the read's own time off.
    const t1 = performance.now();
    await readAndCheck(bytes, 'bench.xlsx', { profile: mof2020, write: true });
    ms = (t1 - t0) - (performance.now() - t1);
    out = done.copy;
    void read;
  } else {
    const read = await readAndCheck(bytes, 'bench.xlsx', { profile: mof2020, write: true });
    const marks = planHighlights(read.check);
    const model = buildSummary([{ file: 'bench.xlsx', check: read.check }]);
    const t0 = performance.now();
    const timer = setTimeout(() => { process.stdout.write(JSON.stringify({ ms: null, timedOut: true, rssMb: process.resourceUsage().maxRSS / 1024 })); process.exit(0); }, Number(limit) * 1000);
    out = (await referenceCopy(read.copySource, marks, model, Object.values(markFills))).bytes;
    clearTimeout(timer);
    ms = performance.now() - t0;
  }
  process.stdout.write(JSON.stringify({ ms, bytes: out ? out.length : 0, rssMb: process.resourceUsage().maxRSS / 1024 }));
})();
`;

function measure(file, writer, limitSeconds = 120) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '-e', CHILD, file, writer, String(limitSeconds)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { ms: null, failed: (r.stderr || '').split('\n').find((l) => /Error|heap/.test(l)) ?? `exit ${r.status}`, rssMb: null };
  return JSON.parse(r.stdout);
}

/** The bench workbook with a list on columns C, D and G of every sheet, stored as Excel stores it (C1:C1048576). */
async function withWholeColumnLists(src, dest) {
  const JSZip = require('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(src));
  const lists = '<dataValidations count="3">' + ['C', 'D', 'G'].map((c) => `<dataValidation type="list" allowBlank="1" sqref="${c}1:${c}1048576"><formula1>"是,否"</formula1></dataValidation>`).join('') + '</dataValidations>';
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name).async('string');
    zip.file(name, xml.replace(/<pageMargins/, `${lists}<pageMargins`));
  }
  fs.writeFileSync(dest, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

export async function runCopyBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-copy-bench-'));
  try {
    const plain = path.join(dir, 'bench.xlsx');
    await makeBenchWorkbook(plain);
    const lists = path.join(dir, 'bench-lists.xlsx');
    await withWholeColumnLists(plain, lists);
    return {
      plain: { patch: measure(plain, 'patch'), exceljs: measure(plain, 'exceljs') },
      lists: { patch: measure(lists, 'patch'), exceljs: measure(lists, 'exceljs', 60) },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runCopyBench(), null, 2));
