// Saves every test fixture in the formats a finance bureau receives, into test/fixtures/formats
// (committed, so CI does not need LibreOffice), or into the folder given as the first argument.
//   node scripts/make-format-fixtures.mjs [OUTDIR [FIXTURE.xlsx ...]]
// Needs LibreOffice (Debian: libreoffice-calc-nogui). What makes each file:
//   <name>.xls       LibreOffice "MS Excel 97" (BIFF8)
//   <name>.et        the same BIFF8 file under WPS's name: WPS 表格 reads and writes .et as a BIFF8
//                    compound file (no WPS on Debian to save a native one)
//   <name>.ods       LibreOffice "calc8"
//   <name>.html.xls  LibreOffice "HTML (StarCalc)" under an .xls name, as finance systems export
//   <name>.xlsm      LibreOffice "Calc MS Excel 2007 VBA XML"
//   <name>.xlsb      SheetJS's xlsb writer (LibreOffice reads .xlsb but cannot save it)
//   password.xls / password.ods   LibreOffice with an open password (scripts/encrypt-with-libreoffice.py,
//                    needs python3-uno); password.xlsx: ECMA-376 agile encryption by officecrypto-tool
//                    0.0.19 (MIT), made once and committed (not a dependency of the project).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const fixtures = path.join(root, 'test/fixtures');
const out = path.resolve(process.argv[2] ?? path.join(fixtures, 'formats'));
const sources = fs.readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')).sort();
const XLSX = require('@e965/xlsx');

export function sofficeAvailable() {
  return spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
}

function soffice(filter, outDir, files) {
  // A profile of our own: a user's running LibreOffice (or a parallel test) must not block us.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-lo-'));
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...files],
    { encoding: 'utf8', timeout: 300000 },
  );
  fs.rmSync(profile, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`soffice ${filter} failed: ${r.stderr}`);
}

export function makeFormatFixtures(outDir, names = sources) {
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-formats-'));
  const files = names.map((f) => path.join(fixtures, f));
  soffice('xls:MS Excel 97', work, files);
  soffice('ods:calc8', work, files);
  soffice('xlsm:Calc MS Excel 2007 VBA XML', work, files);
  soffice('html:HTML (StarCalc)', work, files);
  for (const f of names) {
    const stem = f.replace(/\.xlsx$/, '');
    fs.copyFileSync(path.join(work, `${stem}.xls`), path.join(outDir, `${stem}.xls`));
    fs.copyFileSync(path.join(work, `${stem}.xls`), path.join(outDir, `${stem}.et`));
    fs.copyFileSync(path.join(work, `${stem}.ods`), path.join(outDir, `${stem}.ods`));
    fs.copyFileSync(path.join(work, `${stem}.xlsm`), path.join(outDir, `${stem}.xlsm`));
    fs.copyFileSync(path.join(work, `${stem}.html`), path.join(outDir, `${stem}.html.xls`));
    const wb = XLSX.read(fs.readFileSync(path.join(fixtures, f)), { type: 'buffer', cellNF: true, cellFormula: true, cellStyles: true });
    fs.writeFileSync(path.join(outDir, `${stem}.xlsb`), XLSX.write(wb, { type: 'buffer', bookType: 'xlsb' }));
  }
  fs.rmSync(work, { recursive: true, force: true });
}

export function makeEncrypted(outDir) {
  const src = path.join(fixtures, 'kaifu-2022-project-jcdj.xlsx');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-enc-'));
  const copy = path.join(tmp, 'password.xlsx');
  fs.copyFileSync(src, copy);
  const r = spawnSync('/usr/bin/python3', [path.join(root, 'scripts/encrypt-with-libreoffice.py'), copy, tmp, '123'], { encoding: 'utf8', timeout: 300000 });
  if (r.status !== 0) {
    console.warn(`password.xls/.ods not remade (python3-uno missing?): ${r.stderr.trim().split('\n').pop()}`);
  } else {
    for (const ext of ['xls', 'ods']) fs.copyFileSync(path.join(tmp, `password.password.${ext}`), path.join(outDir, `password.${ext}`));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (!sofficeAvailable()) {
    console.error('LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui');
    process.exit(1);
  }
  const only = process.argv.slice(3);
  makeFormatFixtures(out, only.length ? only : sources);
  if (process.argv[2] === undefined) makeEncrypted(out);
  console.log(`written to ${path.relative(process.cwd(), out) || out}`);
}
