// Request sizes as they go over the wire (issue 20): Excel on the web refuses a request over 5 MB
// as a whole (RequestPayloadSizeLimitExceeded, nothing in it runs). Measured through Microsoft's own
// client library on a 200-table workbook: the largest request stays under the limit with a margin,
// and a host that refuses smaller requests still gets every mark written and cleared.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { buildSummary } from '../../src/core/summary';
import { createExcelGateway, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { READ_OVERHEAD_PER_CELL } from '../../src/taskpane/excel/requestSize';
import type { FakeWorkbookModel } from '../fakes/fakeExcel';
import { createWireExcel, type WireExcel } from '../fakes/wireExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

/** Excel on the web's request limit, and the margin the gateway keeps under it. */
const WEB_LIMIT = 5 * 1024 * 1024;
const MARGIN = 0.8;

/** 200 tables: the real kaifu table on 200 sheets. */
async function bigModel(): Promise<FakeWorkbookModel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', 'kaifu-2022-project-jcdj.xlsx'));
  const one = fakeModelFromExcelJs(wb);
  const sheet = one.sheets[0];
  one.sheets = Array.from({ length: 200 }, (_, i) => ({ ...JSON.parse(JSON.stringify(sheet)), id: `{s${i}}`, name: `表${i + 1}` }));
  return one;
}

async function fullRun(wire: WireExcel) {
  const gw = createExcelGateway({ run: wire.run as unknown as ExcelRun, isSetSupported: wire.isSetSupported });
  const grids = (await gw.readWorkbook!()).grids;
  const check = checkWorkbook(grids, mof2020);
  const marks = planHighlights(check);
  const before = wire.requests.length;
  const marked = (await gw.applyMarks(marks))!;
  const markRequests = wire.requests.slice(before);
  await gw.writeSummary(buildSummary([{ file: 'a.xlsx', check }]));
  const cleared = await gw.clearMarks();
  return { check, marks, marked, markRequests, cleared };
}

let model: FakeWorkbookModel;
beforeAll(async () => {
  model = await bigModel();
});

test('200 tables through Microsoft’s library: every request under 5 MB with a 20 % margin; bytes per marked cell measured', async () => {
  const wire = createWireExcel(model, { apiVersion: '1.15' });
  const fills = wire.fake.fills();
  const { check, marks, marked, markRequests, cleared } = await fullRun(wire);
  expect(check.tables).toHaveLength(200);
  expect(marked).toEqual({ marked: marks.length, problems: [] });
  expect(cleared.restored).toBe(marks.length);
  expect(wire.fake.fills()).toEqual(fills);
  const largest = Math.max(...wire.requests.map((r) => r.bytes));
  expect(largest).toBeLessThan(WEB_LIMIT * MARGIN);
  const markBytes = markRequests.reduce((n, r) => n + r.bytes, 0);
  const cleanup = wire.requests.filter((r) => r.cleanup);
  // Figures for the README and the closing note (the test asserts only what must hold).
  console.log(JSON.stringify({
    marks: marks.length, requests: wire.requests.length, largestRequest: largest,
    bytesPerMarkedCell: Math.round(markBytes / marks.length), cleanupRequests: cleanup.length,
    largestCleanup: Math.max(0, ...cleanup.map((r) => r.bytes)),
  }));
}, 120_000);

test('a host that refuses requests over 1 MB still gets every mark written, and every fill restored', async () => {
  const wire = createWireExcel(model, { apiVersion: '1.15' });
  wire.requestLimit = 1_000_000;
  const fills = wire.fake.fills();
  const gw = createExcelGateway({ run: wire.run as unknown as ExcelRun, isSetSupported: wire.isSetSupported });
  const marks = planHighlights(checkWorkbook((await gw.readWorkbook!()).grids, mof2020));
  const refusedBefore = wire.requests.filter((r) => r.bytes > 1_000_000).length;
  const marked = (await gw.applyMarks(marks))!;
  expect(marked.marked).toBe(marks.length);
  expect(marked.problems).toEqual([]);
  expect(wire.requests.filter((r) => r.bytes > 1_000_000).length).toBeGreaterThan(refusedBefore); // it was refused, and split
  for (const m of marks) expect(wire.fake.cell(m.sheet, m.cell)?.fill?.color).toBe(`#${m.fill}`);
  const cleared = await gw.clearMarks();
  expect(cleared.restored).toBe(marks.length);
  expect(wire.fake.fills()).toEqual(fills);
}, 120_000);

test('reading long Chinese text: response bytes per cell, measured, within what the gateway budgets', async () => {
  const text = '实际完成值与年度指标值存在差距的原因分析及下一步改进措施：加强项目管理，按时完成'.repeat(2);
  const cells: Record<string, { v: string }> = {};
  for (let r = 1; r <= 2000; r++) for (const c of 'ABCDEFGHIJ') cells[`${c}${r}`] = { v: text };
  const wire = createWireExcel({ sheets: [{ id: '{s1}', name: '表', cells, merges: [] }], settings: {}, notes: [], comments: [] }, { apiVersion: '1.15' });
  const gw = createExcelGateway({ run: wire.run as unknown as ExcelRun, isSetSupported: wire.isSetSupported });
  const [grid] = (await gw.readWorkbook!()).grids;
  expect(grid.values[1999][9]).toBe(text);
  const largest = Math.max(...wire.requests.map((r) => r.responseBytes));
  const perCell = wire.requests.reduce((n, r) => n + r.responseBytes, 0) / 20_000;
  expect(largest).toBeLessThan(WEB_LIMIT * MARGIN);
  // The gateway's estimate per read cell covers the text itself plus the measured overhead.
  expect(perCell - 3 * text.length).toBeLessThan(READ_OVERHEAD_PER_CELL);
  console.log(JSON.stringify({ responseBytesPerCell: Math.round(perCell), textBytes: 3 * text.length, largestResponse: largest, requests: wire.requests.length }));
}, 120_000);
