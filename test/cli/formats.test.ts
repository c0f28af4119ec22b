// Every format a bureau receives gives the same grids and findings as the .xlsx it was saved from
// (test/fixtures/formats, made by scripts/make-format-fixtures.mjs; when LibreOffice is installed
// one fixture is also converted afresh here), and the files that cannot be read say why.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readXlsxGrids } from '../../src/files/fastGrid';
import { sniffKind } from '../../src/files/formats';
import { MSG_DAMAGED, MSG_PASSWORD, htmlCell, readOtherWorkbook } from '../../src/files/sheetjsGrid';
import { isDateFormat } from '../../src/core/cells';
import type { SheetGrid } from '../../src/core/types';
import { FIXTURES, expectNoStack, fixtureFiles, pe, tmpDir } from './helpers';

jest.setTimeout(180000);

const FORMATS = path.join(FIXTURES, 'formats');
const stems = fixtureFiles().map((f) => path.basename(f, '.xlsx'));
const EXTS = ['.xls', '.et', '.ods', '.xlsb', '.xlsm', '.html.xls'];

interface Json {
  files: { file: string; error: string | null; tables: { title: string; range: string; totals: unknown }[]; findings: { code: string; cell: string; severity: string; message: string; sheet: string }[] }[];
}

async function report(files: string[]): Promise<Json> {
  const r = await pe(['--no-write', '--quiet', '--json', '-', ...files]);
  return JSON.parse(r.out) as Json;
}

/** What must not change with the format; HTML has no sheet names, so those are left out for it. */
const findingsOf = (f: Json['files'][number], withSheet: boolean) =>
  f.findings.map((x) => ({ code: x.code, cell: x.cell, severity: x.severity, message: x.message, ...(withSheet ? { sheet: x.sheet } : {}) }));

let xlsxReport: Json;
beforeAll(async () => {
  xlsxReport = await report(fixtureFiles());
});

describe.each(EXTS)('%s', (ext) => {
  test.each(stems)('%s: same tables and findings as the .xlsx', async (stem) => {
    const file = path.join(FORMATS, stem + ext);
    const r = await report([file]);
    const got = r.files[0];
    const want = xlsxReport.files[stems.indexOf(stem)];
    expect(got.error).toBeNull();
    expect(got.tables.map((t) => [t.title, t.range, t.totals])).toEqual(want.tables.map((t) => [t.title, t.range, t.totals]));
    expect(findingsOf(got, ext !== '.html.xls')).toEqual(findingsOf(want, ext !== '.html.xls'));
    expect(want.findings.length).toBeGreaterThan(0);
  });
});

/** Non-empty cells as "r,c=value" (formats differ in which empty styled cells they store). */
const cellsOf = (g: SheetGrid) => {
  const out: string[] = [];
  g.values.forEach((row, r) => row.forEach((v, c) => v !== null && v !== '' && out.push(`${r},${c}=${JSON.stringify(v)}`)));
  return out;
};
const mergesOf = (g: SheetGrid) => g.merges.map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort();

test.each(stems.flatMap((s) => ['.xls', '.ods', '.xlsb'].map((e) => [s, e])))('%s%s: the same grid (values, merges, number formats of values)', async (stem, ext) => {
  const want = await readXlsxGrids(fs.readFileSync(path.join(FIXTURES, stem + '.xlsx')));
  const buf = fs.readFileSync(path.join(FORMATS, stem + ext));
  const { grids } = await readOtherWorkbook(buf, sniffKind(buf));
  expect(grids.map((g) => g.name)).toEqual(want.map((g) => g.name));
  grids.forEach((g, i) => {
    expect(cellsOf(g)).toEqual(cellsOf(want[i]));
    // SheetJS drops an .ods merge whose cells are all empty (nothing to read there); every merge
    // holding a value is kept.
    const hasValue = (m: string) => {
      const [r, c] = m.split(':')[0].split(',').map(Number);
      return want[i].values[r]?.[c] !== null && want[i].values[r]?.[c] !== undefined && want[i].values[r]?.[c] !== '';
    };
    if (ext === '.ods') expect(mergesOf(g).filter(hasValue)).toEqual(mergesOf(want[i]).filter(hasValue));
    else expect(mergesOf(g)).toEqual(mergesOf(want[i]));
    // Percentages and dates are told by their format: every formatted number keeps a format.
    want[i].values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = want[i].numberFormats?.[r]?.[c];
        if (typeof v !== 'number' || !f || f === 'General') return;
        const got = g.numberFormats?.[r]?.[c];
        // LibreOffice may respell a date format (d → dd, "年" → \年): it must stay a date format.
        if (isDateFormat(f)) expect([r, c, isDateFormat(got)]).toEqual([r, c, true]);
        else expect([r, c, got]).toEqual([r, c, f]);
      }),
    );
  });
});

test('HTML text cells are read as Excel shows them', () => {
  expect(htmlCell('95.47%')).toEqual({ v: 0.9547, z: '0.00%' });
  expect(htmlCell('20%')).toEqual({ v: 0.2, z: '0%' });
  expect(htmlCell('1,909.30')).toEqual({ v: 1909.3, z: '#,##0.00' });
  expect(htmlCell(' 5 ')).toEqual({ v: 5, z: null });
  expect(htmlCell('430102199001011234')).toEqual({ v: '430102199001011234', z: null });
  expect(htmlCell('≥95%')).toEqual({ v: '≥95%', z: null });
});

test('a date cell in .xls and .ods is its serial with a date format', async () => {
  const dir = tmpDir('dates');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('日期');
  ws.getCell('A1').value = new Date(Date.UTC(2023, 11, 31));
  ws.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('B1').value = 0.955;
  ws.getCell('B1').numFmt = '0.00%';
  const src = path.join(dir, 'dates.xlsx');
  await wb.xlsx.writeFile(src);
  const X = (await import('@e965/xlsx')) as typeof import('@e965/xlsx');
  const book = X.read(fs.readFileSync(src), { type: 'buffer', cellNF: true });
  for (const bookType of ['xls', 'ods', 'xlsb'] as const) {
    const buf = X.write(book, { type: 'buffer', bookType: bookType === 'xls' ? 'biff8' : bookType }) as Buffer;
    const { grids } = await readOtherWorkbook(buf, sniffKind(buf));
    expect([bookType, grids[0].values[0]]).toEqual([bookType, [45291, 0.955]]);
    expect(grids[0].numberFormats?.[0]?.[1]).toMatch(/0\.00%|0%/);
    expect(isDateFormat(grids[0].numberFormats?.[0]?.[0])).toBe(true);
  }
});

test.each(['password.xlsx', 'password.xls', 'password.ods'])('%s (open password) → its own message, exit 2', async (name) => {
  const file = path.join(FORMATS, name);
  const r = await pe(['--no-write', file]);
  expect(r.code).toBe(2);
  expect(r.err).toBe(`pe-check: 无法读取 ${file}：${MSG_PASSWORD}\n`);
  expectNoStack(r);
});

test('a damaged .xls, .ods and compound file → "damaged", not "password"', async () => {
  const dir = tmpDir('damaged');
  const xls = fs.readFileSync(path.join(FORMATS, 'kaifu-2022-dept.xls'));
  const ods = fs.readFileSync(path.join(FORMATS, 'kaifu-2022-dept.ods'));
  const files = {
    'cut.xls': xls.subarray(0, 3000),
    'zeros.xls': Buffer.concat([xls.subarray(0, 8), Buffer.alloc(4096)]),
    'cut.ods': ods.subarray(0, 4000),
  };
  for (const [n, b] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), b);
  for (const n of Object.keys(files)) {
    const r = await pe(['--no-write', path.join(dir, n)]);
    expect([n, r.code]).toEqual([n, 2]);
    expect(r.err).not.toContain(MSG_PASSWORD);
    expect(r.err).toMatch(new RegExp(`${MSG_DAMAGED}|不是有效的 \\.\\w+ 文件|文件内容无法解析`));
    expectNoStack(r);
  }
});

test('a folder of mixed formats is read whole; what it skips is listed with the reason', async () => {
  const dir = tmpDir('mixed');
  const stem = 'kaifu-2022-project-jcdj';
  fs.copyFileSync(path.join(FIXTURES, stem + '.xlsx'), path.join(dir, '1.xlsx'));
  for (const [i, ext] of EXTS.entries()) fs.copyFileSync(path.join(FORMATS, stem + ext), path.join(dir, `${i + 2}${ext}`));
  fs.writeFileSync(path.join(dir, '~$1.xlsx'), 'lock');
  // one of our earlier copies (it carries our record), not merely a file with our kind of name
  const earlier = tmpDir('mixed-earlier');
  await pe(['--out', earlier, '--quiet', path.join(FIXTURES, stem + '.xlsx')]);
  fs.copyFileSync(path.join(earlier, `${stem}.checked.xlsx`), path.join(dir, 'old.checked.xlsx'));
  fs.writeFileSync(path.join(dir, '说明.txt'), '附件');
  fs.mkdirSync(path.join(dir, '补充'));
  const r = await pe(['--no-write', '--json', '-', dir]);
  const j = JSON.parse(r.out) as Json;
  expect(j.files.map((f) => f.file).sort()).toEqual(['1.xlsx', ...EXTS.map((e, i) => `${i + 2}${e}`)].sort());
  expect(j.files.every((f) => f.error === null && f.tables.length === 1)).toBe(true);
  expect(r.err).toContain('文件夹中跳过 4 项：');
  expect(r.err).toMatch(/~\$1\.xlsx：Excel\/WPS 打开文件时的临时文件/);
  expect(r.err).toMatch(/old\.checked\.xlsx：pe-check 生成的标记副本/);
  expect(r.err).toMatch(/说明\.txt：不是电子表格文件/);
  expect(r.err).toMatch(/补充：子文件夹（加 -r 一并检查）/);
  expect(r.code).toBe(1);
});

test('the copy of a non-.xlsx input is an .xlsx named after the original, marked, and the report says so', async () => {
  const out = tmpDir('copies');
  const stem = 'kaifu-2022-project-jcdj';
  const inputs = ['.xls', '.ods', '.html.xls', '.xlsm'].map((e) => path.join(FORMATS, stem + e));
  const r = await pe(['--out', out, ...inputs]);
  expect(r.code).toBe(1);
  expect(fs.readdirSync(out).sort()).toEqual([`${stem}.html.xls.checked.xlsx`, `${stem}.ods.checked.xlsx`, `${stem}.xls.checked.xlsx`, `${stem}.xlsm.checked.xlsx`]);
  expect(r.out).toContain('标记副本是由.xls转换的 .xlsx 文件（原文件未改动');
  expect(r.out).toContain('标记副本是由网页格式的.xls转换的 .xlsx 文件');
  expect(r.out).toContain('标记副本是 .xlsx 文件，不含原文件的宏');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, `${stem}.xls.checked.xlsx`));
  const ws = wb.getWorksheet('项目支出自评表')!;
  expect(ws.getCell('H24').value).toBe(4.25); // value kept
  expect((ws.getCell('H24').fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/^FF/); // and marked
  expect(String((ws.getCell('H24').note as unknown as { texts: { text: string }[] }).texts?.map((t) => t.text).join('') ?? ws.getCell('H24').note)).toContain('得分应为 5');
  expect(wb.worksheets.map((w) => w.name)).toContain('自评汇总');
});

test.each(['.xls', '.et', '.ods', '.xlsb', '.xlsm', '.html.xls'])('every fixture saved as %s gets its highlighted copy', async (ext) => {
  const out = tmpDir('copy' + ext.replace(/\./g, '-'));
  const r = await pe(['--quiet', '--out', out, ...stems.map((s) => path.join(FORMATS, s + ext))]);
  expect(r.err).toBe('');
  expect(fs.readdirSync(out).sort()).toEqual(stems.map((s) => `${s}${ext}.checked.xlsx`).sort());
});

const soffice = spawnSync('soffice', ['--version']).status === 0;
(soffice ? test : test.skip)('LibreOffice installed: a fixture converted now gives the same findings', async () => {
  const dir = tmpDir('lo');
  const stem = 'kaifu-2022-project-jcdj';
  // The fixture maker is an ES module script: run it as the developer would.
  const made = spawnSync(process.execPath, [path.join(__dirname, '../../scripts/make-format-fixtures.mjs'), dir, stem + '.xlsx'], { encoding: 'utf8' });
  expect(made.status).toBe(0);
  const want = xlsxReport.files[stems.indexOf(stem)];
  for (const ext of ['.xls', '.ods', '.xlsm']) {
    const r = await report([path.join(dir, stem + ext)]);
    expect([ext, findingsOf(r.files[0], true)]).toEqual([ext, findingsOf(want, true)]);
  }
});
