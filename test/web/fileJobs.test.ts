// The page's file jobs (what its worker runs) against pe-check itself: the same findings for every
// fixture and format copy, the same highlighted copy cell for cell, a .zip whose 总览 links open the
// copies beside it, and the CLI's Chinese reasons for files it cannot read.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/taskpane/excel/gateway';
import { checkFileBytes, copyOfFile, zipOfFiles, OVERVIEW_NAME } from '../../src/web/fileJobs';
import type { FileInput } from '../../src/web/protocol';
import { FIXTURES, pe, tmpDir } from '../cli/helpers';
import { dumpWorkbook } from './copyCompare';

jest.setTimeout(180000);

const input = (file: string, name = path.basename(file)): FileInput => {
  const b = fs.readFileSync(file);
  return { name, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer };
};

function allFixtures(): string[] {
  const out: string[] = [];
  for (const dir of ['', 'realworld', 'unseen', 'formats']) {
    const full = path.join(FIXTURES, dir);
    if (!fs.existsSync(full)) continue;
    for (const f of fs.readdirSync(full).sort()) if (/\.(xlsx|xlsm|xls|et|xlsb|ods)$/i.test(f)) out.push(path.join(full, f));
  }
  return out;
}

test('every fixture and format copy: the page finds what pe-check --json finds, or gives its reason', async () => {
  const files = allFixtures();
  expect(files.length).toBeGreaterThan(40);
  const r = await pe(['--no-write', '-q', '--json', '-', ...files]);
  const report = JSON.parse(r.out) as { files: { file: string; error: string | null; findings: unknown[] }[] };
  expect(report.files).toHaveLength(files.length);
  let compared = 0;
  for (let i = 0; i < files.length; i++) {
    const cli = report.files[i];
    const page = await checkFileBytes(input(files[i]), DEFAULT_SETTINGS);
    expect([path.basename(files[i]), page.error]).toEqual([cli.file, cli.error]);
    expect(page.check?.findings ?? []).toEqual(cli.findings);
    compared += cli.findings.length;
  }
  expect(compared).toBeGreaterThan(500);
});

test("the page's copy equals pe-check's copy cell for cell (values, formulas, fills, notes) for .xlsx and converted formats", async () => {
  const out = tmpDir('web-copy');
  const files = [
    path.join(FIXTURES, 'kaifu-2022-dept.xlsx'),
    path.join(FIXTURES, 'formats', 'hengshan-2022-project.xls'),
    path.join(FIXTURES, 'formats', 'linxiang-2023-project-gzjf.html.xls'),
    path.join(FIXTURES, 'formats', 'kaifu-2022-project-jcdj.ods'),
  ];
  const r = await pe(['-q', '--out', out, ...files]);
  expect(r.code).toBe(1);
  for (const file of files) {
    const page = await copyOfFile(input(file), DEFAULT_SETTINGS);
    expect(page.bytes).not.toBeNull();
    const cliCopy = path.join(out, page.name);
    expect(fs.existsSync(cliCopy)).toBe(true);
    const [a, b] = await Promise.all([dumpWorkbook(page.bytes!), dumpWorkbook(fs.readFileSync(cliCopy))]);
    expect(a).toEqual(b);
    // painted: some cells carry our fill and note
    expect(Object.values(a.cells).filter((c) => (c as { note: string | null }).note?.startsWith('【绩效自评助手】')).length).toBeGreaterThan(0);
  }
  // the user's values are the input's
  const original = await dumpWorkbook(fs.readFileSync(files[0]));
  const copy = await dumpWorkbook((await copyOfFile(input(files[0]), DEFAULT_SETTINGS)).bytes!);
  for (const [k, v] of Object.entries(original.cells)) expect((copy.cells[k] as { value: unknown }).value).toEqual((v as { value: unknown }).value);
});

test('a workbook with a chart: the copy is made and keeps the chart part byte for byte', async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx')));
  zip.file('xl/charts/chart1.xml', '<c:chartSpace/>');
  const bytes = await zip.generateAsync({ type: 'uint8array' });
  const file = { name: 'with-chart.xlsx', bytes: bytes.buffer as ArrayBuffer };
  const copy = await copyOfFile(file, DEFAULT_SETTINGS);
  expect(copy.bytes).not.toBeNull();
  expect(copy.notices.join()).not.toMatch(/丢失/);
  const kept = await JSZip.loadAsync(copy.bytes!);
  expect(await kept.file('xl/charts/chart1.xml')!.async('string')).toBe('<c:chartSpace/>');
});

test('bad input gets the CLI\'s Chinese line, never a throw', async () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty.xlsx', new Uint8Array(0), /不是有效的 \.xlsx 文件/],
    ['report.xlsx', new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'realworld', 'README.md'))), /不是有效的 \.xlsx 文件/],
    ['password.xlsx', new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'formats', 'password.xlsx'))), /打开密码/],
    ['damaged.xlsx', new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-dept.xlsx')).subarray(0, 3000)), /损坏|不是有效/],
  ];
  for (const [name, bytes, reason] of cases) {
    const r = await checkFileBytes({ name, bytes: bytes.slice().buffer as ArrayBuffer }, DEFAULT_SETTINGS);
    expect(r.check).toBeNull();
    expect(r.error).toMatch(reason);
    expect(r.grids).toEqual([]);
  }
});

test('the .zip: every copy under a unique name, 总览.xlsx whose links open them, unreadable files listed', async () => {
  const kaifu = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');
  const files = [input(kaifu), input(path.join(FIXTURES, 'formats', 'kaifu-2022-project-jcdj.xls')), input(kaifu), input(path.join(FIXTURES, 'formats', 'password.xls'))];
  const seen: string[] = [];
  const out = await zipOfFiles(files, DEFAULT_SETTINGS, (_d, _t, f) => seen.push(f));
  expect(seen).toEqual([...files.map((f) => f.name), OVERVIEW_NAME]);
  const zip = await JSZip.loadAsync(out.bytes);
  const names = Object.keys(zip.files).sort();
  expect(names).toEqual([OVERVIEW_NAME, 'kaifu-2022-project-jcdj-2.checked.xlsx', 'kaifu-2022-project-jcdj.checked.xlsx', 'kaifu-2022-project-jcdj.xls.checked.xlsx'].sort());
  expect(out.skipped).toEqual([{ file: 'password.xls', reason: expect.stringContaining('密码') }]);
  const overview = new ExcelJS.Workbook();
  await overview.xlsx.load(await zip.file(OVERVIEW_NAME)!.async('arraybuffer'));
  const targets = new Set<string>();
  overview.worksheets[0].eachRow((row) =>
    row.eachCell((cell) => {
      const link = (cell.value as { hyperlink?: string } | null)?.hyperlink;
      if (link) targets.add(link.split('#')[0]);
    }),
  );
  expect([...targets].sort()).toEqual(names.filter((n) => n !== OVERVIEW_NAME).sort());
  // the unreadable file is the first row under the header, with its reason
  const texts: string[] = [];
  overview.worksheets[0].eachRow((row) => texts.push(row.values!.toString()));
  expect(texts.join('\n')).toContain('password.xls');
});
