// The WPS host over the fake WPS (test/fakes/fakeWps.ts), with the suites the Excel gateway passes
// on the fake Excel: for every fixture the findings pe-check computes; marks then 清除标记 leave the
// workbook as it was (byte for byte, as JSON); protected sheets keep the check and are named; the
// summary, 定位, settings and 公式转为数值 as in Excel.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { buildSummary } from '../../src/core/summary';
import { columnLetters } from '../../src/core/address';
import { mof2020 } from '../../src/core/profile';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import { MARKS_SHEET } from '../../src/files/marks';
import { DEFAULT_SETTINGS, SUMMARY_SHEET } from '../../src/taskpane/host';
import { performCheck } from '../../src/taskpane/state';
import { SETTINGS_PROPERTY, createWpsGateway } from '../../src/wps/gateway';
import type { WpsApplication } from '../../src/wps/wpsApi';
import type { FakeWorkbookModel } from '../fakes/fakeExcel';
import { FakeWps, FakeWpsRange } from '../fakes/fakeWps';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

jest.setTimeout(120000);

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const fixtureFiles = [
  ...fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')),
  ...fs.readdirSync(path.join(FIXTURES, 'realworld')).filter((f) => f.endsWith('.xlsx')).map((f) => `realworld/${f}`),
];

async function loadFixture(file: string): Promise<{ wb: ExcelJS.Workbook; model: FakeWorkbookModel }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIXTURES, file));
  return { wb, model: fakeModelFromExcelJs(wb) };
}

const now = () => Promise.resolve();
const gatewayOf = (fake: FakeWps) => createWpsGateway({ app: fake as unknown as WpsApplication, yieldToHost: now });
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('the WPS host reads what pe-check reads', () => {
  test.each(fixtureFiles)('%s: the same findings and tables', async (file) => {
    const { wb, model } = await loadFixture(file);
    const expected = checkWorkbook(workbookToGrids(wb), mof2020);
    const fake = new FakeWps(model);
    const grids = await gatewayOf(fake).readSheets();
    const got = checkWorkbook(grids, mof2020);
    expect(got.findings).toEqual(expected.findings);
    expect(got.tables).toEqual(expected.tables);
    expect(got.findings.length).toBeGreaterThan(0);
  });

  test('bulk reads: values in one call per sheet; formats per column; merge probes only where rows have merges', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const fake = new FakeWps(model);
    await gatewayOf(fake).readSheets();
    const cells = Object.keys(model.sheets[0].cells).length;
    // Asking every cell for its value, format, merge state and text would be ≥ 4 calls a cell.
    expect(fake.calls).toBeLessThan(cells * 3);
    // Without merged cells it is a handful of calls per column.
    const flat = JSON.parse(JSON.stringify(model)) as FakeWorkbookModel;
    flat.sheets[0].merges = [];
    const fake2 = new FakeWps(flat);
    await gatewayOf(fake2).readSheets();
    expect(fake2.calls).toBeLessThan(cells / 2);
  });

  test('errors, error-looking text, a used range starting at C3, hidden sheets', async () => {
    const model: FakeWorkbookModel = {
      sheets: [
        { id: '{a}', name: '表', cells: { C3: { v: '#DIV/0!', t: 'Error', f: '=1/0' }, D3: { v: '#N/A' }, C4: { v: 0.9, nf: '0%' }, D4: { v: 45000, nf: 'yyyy-mm-dd' }, C5: { v: '合并' } }, merges: ['C5:D5', 'E7:F7'] },
        { id: '{b}', name: '隐藏', cells: { A1: { v: 1 } }, merges: [], visibility: 'Hidden' },
      ],
      settings: {},
      notes: [],
      comments: [],
    };
    const read = await gatewayOf(new FakeWps(model)).readWorkbook!();
    expect(read.hidden).toEqual(['隐藏']);
    const g = read.grids[0];
    expect(g.values[2].slice(2, 4)).toEqual(['#DIV/0!', "'#N/A"]);
    expect(g.values[3].slice(2, 4)).toEqual([0.9, 45000]);
    expect(g.numberFormats![3].slice(2, 4)).toEqual(['0%', 'yyyy-mm-dd']);
    expect(g.merges).toEqual([{ top: 4, left: 2, bottom: 4, right: 3 }]);
    expect(g.values[0]).toEqual([]);
  });
});

describe('marks: painted, remembered in the workbook, and 清除标记 gives it back byte for byte', () => {
  test.each(fixtureFiles)('%s', async (file) => {
    const { model } = await loadFixture(file);
    const grids = await gatewayOf(new FakeWps(clone(model))).readSheets();
    const first = checkWorkbook(grids, mof2020);
    const marks = planHighlights(first);
    // The user's own fills and a colleague's note, on marked and unmarked cells.
    const sheet = model.sheets.find((s) => s.name === marks[0].sheet)!;
    sheet.cells[marks[0].cell] = { ...(sheet.cells[marks[0].cell] ?? {}), fill: { color: '#00B050' } };
    if (marks[1]) {
      const s1 = model.sheets.find((s) => s.name === marks[1].sheet)!;
      s1.cells[marks[1].cell] = { ...(s1.cells[marks[1].cell] ?? {}), fill: { color: '#FFFF00', pattern: 'Gray25' } };
    }
    if (marks[2]) model.notes.push({ sheetId: model.sheets.find((s) => s.name === marks[2].sheet)!.id, cell: marks[2].cell, content: '同事的批注' });
    sheet.cells['Z99'] = { fill: { color: '#123456' } };
    const before = JSON.stringify(model);

    const fake = new FakeWps(model);
    const gw = gatewayOf(fake);
    const result = await performCheck(gw, DEFAULT_SETTINGS, 'book.xlsx', () => undefined, 'zh');
    expect(result.check.findings).toEqual(first.findings);
    const painted = planHighlights(result.check, { grids });
    const beforeCells = new Map((JSON.parse(before) as FakeWorkbookModel).sheets.map((s) => [s.name, s.cells]));
    for (const m of painted) {
      const s = model.sheets.find((x) => x.name === m.sheet)!;
      // A merged block (an 一级 label) keeps its own fill: its note alone marks it.
      if (m.noteOnly) expect(s.cells[m.cell]?.fill).toEqual(beforeCells.get(m.sheet)![m.cell]?.fill);
      else expect(s.cells[m.cell]?.fill?.color).toBe(`#${m.fill}`);
    }
    // our notes everywhere but on the colleague's cell, which is named as a problem
    const ours = model.notes.filter((n) => n.content.startsWith('【绩效自评助手】'));
    expect(ours.length).toBe(painted.length - (marks[2] ? 1 : 0));
    if (marks[2]) expect(result.problems).toEqual([{ sheet: marks[2].sheet, reason: 'comment', cells: 1 }]);
    const record = model.sheets.find((s) => s.name === MARKS_SHEET)!;
    expect(record.visibility).toBe('VeryHidden');
    expect(model.sheets.some((s) => s.name === SUMMARY_SHEET)).toBe(true);
    // the user's values are untouched
    for (const s of JSON.parse(before).sheets as FakeWorkbookModel['sheets'])
      for (const [addr, c] of Object.entries(s.cells)) expect(model.sheets.find((x) => x.id === s.id)!.cells[addr]?.v).toEqual(c.v);

    const cleared = await gw.clearMarks();
    expect(cleared.restored).toBe(painted.filter((m) => !m.noteOnly).length);
    expect(cleared.summaryRemoved).toBe(SUMMARY_SHEET);
    // Byte for byte (our 自评汇总 went too), but for the document property that named it, now blank.
    const after = clone(model);
    expect(after.documentProperties).toEqual({ 'peSelfCheck.summary': '' });
    delete after.documentProperties;
    expect(JSON.stringify(after)).toBe(before);
  });

  test('checking again clears the previous marks first; a fill the user set since is kept', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const before = JSON.stringify(model.sheets[0].cells);
    const fake = new FakeWps(model);
    const gw = gatewayOf(fake);
    await performCheck(gw, DEFAULT_SETTINGS, 'a', () => undefined, 'zh');
    const marks = planHighlights(checkWorkbook(await gw.readSheets(), mof2020));
    await performCheck(gw, DEFAULT_SETTINGS, 'a', () => undefined, 'zh');
    expect(model.notes.length).toBe(marks.length);
    model.sheets[0].cells[marks[0].cell].fill = { color: '#ABCDEF' };
    await gw.clearMarks();
    const cells = JSON.parse(before) as Record<string, { fill?: unknown }>;
    cells[marks[0].cell] = { ...cells[marks[0].cell], fill: { color: '#ABCDEF' } };
    expect(model.sheets[0].cells).toEqual(cells);
    expect(model.notes).toEqual([]);
  });

  test('WPS refusing one cell mid-way (a cell being edited): the rest is marked, the cell named, 清除标记 still gives everything back', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const before = JSON.stringify(model);
    const spy = jest.spyOn(FakeWpsRange.prototype, 'AddComment').mockImplementationOnce(() => {
      throw new Error('正在编辑单元格，无法执行此操作');
    });
    try {
      const gw = gatewayOf(new FakeWps(model));
      const result = await performCheck(gw, DEFAULT_SETTINGS, 'a', () => undefined, 'zh');
      const marks = planHighlights(result.check);
      expect(result.problems).toEqual([{ sheet: marks[0].sheet, reason: 'failed', cells: 1 }]);
      expect(model.notes.length).toBe(marks.length - 1);
      await gw.clearMarks();
      const after = clone(model);
      after.sheets = after.sheets.filter((s) => s.name !== SUMMARY_SHEET);
      delete after.documentProperties;
      expect(JSON.stringify(after)).toBe(before);
    } finally {
      spy.mockRestore();
    }
  });

  test('a protected sheet: the check is kept, nothing written there, the sheet is named', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.sheets[0].protected = true;
    const before = JSON.stringify(model.sheets[0]);
    const result = await performCheck(gatewayOf(new FakeWps(model)), DEFAULT_SETTINGS, 'a', () => undefined, 'zh');
    expect(result.check.findings.length).toBeGreaterThan(0);
    expect(result.problems).toContainEqual({ sheet: model.sheets[0].name, reason: 'protected', cells: planHighlights(result.check).length });
    expect(JSON.stringify(model.sheets[0])).toBe(before);
  });

  test('structure protection: nothing painted that could not be cleared, the summary refused in Chinese', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.structureProtected = true;
    const before = JSON.stringify(model);
    const result = await performCheck(gatewayOf(new FakeWps(model)), DEFAULT_SETTINGS, 'a', () => undefined, 'zh');
    expect(result.problems.map((p) => p.reason).sort()).toEqual(['structure', 'structure']);
    expect(result.summarySheet).toBeNull();
    expect(JSON.stringify(model)).toBe(before);
  });
});

describe('自评汇总, 定位, settings, 公式转为数值', () => {
  test('the summary: a new sheet after the user\'s, replaced on the next check, a user sheet of that name kept', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.sheets.push({ id: '{user}', name: SUMMARY_SHEET, cells: { A1: { v: '我自己的表' } }, merges: [] });
    const gw = gatewayOf(new FakeWps(model));
    const check = checkWorkbook(await gw.readSheets(), mof2020);
    const model1 = buildSummary([{ file: 'a', check }]);
    const name = await gw.writeSummary(model1);
    expect(name).toBe(`${SUMMARY_SHEET}(2)`);
    expect(await gw.writeSummary(model1)).toBe(name);
    expect(model.sheets.filter((s) => s.name.startsWith(SUMMARY_SHEET)).map((s) => s.name)).toEqual([SUMMARY_SHEET, name]);
    expect(model.sheets.find((s) => s.id === '{user}')!.cells).toEqual({ A1: { v: '我自己的表' } });
    const ours = model.sheets.find((s) => s.name === name)!;
    const texts = Object.values(ours.cells).map((c) => c.v);
    for (const f of check.findings.slice(0, 5)) expect(texts).toContain(f.message);
    expect(Object.values(ours.cells).some((c) => c.link?.address?.includes('!'))).toBe(true);
  });

  test('定位 activates the sheet and selects the cell; a missing sheet says what to do', async () => {
    const { model } = await loadFixture('kaifu-2022-dept.xlsx');
    const gw = gatewayOf(new FakeWps(model));
    await gw.selectCell(model.sheets[0].name, 'F14');
    expect(model.selection).toEqual({ sheetId: model.sheets[0].id, address: 'F14' });
    await expect(gw.selectCell('没有这张表', 'A1')).rejects.toThrow(/找不到工作表/);
  });

  test('settings live in the workbook (a document property) and only known values are kept', async () => {
    const { model } = await loadFixture('kaifu-2022-dept.xlsx');
    const gw = gatewayOf(new FakeWps(model));
    expect(await gw.loadSettings()).toEqual(DEFAULT_SETTINGS);
    await gw.saveSettings({ profile: 'gx130', overTarget: 1.3, reverse: 'ratio' });
    expect(await gatewayOf(new FakeWps(model)).loadSettings()).toEqual({ profile: 'gx130', overTarget: 1.3, reverse: 'ratio' });
    model.documentProperties![SETTINGS_PROPERTY] = '{oops';
    expect(await gw.loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  test('公式转为数值: only PE.* formulas become their values, protected sheets are named', async () => {
    const model: FakeWorkbookModel = {
      sheets: [
        { id: '{a}', name: '表', cells: { A1: { v: 3.89, f: '=PE.SCORE("≥90%","70%",5)' }, A2: { v: 7, f: '=SUM(B1:B2)' }, A3: { v: 9.55, f: '=ROUND(PE.EXECSCORE(2000,1909.3),2)', nf: '0.00' } }, merges: [] },
        { id: '{b}', name: '锁定', cells: { A1: { v: 1, f: '=PE.GRADE(96)' } }, merges: [], protected: true },
      ],
      settings: {},
      notes: [],
      comments: [],
    };
    const gw = gatewayOf(new FakeWps(model));
    expect(await gw.countPeFormulas!('workbook')).toEqual({ cells: 3, sheets: ['表', '锁定'], onProtected: 1 });
    expect(await gw.convertPeFormulas!('workbook')).toEqual({ converted: 2, problems: [{ sheet: '锁定', reason: 'protected', cells: 1 }] });
    expect(model.sheets[0].cells).toEqual({ A1: { v: 3.89 }, A2: { v: 7, f: '=SUM(B1:B2)' }, A3: { v: 9.55, nf: '0.00' } });
  });
});

test('自评汇总 in WPS is laid out as in Excel and the files: grid rows wrap, A4 landscape one page wide, a header on every page, a filter on the findings', async () => {
  const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
  const gw = gatewayOf(new FakeWps(model));
  const check = checkWorkbook(await gw.readSheets(), mof2020);
  const summary = buildSummary([{ file: 'a.xlsx', check }]);
  await gw.writeSummary(summary);
  const sheet = model.sheets.find((s) => s.name === SUMMARY_SHEET)!;
  const last = columnLetters(Math.max(...summary.rows.map((r) => r.length)) - 1);
  const title = summary.findingsHeaderRow + 1;
  expect(sheet.wrapped).toContain(`A${title}:${last}${summary.rows.length}`);
  expect(sheet.autofitRows).toEqual(sheet.wrapped);
  expect(sheet.pageLayout).toEqual({ orientation: 'Landscape', paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: `$${title}:$${title}` });
  expect(sheet.autoFilter).toBe(`A${title}:${last}${summary.rows.length}`);
});
