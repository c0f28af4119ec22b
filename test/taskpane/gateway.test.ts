import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { buildSummary } from '../../src/core/summary';
import { mof2020 } from '../../src/core/profile';
import type { SummaryModel, WorkbookCheck } from '../../src/core/types';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import { createExcelGateway, DEFAULT_SETTINGS, MARKS_KEY, SUMMARY_KEY, type ExcelRun, type GatewayOptions } from '../../src/taskpane/excel/gateway';
import { PeExcelError, describeExcelError } from '../../src/taskpane/excel/errors';
import { FakeExcel, FakeOfficeError, type FakeExcelOptions, type FakeSheet, type FakeWorkbookModel } from '../fakes/fakeExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const fixtureFiles = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));

async function loadFixture(file: string): Promise<{ wb: ExcelJS.Workbook; model: FakeWorkbookModel }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIXTURES, file));
  return { wb, model: fakeModelFromExcelJs(wb) };
}

function gatewayFor(fake: FakeExcel, extra: Partial<GatewayOptions> = {}) {
  return createExcelGateway({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, ...extra });
}

/** The pane's check flow: read, check, mark, summary. */
async function checkThroughPane(fake: FakeExcel, extra: Partial<GatewayOptions> = {}): Promise<{ check: WorkbookCheck; syncs: Record<string, number> }> {
  const gw = gatewayFor(fake, extra);
  const syncs: Record<string, number> = {};
  let before = fake.syncCount;
  const step = (name: string) => {
    syncs[name] = fake.syncCount - before;
    before = fake.syncCount;
  };
  const grids = await gw.readSheets();
  step('read');
  const check = checkWorkbook(grids, mof2020);
  await gw.applyMarks(planHighlights(check));
  step('mark');
  await gw.writeSummary(buildSummary([{ file: 'book.xlsx', check }]));
  step('summary');
  return { check, syncs };
}

/** A generated 项目支出绩效自评表 with n indicator rows (some wrong scores, some missing reasons). */
function syntheticModel(n: number): FakeWorkbookModel {
  const cells: FakeSheet['cells'] = {};
  const put = (addr: string, v: string | number, nf?: string) => {
    cells[addr] = nf ? { v, nf } : { v };
  };
  put('A1', '项目支出绩效自评表');
  put('A3', '项目名称');
  put('B3', '合成测试项目');
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  header.forEach((h, i) => put(`${String.fromCharCode(65 + i)}5`, h));
  const weight = 90 / n;
  for (let i = 0; i < n; i++) {
    const r = 6 + i;
    put(`A${r}`, '产出指标');
    put(`B${r}`, '数量指标');
    put(`C${r}`, `指标${i + 1}`);
    put(`D${r}`, 100);
    const actual = i % 5 === 0 ? 80 : 100;
    put(`E${r}`, actual);
    put(`F${r}`, Number(weight.toFixed(4)));
    put(`G${r}`, i % 7 === 0 ? 0.1 : Number(weight.toFixed(4)));
  }
  const total = 6 + n;
  put(`A${total}`, '总分');
  put(`F${total}`, 100);
  put(`G${total}`, 95);
  return { sheets: [{ id: '{s1}', name: 'Sheet1', cells, merges: [`A1:H1`] }], settings: {}, notes: [], comments: [] };
}

describe('fake Excel behaves like the real API', () => {
  test('reading a property before load + sync throws', async () => {
    const fake = new FakeExcel(syntheticModel(3));
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => r.values).toThrow(/not available/);
      r.load('values');
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([['项目支出绩效自评表']]);
      const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
      expect(() => missing.isNullObject).toThrow();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
    });
  });

  test('model round-trips through JSON (save and reopen)', () => {
    const fake = new FakeExcel(syntheticModel(3));
    expect(FakeExcel.open(fake.save()).model).toEqual(fake.model);
  });
});

describe('gateway + fake give the findings pe-check computes', () => {
  test.each(fixtureFiles)('%s', async (file) => {
    const { wb, model } = await loadFixture(file);
    const expected = checkWorkbook(workbookToGrids(wb), mof2020);
    const fake = new FakeExcel(model);
    const grids = await gatewayFor(fake).readSheets();
    const got = checkWorkbook(grids, mof2020);
    expect(got.findings).toEqual(expected.findings);
    expect(got.tables).toEqual(expected.tables);
    expect(got.findings.length).toBeGreaterThan(0);
  });

  test('chunked reading (tiny payload budget) gives the same grids', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const whole = await gatewayFor(new FakeExcel(model)).readSheets();
    const fake = new FakeExcel(model);
    const chunked = await gatewayFor(fake, { payloadBudget: 160 * 9 * 4 }).readSheets(); // 4 rows per request
    expect(chunked).toEqual(whole);
  });

  test('a response over the payload limit is retried in smaller chunks', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const whole = await gatewayFor(new FakeExcel(model)).readSheets();
    const fake = new FakeExcel(model, { responseLimit: 3000 });
    const grids = await gatewayFor(fake).readSheets();
    expect(grids).toEqual(whole);
  });

  test('a used range starting at C3 is padded to A1', async () => {
    const model: FakeWorkbookModel = {
      sheets: [{ id: '{a}', name: '表', cells: { C3: { v: 'x' }, D4: { v: 0.9, nf: '0.00%' }, C5: { v: 'm' } }, merges: ['C5:D5'] }],
      settings: {},
      notes: [],
      comments: [],
    };
    const [g] = await gatewayFor(new FakeExcel(model)).readSheets();
    expect(g.values[2][2]).toBe('x');
    expect(g.values[3][3]).toBe(0.9);
    expect(g.numberFormats?.[3][3]).toBe('0.00%');
    expect(g.values[0]).toEqual([]);
    expect(g.values[2].slice(0, 2)).toEqual([null, null]);
    expect(g.merges).toEqual([{ top: 4, left: 2, bottom: 4, right: 3 }]);
  });

  test('an empty sheet gives an empty grid', async () => {
    const model: FakeWorkbookModel = { sheets: [{ id: '{a}', name: '空', cells: {}, merges: [] }], settings: {}, notes: [], comments: [] };
    const progress: string[] = [];
    const grids = await gatewayFor(new FakeExcel(model)).readSheets((p) => progress.push(`${p.done}/${p.total}`));
    expect(grids).toEqual([{ name: '空', values: [], numberFormats: [], merges: [] }]);
    expect(progress).toEqual(['0/1', '1/1']);
  });
});

describe('constant number of syncs', () => {
  test('20-row and 2,000-row tables take the same number of context.sync() calls (one write batch)', async () => {
    // Marks go in batches (marksPerBatch, and the measured request budget) for the request size
    // limit; with one batch and no budget in the way the count is constant.
    const one = { marksPerBatch: 1_000_000, requestBudget: 1e12, payloadBudget: 1e12 };
    const small = await checkThroughPane(new FakeExcel(syntheticModel(20)), one);
    const big = await checkThroughPane(new FakeExcel(syntheticModel(2000)), one);
    expect(big.check.findings.length).toBeGreaterThan(small.check.findings.length * 10);
    expect(big.syncs).toEqual(small.syncs);

    const clearSmall = new FakeExcel(syntheticModel(20));
    const clearBig = new FakeExcel(syntheticModel(2000));
    await checkThroughPane(clearSmall, one);
    await checkThroughPane(clearBig, one);
    const s0 = clearSmall.syncCount;
    const b0 = clearBig.syncCount;
    await gatewayFor(clearSmall, one).clearMarks();
    await gatewayFor(clearBig, one).clearMarks();
    const clearSyncs = { small: clearSmall.syncCount - s0, big: clearBig.syncCount - b0 };
    expect(clearSyncs.big).toBe(clearSyncs.small);
    // Re-checking (clear previous + mark again) is constant too.
    const again = await checkThroughPane(clearBig, one);
    const againSmall = await checkThroughPane(clearSmall, one);
    expect(again.syncs).toEqual(againSmall.syncs);
    // Reported in the hand-over.
    // With the default batch size, marking grows by two syncs per batch of marks, nothing else.
    const batched = await checkThroughPane(new FakeExcel(syntheticModel(2000)), { marksPerBatch: 500, requestBudget: 1e12 });
    const marks = planHighlights(batched.check).length;
    expect(batched.syncs.mark).toBe(big.syncs.mark + 2 * (Math.ceil(marks / 500) - 1));
    console.log(`syncs 20 rows: ${JSON.stringify(small.syncs)}; 2000 rows: ${JSON.stringify(big.syncs)}; clear: ${JSON.stringify(clearSyncs)}; re-check: ${JSON.stringify(again.syncs)}`);
  }, 30_000); // six checks of a 2,000-row table through the fake: counts syncs, times nothing
});

describe('writing never changes what the user typed', () => {
  test.each(fixtureFiles)('%s: values and formulas unchanged; clear restores every fill', async (file) => {
    const { model } = await loadFixture(file);
    // Pre-existing fills on some cells that will be marked, and on some that will not.
    const fake0 = new FakeExcel(model);
    const check0 = checkWorkbook(await gatewayFor(fake0).readSheets(), mof2020);
    const marks0 = planHighlights(check0);
    expect(marks0.length).toBeGreaterThan(0);
    const first = marks0[0];
    const sheet = model.sheets.find((s) => s.name === first.sheet)!;
    sheet.cells[first.cell] = { ...(sheet.cells[first.cell] ?? {}), fill: { color: '#00B050' } };
    if (marks0[1]) {
      const s1 = model.sheets.find((s) => s.name === marks0[1].sheet)!;
      s1.cells[marks0[1].cell] = { ...(s1.cells[marks0[1].cell] ?? {}), fill: { color: '#FFFF00', pattern: 'Gray25' } };
    }
    sheet.cells['Z99'] = { fill: { color: '#123456' } };

    const fake = new FakeExcel(model);
    const userSheets = model.sheets.map((s) => s.name);
    const contentBefore = fake.contents(userSheets);
    const fillsBefore = fake.fills(userSheets);

    const { check } = await checkThroughPane(fake);
    expect(fake.contents(userSheets)).toEqual(contentBefore);
    const marked = fake.fills(userSheets);
    for (const m of planHighlights(check)) expect(marked[`${m.sheet}!${m.cell}`]?.color).toBe(`#${m.fill}`);
    expect(marked[`${first.sheet}!Z99`]).toEqual({ color: '#123456' });
    expect(fake.model.notes.length).toBe(planHighlights(check).length);
    expect(fake.model.notes.every((n) => n.content.startsWith('【绩效自评助手】'))).toBe(true);

    const { restored } = await gatewayFor(fake).clearMarks();
    expect(restored).toBe(planHighlights(check).length);
    expect(fake.fills(userSheets)).toEqual(fillsBefore);
    expect(fake.contents(userSheets)).toEqual(contentBefore);
    expect(fake.model.notes).toEqual([]);
    expect(fake.model.settings[MARKS_KEY]).toBeUndefined();
  });

  test('marks survive save and reopen; 清除标记 after reopening restores the fills', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.sheets[0].cells['H24'] = { ...model.sheets[0].cells['H24'], fill: { color: '#92D050' } };
    const fake = new FakeExcel(model);
    const fillsBefore = fake.fills(['项目支出自评表']);
    await checkThroughPane(fake);
    expect(fake.cell('项目支出自评表', 'H24')?.fill?.color).toBe('#FFC7CE');

    const reopened = FakeExcel.open(fake.save());
    expect(reopened.model.settings[MARKS_KEY]).toBeDefined();
    const { restored } = await gatewayFor(reopened).clearMarks();
    expect(restored).toBeGreaterThan(10);
    expect(reopened.fills(['项目支出自评表'])).toEqual(fillsBefore);
    expect(reopened.cell('项目支出自评表', 'H24')?.fill).toEqual({ color: '#92D050' });
    expect(reopened.model.notes).toEqual([]);
  });

  test('checking again first clears the previous marks', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const fake = new FakeExcel(model);
    const gw = gatewayFor(fake);
    const check = checkWorkbook(await gw.readSheets(), mof2020);
    const marks = planHighlights(check);
    await gw.applyMarks(marks);
    // Second check marks only H24: every other fill and note goes away.
    await gw.applyMarks(marks.filter((m) => m.cell === 'H24'));
    expect(Object.keys(fake.fills())).toEqual(['项目支出自评表!H24']);
    expect(fake.model.notes.map((n) => n.cell)).toEqual(['H24']);
    await gw.clearMarks();
    expect(fake.fills()).toEqual({});
  });

  test('a fill the user changed after marking is kept by 清除标记', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const fake = new FakeExcel(model);
    await checkThroughPane(fake);
    fake.model.sheets[0].cells['H24'].fill = { color: '#0000FF' };
    await gatewayFor(fake).clearMarks();
    expect(fake.fills(['项目支出自评表'])).toEqual({ '项目支出自评表!H24': { color: '#0000FF' } });
  });

  test("a user's note on a marked cell is kept (no note of ours there) and survives clearing", async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.notes.push({ sheetId: model.sheets[0].id, cell: 'H24', content: '我的备注' });
    const fake = new FakeExcel(model);
    await checkThroughPane(fake);
    expect(fake.model.notes.filter((n) => n.cell === 'H24')).toEqual([{ sheetId: model.sheets[0].id, cell: 'H24', content: '我的备注' }]);
    expect(fake.cell('项目支出自评表', 'H24')?.fill?.color).toBe('#FFC7CE');
    await gatewayFor(fake).clearMarks();
    expect(fake.model.notes).toEqual([{ sheetId: model.sheets[0].id, cell: 'H24', content: '我的备注' }]);
  });

  test('without ExcelApi 1.18 threaded comments are used, and only ours are deleted', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.comments.push({ id: 'user-1', sheetId: model.sheets[0].id, cell: 'H24', content: '请核对' });
    const opts: FakeExcelOptions = { apiVersion: '1.17' };
    const fake = new FakeExcel(model, opts);
    const { check, syncs } = await checkThroughPane(fake);
    const marks = planHighlights(check);
    expect(fake.model.notes).toEqual([]);
    expect(fake.model.comments.length).toBe(marks.length); // H24 keeps the user's comment instead of ours
    expect(fake.model.comments.find((c) => c.cell === 'H24')?.id).toBe('user-1');
    expect(syncs.mark).toBeLessThanOrEqual(5);
    const reopened = FakeExcel.open(fake.save(), opts);
    await gatewayFor(reopened).clearMarks();
    expect(reopened.model.comments).toEqual([{ id: 'user-1', sheetId: model.sheets[0].id, cell: 'H24', content: '请核对' }]);
    expect(reopened.fills(['项目支出自评表'])).toEqual({});
  });
});

describe('summary sheet', () => {
  test("a user's own sheet named 自评汇总 survives; ours is regenerated", async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.sheets.push({ id: '{user-summary}', name: '自评汇总', cells: { A1: { v: '我自己的汇总' }, B2: { v: 42, f: '=6*7' } }, merges: [] });
    const fake = new FakeExcel(model);
    const gw = gatewayFor(fake);
    const check = checkWorkbook(await gw.readSheets(), mof2020);
    const summary = buildSummary([{ file: 'a.xlsx', check }]);
    const name = await gw.writeSummary(summary);
    expect(name).toBe('自评汇总(2)');
    expect(fake.sheetByName('自评汇总')?.cells).toEqual({ A1: { v: '我自己的汇总' }, B2: { v: 42, f: '=6*7' } });
    // Regenerated on the next check: same name, still one sheet of ours, user's sheet untouched.
    const again = await gw.writeSummary(summary);
    expect(again).toBe('自评汇总(2)');
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['项目支出自评表', '自评汇总', '自评汇总(2)']);
    expect(fake.sheetByName('自评汇总')?.cells.A1).toEqual({ v: '我自己的汇总' });
    // Our summary sheet is not read as a user sheet.
    const grids = await gw.readSheets();
    expect(grids.map((g) => g.name)).toEqual(['项目支出自评表', '自评汇总']);
    expect(fake.model.settings[SUMMARY_KEY]).toBeDefined();
  });

  test('our summary is found again after save/reopen (custom property) and replaced', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const fake = new FakeExcel(model);
    const gw = gatewayFor(fake);
    const check = checkWorkbook(await gw.readSheets(), mof2020);
    expect(await gw.writeSummary(buildSummary([{ file: 'a.xlsx', check }]))).toBe('自评汇总');
    const reopened = FakeExcel.open(fake.save());
    delete reopened.model.settings[SUMMARY_KEY]; // even without the setting
    expect(await gatewayFor(reopened).writeSummary(buildSummary([{ file: 'a.xlsx', check }]))).toBe('自评汇总');
    expect(reopened.model.sheets.map((s) => s.name)).toEqual(['项目支出自评表', '自评汇总']);
  });

  test("text starting with '=' stays literal; refs are live formulas; links point at the cell", async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const fake = new FakeExcel(model);
    const gw = gatewayFor(fake);
    const summary: SummaryModel = {
      rows: [
        [{ text: '=SUM(A1:A3)' }, { text: '+86 123' }, { text: '00123' }],
        [
          { text: '项目支出自评表', link: { sheet: '项目支出自评表', cell: 'H31' } },
          { number: 97.75, ref: { sheet: '项目支出自评表', cell: 'H31' } },
          { number: 0.95465, format: '0.00%' },
        ],
      ],
      columnWidths: [20, 10, 10],
      findingsHeaderRow: 1,
    };
    const name = await gw.writeSummary(summary);
    const s = fake.sheetByName(name)!;
    expect(s.cells.A1).toMatchObject({ v: '=SUM(A1:A3)', nf: '@' });
    expect(s.cells.A1.f).toBeUndefined();
    expect(s.cells.B1.v).toBe('+86 123');
    expect(s.cells.C1.v).toBe('00123');
    expect(s.cells.B2.f).toBe("='项目支出自评表'!H31");
    expect(s.cells.B2.v).toBe(97.75);
    expect(s.cells.C2).toMatchObject({ v: 0.95465, nf: '0.00%' });
    expect(s.cells.A2.link).toMatchObject({ documentReference: "'项目支出自评表'!H31", textToDisplay: '项目支出自评表' });
  });

  test('the real summary of a fixture is written whole', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    const fake = new FakeExcel(model);
    const { check } = await checkThroughPane(fake);
    const s = fake.sheetByName('自评汇总')!;
    const summary = buildSummary([{ file: 'book.xlsx', check }]);
    const links = summary.rows.flat().filter((c) => c.link).length;
    expect(Object.values(s.cells).filter((c) => c.link).length).toBe(links);
    expect(s.cells.A1.v).toBe(summary.rows[0][0].text);
    expect(s.cells.A1.bold).toBe(true);
  });
});

describe('navigation, settings and errors', () => {
  test('selectCell activates the sheet and selects the cell', async () => {
    const { model } = await loadFixture('kaifu-2022-project-jcdj.xlsx');
    model.sheets.push({ id: '{other}', name: '其他', cells: {}, merges: [] });
    model.active = '{other}';
    const fake = new FakeExcel(model);
    await gatewayFor(fake).selectCell('项目支出自评表', 'H24');
    expect(fake.selection()).toEqual({ sheet: '项目支出自评表', address: 'H24' });
    expect(fake.activeSheetName()).toBe('项目支出自评表');
    expect(fake.syncCount).toBe(1);
  });

  test('selecting on a deleted sheet gives a Chinese message with what to do', async () => {
    const fake = new FakeExcel(syntheticModel(3));
    const err = await gatewayFor(fake).selectCell('不存在', 'A1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PeExcelError);
    expect((err as PeExcelError).code).toBe('notFound');
    expect(describeExcelError(err)).toMatch(/不存在!A1.*重新校验/);
  });

  test('settings round-trip through workbook.settings and survive reopen', async () => {
    const fake = new FakeExcel(syntheticModel(3));
    const gw = gatewayFor(fake);
    expect(await gw.loadSettings()).toEqual(DEFAULT_SETTINGS);
    await gw.saveSettings({ profile: 'gx130', overTarget: 1.3, reverse: 'ratio' });
    const reopened = FakeExcel.open(fake.save());
    expect(await gatewayFor(reopened).loadSettings()).toEqual({ profile: 'gx130', overTarget: 1.3, reverse: 'ratio' });
  });

  test('runs use delayForCellEdit (no failure while the user edits a cell)', async () => {
    const fake = new FakeExcel(syntheticModel(3), { cellEditing: true });
    await gatewayFor(fake).readSheets();
    expect(fake.lastRunOptions).toEqual({ delayForCellEdit: true });
  });

  test('Excel errors map to Chinese messages with the next step', () => {
    const editing = new FakeOfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    expect(describeExcelError(editing)).toContain('请先退出单元格编辑（按 Enter 或 Esc）再校验');
    expect(describeExcelError(editing, 'en')).toContain('press Enter or Esc');
    expect(describeExcelError(new FakeOfficeError('AccessDenied', 'protected'))).toContain('撤销工作表保护');
    expect(describeExcelError(new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'x'))).toContain('表格太大');
    expect(describeExcelError(new Error('boom'))).toContain('重试');
  });

  test('a failing run surfaces as PeExcelError', async () => {
    const fake = new FakeExcel(syntheticModel(3));
    const failing: ExcelRun = () => Promise.reject(new FakeOfficeError('AccessDenied', 'The sheet is protected.'));
    const err = await createExcelGateway({ run: failing, isSetSupported: fake.isSetSupported }).applyMarks([]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PeExcelError);
    expect((err as PeExcelError).code).toBe('protected');
  });
});
