// Excel on the web refuses to load a worksheet's notes (office-js#6198). The notes load has a sync
// of its own, so the fills' reads never fail with it: a full check on platform "web" marks every
// flagged cell (explanations as threaded comments), says so once, and 清除标记 restores every fill.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { createExcelGateway, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { FakeExcel, FakeOfficeError, type FakeExcelOptions } from '../fakes/fakeExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

async function fake(options: FakeExcelOptions): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', 'kaifu-2022-project-jcdj.xlsx'));
  return new FakeExcel(fakeModelFromExcelJs(wb), options);
}

const gatewayFor = (f: FakeExcel) => createExcelGateway({ run: f.run as unknown as ExcelRun, isSetSupported: f.isSetSupported });
/** Every filled cell and its fill (a blank cell a write touched has none). */
const fills = (f: FakeExcel) => f.model.sheets.flatMap((s) => Object.entries(s.cells).filter(([, c]) => c.fill).map(([a, c]) => `${s.name}!${a}=${JSON.stringify(c.fill)}`)).sort();

test('the fake refuses a worksheet-notes load on the web, failing the whole sync (as Excel does)', async () => {
  const f = await fake({ apiVersion: '1.18', platform: 'web' });
  await expect(f.run(async (context) => {
    const ws = context.workbook.worksheets.getItem('项目支出自评表');
    ws.load('name');
    ws.notes.load('items/content');
    await context.sync();
  })).rejects.toMatchObject({ code: 'GeneralException' });
  // On the desktop the same load answers.
  const desktop = await fake({ apiVersion: '1.18' });
  await desktop.run(async (context) => {
    const notes = context.workbook.worksheets.getItem('项目支出自评表').notes;
    notes.load('items/content');
    await context.sync();
    expect(notes.items).toEqual([]);
  });
  expect(FakeOfficeError).toBeDefined();
});

test('on the web every flagged cell is marked, explanations as comments, said once; clearing restores every fill', async () => {
  const f = await fake({ apiVersion: '1.18', platform: 'web' });
  const before = fills(f);
  const gw = gatewayFor(f);
  const check = checkWorkbook(await gw.readSheets(), mof2020);
  const marks = planHighlights(check);
  expect(marks.length).toBeGreaterThan(10);
  const r = (await gw.applyMarks(marks))!;
  expect(r.marked).toBe(marks.length);
  expect(r.problems).toEqual([{ sheet: '', reason: 'notesUnreadable', cells: 0 }]);
  const sheet = f.model.sheets[0];
  for (const m of marks) expect(sheet.cells[m.cell]?.fill).toBeDefined();
  expect(f.model.notes).toEqual([]);
  expect(f.model.comments.length).toBe(marks.length);

  const cleared = await gw.clearMarks();
  expect(cleared.restored).toBe(marks.length);
  expect(cleared.problems ?? []).toEqual([]);
  expect(fills(f)).toEqual(before);
  expect(f.model.comments).toEqual([]);
});

test('notes placed on the desktop: on the web their fills are restored and the notes are named, kept for a desktop clear', async () => {
  const f = await fake({ apiVersion: '1.18' });
  const before = fills(f);
  const gw = gatewayFor(f);
  const marks = planHighlights(checkWorkbook(await gw.readSheets(), mof2020));
  await gw.applyMarks(marks);
  expect(f.model.notes.length).toBe(marks.length);
  // The same workbook opened in Excel on the web.
  const web = new FakeExcel(f.model, { apiVersion: '1.18', platform: 'web' });
  const cleared = await gatewayFor(web).clearMarks();
  expect(cleared.restored).toBe(marks.length);
  expect(fills(web)).toEqual(before);
  expect(cleared.problems).toEqual([{ sheet: '项目支出自评表', reason: 'notesApi', cells: marks.length }]);
  // Back on the desktop, 清除标记 removes the notes left.
  const desktop = new FakeExcel(web.model, { apiVersion: '1.18' });
  const again = await gatewayFor(desktop).clearMarks();
  expect(again.problems ?? []).toEqual([]);
  expect(desktop.model.notes).toEqual([]);
});
