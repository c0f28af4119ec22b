// The pane's Excel gateway through Microsoft's own client library (issue 20): every operation on
// every fixture at ExcelApi 1.13 and 1.15, once on the fake's own API and once through the library's
// requests answered by the same fake model. Same answers, same final workbook; request sizes are
// measured as they go over the wire. (The npm library stops at 1.15 and has no notes API: notes are
// tested on the fake alone, test/taskpane/webNotes.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { buildSummary } from '../../src/core/summary';
import { createExcelGateway, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { FakeExcel, type FakeWorkbookModel } from '../fakes/fakeExcel';
import { createWireExcel } from '../fakes/wireExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const files = ['', 'realworld', 'unseen', 'realworld3'].flatMap((d) => {
  const dir = path.join(FIXTURES, d);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx') && !f.endsWith('.fw.xlsx')).map((f) => path.join(dir, f));
});

async function modelOf(file: string): Promise<FakeWorkbookModel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return fakeModelFromExcelJs(wb);
}

/** Every gateway operation in the order the pane runs them; what each answered. */
async function session(run: ExcelRun, isSetSupported: (n: string, v?: string) => boolean) {
  const gw = createExcelGateway({ run, isSetSupported });
  const out: Record<string, unknown> = {};
  out.settings = await gw.loadSettings();
  await gw.saveSettings({ ...(out.settings as object), profile: 'gx130' } as never);
  out.settingsAfter = await gw.loadSettings();
  const read = await gw.readWorkbook!();
  out.read = read;
  const check = checkWorkbook(read.grids, mof2020);
  const marks = planHighlights(check);
  out.marks = await gw.applyMarks(marks);
  out.summary = await gw.writeSummary(buildSummary([{ file: 'a.xlsx', check }]));
  const first = check.findings[0];
  if (first) await gw.selectCell(first.sheet, first.cell);
  out.remark = await gw.applyMarks(marks); // a second check over the first one's marks
  out.formulas = await gw.countPeFormulas!('workbook');
  out.cleared = await gw.clearMarks();
  return out;
}

describe.each(['1.13', '1.15'])('ExcelApi %s', (apiVersion) => {
  test.each(files.map((f) => [path.relative(FIXTURES, f), f]))('%s: the fake and Microsoft’s library agree', async (_name, file) => {
    const model = await modelOf(file);
    const fake = new FakeExcel(model, { apiVersion });
    const direct = await session(fake.run as unknown as ExcelRun, fake.isSetSupported);
    const wire = createWireExcel(model, { apiVersion });
    const through = await session(wire.run as unknown as ExcelRun, wire.isSetSupported);
    expect(through).toEqual(direct);
    expect(JSON.parse(wire.fake.save())).toEqual(JSON.parse(fake.save()));
    expect(wire.requests.length).toBeGreaterThan(0);
  }, 60_000);
});
