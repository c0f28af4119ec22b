// The highlighted copy is the user's package patched (issue 21): for every fixture and every format
// copy, the patched copy has the same values, formulas, fills and notes as the copy the exceljs
// round trip made (files/referenceCopy.ts), every part the input had is still there byte for byte
// except the ones we write, and (when LibreOffice is installed) every copy opens in LibreOffice.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { markFills, planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { buildSummary } from '../../src/core/summary';
import { checkAndCopy, readAndCheck } from '../../src/files/checkBytes';
import { MARKS_SHEET } from '../../src/files/marks';
import { referenceCopy } from '../../src/files/referenceCopy';
import { XlsxPackage } from '../../src/files/zipPackage';
import { FIXTURES, tmpDir } from './helpers';

jest.setTimeout(300000);

function workbooksUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...workbooksUnder(full));
    else if (/\.(xlsx|xlsm|xls|et|ods|xlsb)$/i.test(e.name)) out.push(full);
  }
  return out.sort();
}

const FILES = workbooksUnder(FIXTURES);

type Cell = { value: unknown; fill: string | null; note: string };

/** Every cell of a workbook as the user sees it: value or formula, solid fill colour, note text. */
async function cellsOf(bytes: Uint8Array): Promise<Map<string, Map<string, Cell>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, Map<string, Cell>>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, Cell>();
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const v = c.value as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; text?: string } | null;
        // An empty string shows as a blank cell (exceljs writes one as a shared string, we inline it).
        const value =
          (v as unknown) === '' ? null : v && typeof v === 'object' && !(v instanceof Date)
            ? v.formula ?? v.sharedFormula ?? (v.richText ? v.richText.map((t) => t.text).join('') : v.text ?? JSON.stringify(v))
            : v;
        const f = c.style?.fill as ExcelJS.FillPattern | undefined;
        const fill = f && f.type === 'pattern' && f.pattern === 'solid' ? (f.fgColor?.argb ?? null) : null;
        const n = c.note as string | { texts?: { text: string }[] } | undefined;
        const note = typeof n === 'string' ? n : (n?.texts ?? []).map((t) => t.text).join('');
        if (value === null && fill === null && note === '') return;
        cells.set(c.address, { value, fill, note });
      }),
    );
    out.set(ws.name, cells);
  });
  return out;
}

async function bothCopies(file: string) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const name = path.basename(file);
  const read = await readAndCheck(bytes, name, { profile: mof2020, write: true });
  if (read.error !== null || !read.copySource) return null;
  const marks = planHighlights(read.check!, { grids: read.grids });
  const model = buildSummary([{ file: name, check: read.check! }]);
  const patched = await checkAndCopy(bytes, name, { profile: mof2020, write: true });
  const reference = await referenceCopy(read.copySource, marks, model, Object.values(markFills));
  return { source: read.copySource, patched: patched.copy!, reference: reference.bytes, marks };
}

const copies = new Map<string, Uint8Array>();

describe.each(FILES.map((f) => path.relative(FIXTURES, f)))('%s', (rel) => {
  test('same values, formulas, fills and notes as the exceljs copy; every other part unchanged', async () => {
    const both = await bothCopies(path.join(FIXTURES, rel));
    if (!both) return; // not a checked table (no copy either way)
    copies.set(rel, both.patched);
    const [mine, ref] = await Promise.all([cellsOf(both.patched), cellsOf(both.reference)]);
    expect([...mine.keys()]).toEqual([...ref.keys()]);
    for (const [sheet, cells] of ref) {
      if (sheet === MARKS_SHEET) continue; // the record says xf:N where exceljs said its fill JSON
      expect([sheet, Object.fromEntries(mine.get(sheet)!)]).toEqual([sheet, Object.fromEntries(cells)]);
    }
    expect(both.marks.length === 0 || mine.has(MARKS_SHEET)).toBe(true);

    // Parts: all of the input's are there; those we do not write are byte for byte the same.
    const input = XlsxPackage.open(both.source);
    const output = XlsxPackage.open(both.patched);
    const ours = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/styles\.xml|xl\/worksheets\/.*|xl\/comments\d*\.xml|xl\/drawings\/vmlDrawing\d*\.vml)$/;
    const markedSheets = new Set(both.marks.map((m) => m.sheet));
    for (const part of input.names) {
      expect([part, output.has(part)]).toEqual([part, true]);
      if (ours.test(part)) continue;
      expect([part, Buffer.compare(input.bytes(part)!, output.bytes(part)!)]).toEqual([part, 0]);
    }
    // Sheets without marks are not touched at all.
    const wbXml = input.text('xl/workbook.xml')!;
    if (markedSheets.size === 0 && !wbXml.includes('_PeCheck')) {
      for (const part of input.names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) expect(Buffer.compare(input.bytes(part)!, output.bytes(part)!)).toBe(0);
    }
  });
});

test('checking the copy again restores the earlier marks first: same cells as a first check', async () => {
  const file = path.join(FIXTURES, 'kaifu-2022-dept.xlsx');
  const bytes = new Uint8Array(fs.readFileSync(file));
  const first = await checkAndCopy(bytes, 'a.xlsx', { profile: mof2020, write: true });
  const second = await checkAndCopy(first.copy!, 'a.checked.xlsx', { profile: mof2020, write: true });
  expect(second.restored).toBeGreaterThan(10);
  const [a, b] = await Promise.all([cellsOf(first.copy!), cellsOf(second.copy!)]);
  expect([...b.keys()]).toEqual([...a.keys()]); // one 自评汇总, one record: nothing stacked
  for (const [sheet, cells] of a) {
    if (sheet === MARKS_SHEET) continue;
    const other = b.get(sheet)!;
    // 自评汇总 names the file; everything else must be the same cell for cell.
    if (sheet === '自评汇总') continue;
    expect([sheet, Object.fromEntries(other)]).toEqual([sheet, Object.fromEntries(cells)]);
  }
  // A third check over a copy whose marks the user fixed by hand: the user's colour stays.
  const third = await checkAndCopy(second.copy!, 'a.checked.xlsx', { profile: mof2020, write: true });
  expect(third.restored).toBe(second.restored);
});

test('a mark on a merged 一级 block (B14:B32) is its note alone: the block keeps its colour', async () => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'kaifu-2022-dept.xlsx')));
  const copy = (await checkAndCopy(bytes, 'a.xlsx', { profile: mof2020, write: true })).copy!;
  const [before, after] = await Promise.all([cellsOf(bytes), cellsOf(copy)]);
  const sheet = '整体支出自评表';
  for (const ref of ['B14', 'B33']) {
    expect(after.get(sheet)!.get(ref)!.fill).toBe(before.get(sheet)!.get(ref)?.fill ?? null);
    expect(after.get(sheet)!.get(ref)!.note).toMatch(/^【绩效自评助手】[\s\S]*一级指标|^【绩效自评助手】[\s\S]*分值合计/);
  }
  // A single wrong cell beside it is still filled.
  expect(after.get(sheet)!.get('H25')!.fill).toBe(`FF${markFills.error}`);
});

const soffice = spawnSync('soffice', ['--version']).status === 0;
(soffice ? test : test.skip)('LibreOffice opens every patched copy', () => {
  expect(copies.size).toBeGreaterThan(20);
  const dir = tmpDir('lo-patched');
  const names: string[] = [];
  let i = 0;
  for (const bytes of copies.values()) {
    const name = path.join(dir, `copy${i++}.xlsx`);
    fs.writeFileSync(name, bytes);
    names.push(name);
  }
  const out = path.join(dir, 'csv');
  const lo = spawnSync('soffice', ['--headless', '--convert-to', 'csv', '--outdir', out, ...names], { encoding: 'utf8', timeout: 240000 });
  expect(lo.status).toBe(0);
  const made = fs.existsSync(out) ? fs.readdirSync(out) : [];
  expect(made.length).toBe(names.length);
  for (const f of made) expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(100);
});
