// The pane passes its language to the core: English findings, notes and summary when Office's
// display language is English, Chinese otherwise (gateway behaviour otherwise unchanged).
import path from 'path';
import ExcelJS from 'exceljs';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import { checkWorkbook } from '../../src/core/check';
import { NOTE_PREFIX, planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import { buildSummary } from '../../src/core/summary';
import type { CellMark, SheetGrid, SummaryModel } from '../../src/core/types';
import { createExcelGateway, DEFAULT_SETTINGS, type ExcelRun, type WorkbookGateway } from '../../src/taskpane/excel/gateway';
import { localeFor, paneLang, performCheck } from '../../src/taskpane/state';
import { strings } from '../../src/taskpane/i18n';
import { FakeExcel } from '../fakes/fakeExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

async function fixtureWorkbook() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, '..', 'fixtures', 'kaifu-2022-project-jcdj.xlsx'));
  return wb;
}

/** A gateway that serves fixed grids and records what the pane writes. */
function recordingGateway(sheets: SheetGrid[]) {
  const written: { marks: CellMark[]; summary: SummaryModel | null } = { marks: [], summary: null };
  const gateway: WorkbookGateway = {
    readSheets: async () => sheets,
    applyMarks: async (marks) => {
      written.marks = marks;
    },
    clearMarks: async () => ({ restored: 0 }),
    writeSummary: async (model) => {
      written.summary = model;
      return '自评汇总';
    },
    selectCell: async () => undefined,
    loadSettings: async () => DEFAULT_SETTINGS,
    saveSettings: async () => undefined,
  };
  return { gateway, written };
}

const g = globalThis as { Office?: unknown };
function withDisplayLanguage<T>(lang: string | undefined, f: () => T): T {
  const saved = g.Office;
  g.Office = lang === undefined ? undefined : { context: { displayLanguage: lang } };
  try {
    return f();
  } finally {
    g.Office = saved;
  }
}

describe('pane language → core locale', () => {
  let sheets: SheetGrid[];
  beforeAll(async () => {
    sheets = workbookToGrids(await fixtureWorkbook());
  });

  test('localeFor: en → en, zh → zh-CN', () => {
    expect(localeFor('en')).toBe('en');
    expect(localeFor('zh')).toBe('zh-CN');
  });

  test('paneLang follows Office.context.displayLanguage like index.tsx (zh outside Office)', () => {
    expect(withDisplayLanguage(undefined, paneLang)).toBe('zh');
    expect(withDisplayLanguage('en-US', paneLang)).toBe('en');
    expect(withDisplayLanguage('en-GB', paneLang)).toBe('en');
    expect(withDisplayLanguage('zh-CN', paneLang)).toBe('zh');
    expect(withDisplayLanguage('fr-FR', paneLang)).toBe('zh');
  });

  test("the English pane passes 'en' to checkWorkbook, planHighlights and buildSummary", async () => {
    const { gateway, written } = recordingGateway(sheets);
    const result = await performCheck(gateway, DEFAULT_SETTINGS, 'a.xlsx', () => undefined, 'en');
    const en = checkWorkbook(sheets, mof2020, { locale: 'en' });
    expect(result.check).toEqual(en);
    expect(result.check.findings.find((f) => f.cell === 'H24')!.message).toMatch(/^Score should be 5 /);
    expect(written.marks).toEqual(planHighlights(en, { locale: 'en', grids: sheets }));
    expect(written.marks.every((m) => m.note.startsWith(`${NOTE_PREFIX}\n`))).toBe(true);
    expect(written.summary).toEqual(buildSummary([{ file: 'a.xlsx', check: en }], { locale: 'en' }));
    expect(result.summarySheet).toBe('自评汇总');
  });

  test('the Chinese pane (and the default outside Office) stays Chinese', async () => {
    const zh = checkWorkbook(sheets, mof2020);
    for (const call of [
      (gw: WorkbookGateway) => performCheck(gw, DEFAULT_SETTINGS, 'a.xlsx', () => undefined, 'zh'),
      (gw: WorkbookGateway) => withDisplayLanguage(undefined, () => performCheck(gw, DEFAULT_SETTINGS, 'a.xlsx', () => undefined)),
    ]) {
      const { gateway, written } = recordingGateway(sheets);
      const result = await call(gateway);
      expect(result.check).toEqual(zh);
      expect(written.marks).toEqual(planHighlights(zh, { grids: sheets }));
      expect(written.summary).toEqual(buildSummary([{ file: 'a.xlsx', check: zh }]));
    }
  });

  test('without an explicit language the pane uses Office.context.displayLanguage', async () => {
    const { gateway, written } = recordingGateway(sheets);
    const result = await withDisplayLanguage('en-US', () => performCheck(gateway, DEFAULT_SETTINGS, 'a.xlsx', () => undefined));
    expect(result.check).toEqual(checkWorkbook(sheets, mof2020, { locale: 'en' }));
    expect(written.summary!.rows[0][0].text).toBe('PE Self-Check summary');
  });

  test('English through the real gateway over the fake Excel: notes and 自评汇总 headers', async () => {
    const fake = new FakeExcel(fakeModelFromExcelJs(await fixtureWorkbook()));
    const gw = createExcelGateway({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
    const result = await performCheck(gw, DEFAULT_SETTINGS, 'a.xlsx', () => undefined, 'en');
    expect(result.summarySheet).toBe('自评汇总');
    expect(result.check.findings).toEqual(checkWorkbook(sheets, mof2020, { locale: 'en' }).findings);
    expect(fake.model.sheets.map((s) => s.name)).toContain('自评汇总');
    const notes = fake.model.notes.map((n) => n.content);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).toMatch(/^【绩效自评助手】\n(Error|Warning|Info): /);
    // Clearing finds the English notes by their prefix, as it does the Chinese ones.
    await gw.clearMarks();
    expect(fake.model.notes).toEqual([]);
  });
});

test('the result line for a workbook without a table says none was found, never "no problems" (issue 19)', () => {
  expect(strings.zh.resultLine(0, 0, 0, 0)).toBe('校验完成：没有找到绩效自评表。');
  expect(strings.en.resultLine(0, 0, 0, 0)).toBe('Check finished: no self-evaluation table found.');
  expect(strings.zh.resultLine(2, 0, 0, 0)).toBe('校验完成：共 2 张自评表，没有发现问题。');
  expect(strings.zh.resultLine(1, 3, 2, 1)).toBe('校验完成：共 1 张自评表，3 个错误，2 个警告，1 个提示。');
});
