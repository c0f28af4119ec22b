// 清除标记 takes our 自评汇总 away with the marks (issue 19): its findings are out of date once the
// marks are gone, and a cleared workbook is what gets sent on. A user's own sheet of that name stays;
// under structure protection ours stays and is named; the pane's notice says what went.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { buildSummary, summaryLayout } from '../../src/core/summary';
import { columnLetters } from '../../src/core/address';
import { createExcelGateway, SUMMARY_KEY, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { strings } from '../../src/taskpane/i18n';
import { initialState, reducer, writeSummaryOf } from '../../src/taskpane/state';
import { FakeExcel } from '../fakes/fakeExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

async function fake(): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', 'kaifu-2022-project-jcdj.xlsx'));
  return new FakeExcel(fakeModelFromExcelJs(wb), { apiVersion: '1.18' });
}

const gatewayFor = (f: FakeExcel) => createExcelGateway({ run: f.run as unknown as ExcelRun, isSetSupported: f.isSetSupported });

async function checked(f: FakeExcel) {
  const gw = gatewayFor(f);
  const check = checkWorkbook(await gw.readSheets(), mof2020);
  await gw.applyMarks(planHighlights(check));
  const name = await gw.writeSummary(buildSummary([{ file: 'a.xlsx', check }]));
  return { gw, name };
}

test('the marks and our 自评汇总 go; the record of it too; a user sheet named 自评汇总 stays', async () => {
  const f = await fake();
  f.model.sheets.push({ id: '{user}', name: '自评汇总', cells: { A1: { v: '我的汇总' } }, merges: [] });
  const { gw, name } = await checked(f);
  expect(name).toBe('自评汇总(2)');
  const r = await gw.clearMarks();
  expect(r.summaryRemoved).toBe('自评汇总(2)');
  expect(f.model.sheets.map((s) => s.name)).toEqual(['项目支出自评表', '自评汇总']);
  expect(f.model.sheets[1].cells).toEqual({ A1: { v: '我的汇总' } });
  expect(f.model.settings[SUMMARY_KEY]).toBeUndefined();
  // nothing more to remove the second time
  expect((await gw.clearMarks()).summaryRemoved).toBeUndefined();
});

test('under workbook structure protection our 自评汇总 stays and is named', async () => {
  const f = await fake();
  const { gw } = await checked(f);
  f.model.structureProtected = true;
  const r = await gw.clearMarks();
  expect(r.summaryRemoved).toBeUndefined();
  expect(r.problems).toContainEqual({ sheet: '自评汇总', reason: 'structure', cells: 0 });
  expect(f.model.sheets.map((s) => s.name)).toContain('自评汇总');
});

test('the pane says what went, and drops its link to the removed sheet', () => {
  const before = { ...initialState, summarySheet: '自评汇总' };
  const after = reducer(before, { type: 'clearDone', restored: 12, problems: [], summaryRemoved: '自评汇总' });
  expect(after.notice).toEqual({ kind: 'cleared', restored: 12, summary: '自评汇总' });
  expect(after.summarySheet).toBeNull();
  // Fills, notes and the sheet: everything that went is named.
  expect(strings.zh.cleared(12, '自评汇总')).toBe('已清除标记：恢复了 12 个单元格的原有底色，删除了本工具添加的批注，并删除了“自评汇总”工作表。');
  expect(strings.zh.cleared(12)).toBe('已清除标记：恢复了 12 个单元格的原有底色，删除了本工具添加的批注。');
});

test('保留自评汇总 after 清除标记: the sheet is written again from the same check, the marks stay cleared', async () => {
  const f = await fake();
  const { gw } = await checked(f);
  const check = checkWorkbook(await gw.readSheets(), mof2020);
  const cleared = await gw.clearMarks();
  expect(cleared.summaryRemoved).toBe('自评汇总');
  const fills = JSON.stringify(f.fills(['项目支出自评表']));
  const sheet = await writeSummaryOf(gw, check, 'a.xlsx', 'zh-CN');
  expect(sheet).toBe('自评汇总');
  expect(f.model.sheets.map((s) => s.name)).toEqual(['项目支出自评表', '自评汇总']);
  expect(f.model.settings[SUMMARY_KEY]).toBeDefined(); // ours again: the next 清除标记 removes it
  expect(JSON.stringify(f.fills(['项目支出自评表']))).toBe(fills);
  expect(f.model.notes).toEqual([]);
  const state = reducer({ ...initialState, check, notice: { kind: 'cleared', restored: 3, summary: '自评汇总' } }, { type: 'summaryKept', sheet });
  expect(state.notice).toEqual({ kind: 'summaryKept', sheet: '自评汇总' });
  expect(state.summarySheet).toBe('自评汇总');
  expect(strings.zh.summaryKept(sheet)).toBe('已重新生成“自评汇总”工作表；单元格的底色和批注仍已清除。');
  expect((await gw.clearMarks()).summaryRemoved).toBe('自评汇总');
});

test('自评汇总 in Excel is laid out as the files are: grid rows wrap, A4 landscape one page wide, a header on every page, a filter on the findings', async () => {
  const f = await fake();
  const gw = gatewayFor(f);
  const check = checkWorkbook(await gw.readSheets(), mof2020);
  const model = buildSummary([{ file: 'a.xlsx', check }]);
  await gw.writeSummary(model);
  const sheet = f.model.sheets.find((s) => s.name === '自评汇总')!;
  const layout = summaryLayout(model);
  const width = Math.max(...model.rows.map((r) => r.length));
  const last = columnLetters(width - 1);
  // The legend row, then the tables and the findings: each run of grid rows wraps and fits its rows.
  expect(layout.gridRows[0]).toBe(2);
  expect(sheet.wrapped).toContain(`A${layout.header + 1}:${last}${layout.header + 1 + (model.findingsHeaderRow - 1 - layout.header) - 1}`);
  expect(sheet.wrapped).toContain(`A${model.findingsHeaderRow + 1}:${last}${model.rows.length}`);
  expect(sheet.autofitRows).toEqual(sheet.wrapped);
  expect(sheet.pageLayout).toEqual({ orientation: 'Landscape', paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: `$${model.findingsHeaderRow + 1}:$${model.findingsHeaderRow + 1}` });
  expect(sheet.autoFilter).toBe(`A${model.findingsHeaderRow + 1}:${last}${model.rows.length}`);
  // An Excel without ExcelApi 1.9 (Excel 2016 retail): the sheet is written and wraps; no print settings.
  const old = new FakeExcel(JSON.parse(JSON.stringify(f.model)), { apiVersion: '1.8' });
  expect(await gatewayFor(old).writeSummary(model)).toBe('自评汇总');
  const oldSheet = old.model.sheets.find((s) => s.name === '自评汇总')!;
  expect(oldSheet.wrapped?.length).toBeGreaterThan(0);
  expect(oldSheet.pageLayout).toBeUndefined();
  expect(oldSheet.autoFilter).toBeUndefined();
});
