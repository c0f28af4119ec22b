// The bureau's overview (--summary) and re-checking a highlighted copy: worst files first, a row per
// table with counts, 填报总分 → 重算总分 and 评价等次, links that open the copy at the table and at
// the finding's cell, and on a re-check only the current findings painted.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, pe, tmpDir, noteText } from './helpers';

jest.setTimeout(180000);

const JCDJ = path.join(FIXTURES, 'kaifu-2022-project-jcdj.xlsx');
const DEPT = path.join(FIXTURES, 'kaifu-2022-dept.xlsx');
const GZJF = path.join(FIXTURES, 'linxiang-2023-project-gzjf.xlsx');
const XLS = path.join(FIXTURES, 'formats', 'hengshan-2022-project.xls');
const LOCKED = path.join(FIXTURES, 'formats', 'password.xlsx');

const cellText = (v: ExcelJS.CellValue): unknown => (v && typeof v === 'object' && 'text' in v ? v.text : v);

interface Link {
  ref: string;
  target: string;
  location: string | null;
}

/** The hyperlinks of the overview's only sheet, with their relationship targets resolved. */
async function linksOf(file: string): Promise<Link[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const rels = await zip.file('xl/worksheets/_rels/sheet1.xml.rels')!.async('string');
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]*)"[^>]*\bTarget="([^"]*)"[^>]*TargetMode="External"/g)].map((m) => [m[1], m[2]]));
  const unxml = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...sheet.matchAll(/<hyperlink\b([^>]*)\/>/g)].map((m) => {
    const a = m[1];
    return {
      ref: /ref="([^"]*)"/.exec(a)![1],
      target: targets.get(/r:id="([^"]*)"/.exec(a)?.[1] ?? '') ?? '',
      location: /location="([^"]*)"/.exec(a) ? unxml(/location="([^"]*)"/.exec(a)![1]) : null,
    };
  });
}

let dir: string;
let overview: string;
let out: string;
let ws: ExcelJS.Worksheet;
let header: number;

beforeAll(async () => {
  dir = tmpDir('overview');
  out = path.join(dir, '副本');
  overview = path.join(dir, '总览', '各部门总览.xlsx');
  const r = await pe(['--quiet', '--out', out, '--summary', overview, GZJF, JCDJ, XLS, DEPT, LOCKED]);
  expect(r.code).toBe(2); // the locked file
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(overview);
  ws = wb.worksheets[0];
  header = -1;
  ws.eachRow((row, n) => {
    if (header < 0 && row.getCell(1).value === '文件') header = n;
  });
});

const headerRow = () => (ws.getRow(header).values as unknown[]).slice(1);
const col = (name: string) => headerRow().indexOf(name) + 1;
const tableRows = () => {
  const rows: ExcelJS.Row[] = [];
  for (let n = header + 1; ws.getRow(n).getCell(1).value; n++) rows.push(ws.getRow(n));
  return rows;
};

test('one row per table under 文件 / counts / 填报总分 / 重算总分 / 评价等次, worst files first', () => {
  expect(headerRow()).toEqual(['文件', '工作表', '名称', '错误', '警告', '提示', '填报总分', '重算总分', '评价等次', '首个问题']);
  const rows = tableRows();
  const files = rows.map((r) => cellText(r.getCell(1).value));
  expect(files).toHaveLength(5);
  expect(files[0]).toBe('password.xlsx'); // could not be read: on top, with its reason
  expect(cellText(rows[0].getCell(3).value)).toBe('文件设置了打开密码：请去掉密码后再检查');
  const errors = rows.slice(1).map((r) => r.getCell(col('错误')).value as number);
  expect(errors).toEqual([...errors].sort((a, b) => b - a));
  expect(errors[0]).toBeGreaterThan(errors[errors.length - 1]);
  const jcdj = rows.find((r) => cellText(r.getCell(1).value) === 'kaifu-2022-project-jcdj.xlsx')!;
  expect(jcdj.getCell(col('填报总分')).value).toBe(97.75);
  expect(jcdj.getCell(col('重算总分')).value).toBe(96.55);
  expect(jcdj.getCell(col('评价等次')).value).toBe('优');
  expect(cellText(jcdj.getCell(col('首个问题')).value)).toMatch(/^B13 /);
  expect(cellText(ws.getCell('A2').value)).toMatch(/^共 5 个文件、4 张表：错误 \d+ · 警告 \d+ · 提示 \d+；1 个文件未能检查/);
});

test('links are relative, point at the highlighted copies, and name a sheet and cell that exist there', async () => {
  const links = await linksOf(overview);
  expect(links.length).toBeGreaterThan(20);
  const from = path.dirname(overview);
  const books = new Map<string, ExcelJS.Workbook>();
  for (const l of links) {
    expect(path.isAbsolute(l.target)).toBe(false);
    const file = path.resolve(from, decodeURIComponent(l.target));
    expect(fs.existsSync(file)).toBe(true);
    if (l.location === null) continue; // the unreadable file: a link to the file itself
    expect(path.dirname(file)).toBe(out); // the copies, not the originals
    const m = /^'((?:[^']|'')+)'!([A-Z]+\d+)$/.exec(l.location);
    expect(m).not.toBeNull();
    if (!books.has(file)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      books.set(file, wb);
    }
    expect(books.get(file)!.getWorksheet(m![1].replace(/''/g, "'"))).toBeDefined();
  }
  // The jcdj row's 首个问题 opens its copy at B13.
  const jcdj = tableRows().find((r) => cellText(r.getCell(1).value) === 'kaifu-2022-project-jcdj.xlsx')!;
  const first = links.find((l) => l.ref === `J${jcdj.number}`)!;
  expect(first).toEqual({ ref: `J${jcdj.number}`, target: '../%E5%89%AF%E6%9C%AC/kaifu-2022-project-jcdj.checked.xlsx', location: "'项目支出自评表'!B13" });
  // The .xls input links to its converted copy.
  expect(links.some((l) => l.target.endsWith('/hengshan-2022-project.xls.checked.xlsx'))).toBe(true);
});

test('findings block: every finding with its file and a link to its cell, worst files first', async () => {
  let at = -1;
  ws.eachRow((row, n) => {
    if (n > header && row.getCell(1).value === '文件' && row.getCell(2).value === '位置') at = n;
  });
  expect(at).toBeGreaterThan(header);
  const first = ws.getRow(at + 1);
  expect(cellText(first.getCell(2).value)).toMatch(/^.+![A-Z]+\d+$/);
  const [sheet, cell] = String(cellText(first.getCell(2).value)).split('!');
  const link = (await linksOf(overview)).find((l) => l.ref === `B${at + 1}`)!;
  expect(link.target).toMatch(/\.checked\.xlsx$/);
  expect(link.location).toBe(`'${sheet}'!${cell}`);
  // The worst readable file's findings come first.
  expect(cellText(first.getCell(1).value)).toBe(cellText(tableRows()[1].getCell(1).value));
});

test('--no-write: the overview links to the original files', async () => {
  const file = path.join(dir, 'plain', '总览.xlsx');
  await pe(['--quiet', '--no-write', '--summary', file, JCDJ]);
  const links = await linksOf(file);
  expect(links.length).toBeGreaterThan(0);
  for (const l of links) expect(path.resolve(path.dirname(file), decodeURIComponent(l.target))).toBe(JCDJ);
});

test('re-checking a copy: old marks go (the user fill comes back), only current findings are painted', async () => {
  const wd = tmpDir('recheck');
  // A user fill on H24 (a flagged cell) and a user note on H29 (flagged too).
  const src = new ExcelJS.Workbook();
  await src.xlsx.readFile(JCDJ);
  const s = src.worksheets[0];
  s.getCell('H24').style = { ...s.getCell('H24').style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } } };
  s.getCell('H29').note = '财务科：已核';
  const input = path.join(wd, '基层党建.xlsx');
  await src.xlsx.writeFile(input);

  await pe(['--quiet', '--out', path.join(wd, 'o1'), input]);
  const c1 = path.join(wd, 'o1', '基层党建.checked.xlsx');
  const a = new ExcelJS.Workbook();
  await a.xlsx.readFile(c1);
  const sa = a.getWorksheet('项目支出自评表')!;
  expect((sa.getCell('H24').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  expect(a.getWorksheet('_PeCheckMarks')!.state).toBe('veryHidden');
  // The department corrects H24 in the copy and sends it back.
  sa.getCell('H24').value = 5;
  const back = path.join(wd, '回传', '基层党建.checked.xlsx');
  fs.mkdirSync(path.dirname(back));
  await a.xlsx.writeFile(back);

  const r = await pe(['--out', path.join(wd, 'o2'), back]);
  expect(r.out).toMatch(/已先清除上次检查留下的 \d+ 处标记/);
  const b = new ExcelJS.Workbook();
  await b.xlsx.readFile(path.join(wd, 'o2', '基层党建.checked.xlsx'));
  const sb = b.getWorksheet('项目支出自评表')!;
  expect((sb.getCell('H24').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF00B050'); // the user's green is back
  expect(sb.getCell('H24').note).toBeUndefined(); // no finding, no note
  expect(noteText(sb.getCell('H29').note)).toMatch(/^财务科：已核\n\n【绩效自评助手】/); // theirs kept, ours once
  expect(noteText(sb.getCell('H29').note).match(/【绩效自评助手】/g)).toHaveLength(1);
  expect((sb.getCell('H29').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  expect(b.worksheets.filter((w) => w.name.startsWith('自评汇总'))).toHaveLength(1);
  expect(b.worksheets.filter((w) => w.name === '_PeCheckMarks')).toHaveLength(1);
});
