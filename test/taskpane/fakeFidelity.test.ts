// The fake refuses what Excel refuses (issue 20, item 4): one test per gap the check against
// Microsoft's own client library found (../shared/spec/OFFICEJS-WIRE.md), and the gateway's answer
// where the gap mattered to it.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { buildSummary } from '../../src/core/summary';
import { createExcelGateway, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { FakeExcel, type FakeExcelOptions, type FakeWorkbookModel } from '../fakes/fakeExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

const small = (): FakeWorkbookModel => ({
  sheets: [{ id: '{s1}', name: '表', cells: { A1: { v: 1 }, B2: { v: 2, locked: false } }, merges: ['A5:C6', 'B8:D9'] }],
  settings: {}, notes: [], comments: [],
});

async function kaifu(options: FakeExcelOptions = {}): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', 'kaifu-2022-project-jcdj.xlsx'));
  return new FakeExcel(fakeModelFromExcelJs(wb), { apiVersion: '1.18', ...options });
}
const gatewayFor = (f: FakeExcel) => createExcelGateway({ run: f.run as unknown as ExcelRun, isSetSupported: f.isSetSupported });

describe('protection as Excel does it', () => {
  const protectedFake = (options: { allowFormatCells?: boolean; allowEditObjects?: boolean }) => {
    const m = small();
    m.sheets[0].protected = true;
    m.sheets[0].protectionOptions = options;
    return new FakeExcel(m);
  };
  it('values: refused in locked cells only', async () => {
    const f = protectedFake({});
    await expect(f.run(async (c) => { c.workbook.worksheets.getItem('表').getRange('A1').values = [[5]]; })).rejects.toMatchObject({ code: 'AccessDenied' });
    await f.run(async (c) => { c.workbook.worksheets.getItem('表').getRange('B2').values = [[7]]; });
    expect(f.cell('表', 'B2')?.v).toBe(7);
  });
  it('fills: only with allowFormatCells; notes: only with allowEditObjects', async () => {
    const closed = protectedFake({});
    await expect(closed.run(async (c) => { c.workbook.worksheets.getItem('表').getRange('A1').format.fill.color = '#FFFF00'; })).rejects.toMatchObject({ code: 'AccessDenied' });
    const formats = protectedFake({ allowFormatCells: true });
    await formats.run(async (c) => { c.workbook.worksheets.getItem('表').getRange('A1').format.fill.color = '#FFFF00'; });
    expect(formats.cell('表', 'A1')?.fill?.color).toBe('#FFFF00');
    await expect(formats.run(async (c) => { c.workbook.notes.add('表!A1', 'x'); })).rejects.toMatchObject({ code: 'AccessDenied' });
    const objects = protectedFake({ allowEditObjects: true });
    await objects.run(async (c) => { c.workbook.notes.add('表!A1', 'x'); });
    expect(objects.model.notes).toHaveLength(1);
  });
  it('the gateway marks a sheet protected with formats allowed: fills only, restored by 清除标记', async () => {
    const f = await kaifu();
    f.model.sheets[0].protected = true;
    f.model.sheets[0].protectionOptions = { allowFormatCells: true };
    const before = f.fills();
    const gw = gatewayFor(f);
    const marks = planHighlights(checkWorkbook(await gw.readSheets(), mof2020));
    const r = (await gw.applyMarks(marks))!;
    expect(r).toEqual({ marked: marks.length, problems: [] });
    expect(f.model.notes).toEqual([]);
    expect(Object.keys(f.fills()).length).toBeGreaterThan(Object.keys(before).length);
    const cleared = await gw.clearMarks();
    expect(cleared.restored).toBe(marks.length);
    expect(f.fills()).toEqual(before);
  });
  it('fully protected: nothing written, the sheet named', async () => {
    const f = await kaifu();
    f.model.sheets[0].protected = true;
    const gw = gatewayFor(f);
    const marks = planHighlights(checkWorkbook(await gw.readSheets(), mof2020));
    const r = (await gw.applyMarks(marks))!;
    expect(r.marked).toBe(0);
    expect(r.problems).toEqual([{ sheet: '项目支出自评表', reason: 'protected', cells: marks.length }]);
  });
});

describe('sheets Excel will not delete', () => {
  it('a very hidden sheet: GeneralException, by design (office-js#365)', async () => {
    const m = small();
    m.sheets.push({ id: '{s2}', name: '藏', cells: {}, merges: [], visibility: 'VeryHidden' });
    const f = new FakeExcel(m);
    await expect(f.run(async (c) => { c.workbook.worksheets.getItem('藏').delete(); })).rejects.toMatchObject({ code: 'GeneralException' });
  });
  it('our 自评汇总 made very hidden is still removed by 清除标记', async () => {
    const f = await kaifu();
    const gw = gatewayFor(f);
    const check = checkWorkbook(await gw.readSheets(), mof2020);
    await gw.applyMarks(planHighlights(check));
    const name = await gw.writeSummary(buildSummary([{ file: 'a.xlsx', check }]));
    f.sheetByName(name)!.visibility = 'VeryHidden';
    const cleared = await gw.clearMarks();
    expect(cleared.summaryRemoved).toBe(name);
    expect(f.sheetByName(name)).toBeUndefined();
  });
});

describe('the client library’s own behaviour', () => {
  it('a null object’s properties read as undefined, not an error', async () => {
    const f = new FakeExcel(small());
    await f.run(async (c) => {
      const s = c.workbook.worksheets.getItemOrNullObject('没有');
      s.load('name');
      await c.sync();
      expect(s.isNullObject).toBe(true);
      expect(s.name).toBeUndefined();
    });
  });
  it('a proxy used after its Excel.run throws InvalidObjectPath; values loaded before stay readable', async () => {
    const f = new FakeExcel(small());
    const kept = await f.run(async (c) => {
      const r = c.workbook.worksheets.getItem('表').getRange('A1');
      r.load('values');
      await c.sync();
      return r;
    });
    expect(kept.values).toEqual([[1]]);
    expect(() => kept.load('values')).toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }));
  });
  it('what a failed batch loaded is never handed out by a later sync', async () => {
    const f = new FakeExcel(small());
    await f.run(async (c) => {
      const r = c.workbook.worksheets.getItem('表').getRange('A1');
      r.load('values');
      c.workbook.worksheets.getItem('没有').load('name'); // fails the batch
      await expect(c.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
      await c.sync();
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });
  it('RangeFill.pattern needs ExcelApi 1.9', async () => {
    const f = new FakeExcel(small(), { apiVersion: '1.8' });
    await expect(f.run(async (c) => { c.workbook.worksheets.getItem('表').getRange('A1').format.fill.pattern = 'Gray50' as never; })).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
  it('delayForCellEdit works only where the host reports its set', async () => {
    const editing = new FakeExcel(small(), { cellEditing: true, delayForCellEdit: false });
    expect(editing.isSetSupported('DelayForCellEdit', '1.1')).toBe(false);
    await expect(editing.run({ delayForCellEdit: true }, async () => undefined)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    const waits = new FakeExcel(small(), { cellEditing: true });
    await expect(waits.run({ delayForCellEdit: true }, async () => 1)).resolves.toBe(1);
  });
  it('merged areas: only those whose top-left cell is inside the range (office-js#3611)', async () => {
    const f = new FakeExcel(small());
    await f.run(async (c) => {
      const areas = c.workbook.worksheets.getItem('表').getRange('B6:D9').getMergedAreasOrNullObject();
      areas.load('address');
      await c.sync();
      // A5:C6 overlaps B6:D9 but starts outside it; B8:D9 starts inside.
      expect(areas.address).toBe('表!B8:D9');
    });
  });
});
