// Issue 8: a check is never lost. Reading and checking always give the findings; writing marks,
// notes and 自评汇总 is best effort against the behaviours the fake Excel takes from Microsoft's
// documentation (protected sheets and structure, comments vs notes, API levels, request limit,
// non-transactional batches, transient errors, a sync that never returns).
import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check';
import { planHighlights } from '../../src/core/highlight';
import { mof2020 } from '../../src/core/profile';
import type { WorkbookCheck } from '../../src/core/types';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import { createExcelGateway, DEFAULT_SETTINGS, MARKS_KEY, NOTE_PREFIX, SUMMARY_SHEET, type ExcelRun, type GatewayOptions } from '../../src/taskpane/excel/gateway';
import { PeExcelError } from '../../src/taskpane/excel/errors';
import { performCheck, type Action } from '../../src/taskpane/state';
import { FakeExcel, type FakeExcelOptions, type FakeWorkbookModel } from '../fakes/fakeExcel';
import { fakeModelFromExcelJs } from '../fakes/xlsxToFake';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const fixtureFiles = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));
const models = new Map<string, { model: FakeWorkbookModel; cliFindings: number }>();

beforeAll(async () => {
  for (const f of fixtureFiles) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(FIXTURES, f));
    models.set(f, { model: fakeModelFromExcelJs(wb), cliFindings: checkWorkbook(workbookToGrids(wb), mof2020).findings.length });
  }
});

const clone = (m: FakeWorkbookModel): FakeWorkbookModel => JSON.parse(JSON.stringify(m));
const gatewayFor = (fake: FakeExcel, extra: Partial<GatewayOptions> = {}) =>
  createExcelGateway({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported, retryDelayMs: 1, ...extra });

async function check(fake: FakeExcel, extra: Partial<GatewayOptions> = {}) {
  const actions: Action[] = [];
  const result = await performCheck(gatewayFor(fake, extra), DEFAULT_SETTINGS, 'book.xlsx', (a) => actions.push(a), 'zh');
  return { ...result, actions };
}

/** The marks performCheck placed for `c` on this fixture (merged blocks are notes only: it knows the merges). */
async function placed(c: WorkbookCheck, file: string) {
  const grids = await gatewayFor(new FakeExcel(clone(models.get(file)!.model))).readSheets();
  return planHighlights(c, { grids });
}

/** Fills, notes and comments of ours left in the workbook. */
function ours(fake: FakeExcel, fillsBefore: Record<string, unknown>) {
  const fills = fake.fills();
  const changed = Object.keys(fills).filter((k) => JSON.stringify(fills[k]) !== JSON.stringify(fillsBefore[k]) && !k.startsWith(`${SUMMARY_SHEET}!`));
  return {
    fills: changed,
    notes: fake.model.notes.filter((n) => n.content.startsWith(NOTE_PREFIX)).length,
    comments: fake.model.comments.filter((c) => c.content.startsWith(NOTE_PREFIX)).length,
  };
}

type Condition = { name: string; options?: FakeExcelOptions; setup?: (m: FakeWorkbookModel) => void; undo?: (fake: FakeExcel) => void };
const conditions: Condition[] = [
  { name: 'every sheet protected', setup: (m) => m.sheets.forEach((s) => (s.protected = true)), undo: (f) => f.model.sheets.forEach((s) => (s.protected = false)) },
  { name: 'structure protected', setup: (m) => (m.structureProtected = true) },
  { name: "a colleague's threaded comment on every cell of column H", setup: (m) => m.sheets.forEach((s) => Object.keys(s.cells).filter((a) => a.startsWith('H')).forEach((a, i) => m.comments.push({ id: `c${s.id}${i}`, sheetId: s.id, cell: a, content: '请核对' }))) },
  { name: 'a 2 kB request limit (Excel on the web, shrunk)', options: { requestLimit: 2_000 } },
  { name: 'ExcelApi 1.17 (threaded comments, no notes)', options: { apiVersion: '1.17' } },
  { name: 'ExcelApi 1.10 (comments, no custom properties or merged areas)', options: { apiVersion: '1.10' } },
  { name: 'ExcelApi 1.7 (fills only)', options: { apiVersion: '1.7' } },
  { name: 'a transient GeneralException on the first sync', options: {}, setup: () => undefined },
];

describe.each(conditions)('$name', ({ name, options, setup, undo }) => {
  test.each(fixtureFiles)('%s: findings as unprotected; user values unchanged; 清除标记 leaves nothing of ours', async (file) => {
    const { model, cliFindings } = models.get(file)!;
    const m = clone(model);
    setup?.(m);
    const fake = new FakeExcel(m, options);
    if (name.startsWith('a transient')) fake.failSyncs.push({ code: 'GeneralException', message: 'There was an internal error while processing the request.' });
    const userSheets = m.sheets.map((s) => s.name);
    const contents = fake.contents(userSheets);
    const fillsBefore = fake.fills();
    const commentsBefore = fake.model.comments.filter((c) => !c.content.startsWith(NOTE_PREFIX)).map((c) => c.id);

    const result = await check(fake);
    // The findings list is always complete, and the same as the CLI's.
    expect(result.check.findings.length).toBe(cliFindings);
    expect(result.actions.some((a) => a.type === 'checked')).toBe(true);
    expect(fake.contents(userSheets)).toEqual(contents);
    // What could not be written is named with its sheet.
    if (name === 'every sheet protected') {
      expect(result.problems.map((p) => p.reason)).toContain('protected');
      const marked = new Set(planHighlights(result.check).map((x) => x.sheet));
      for (const s of marked) expect(result.problems.some((p) => p.sheet === s && p.reason === 'protected')).toBe(true);
      expect(ours(fake, fillsBefore)).toEqual({ fills: [], notes: 0, comments: 0 });
    }
    if (name === 'structure protected') {
      expect(result.problems).toContainEqual({ sheet: SUMMARY_SHEET, reason: 'structure', cells: 0 });
      expect(result.summarySheet).toBeNull();
      expect(fake.model.sheets.map((s) => s.name)).toEqual(userSheets);
    }
    if (name.startsWith("a colleague's")) {
      expect(result.problems.some((p) => p.reason === 'comment')).toBe(planHighlights(result.check).some((x) => x.cell.startsWith('H')));
    }
    if (!name.startsWith('every sheet') && !name.startsWith('structure')) expect(result.problems.filter((p) => p.reason !== 'comment')).toEqual([]);

    undo?.(fake);
    const cleared = await gatewayFor(fake).clearMarks();
    expect(cleared.problems ?? []).toEqual([]);
    expect(ours(fake, fillsBefore)).toEqual({ fills: [], notes: 0, comments: 0 });
    expect(fake.model.comments.map((c) => c.id)).toEqual(commentsBefore);
    expect(fake.contents(userSheets)).toEqual(contents);
    expect(fake.model.settings[MARKS_KEY]).toBeUndefined();
  });
});

describe('cross-version clearing (notes vs threaded comments)', () => {
  const file = 'kaifu-2022-project-jcdj.xlsx';

  test('marked on Microsoft 365 (notes), cleared on Excel 2021 (1.17): fills go, notes stay listed; cleared later on 365', async () => {
    const fake = new FakeExcel(clone(models.get(file)!.model), { apiVersion: '1.18' });
    const { check: c } = await check(fake);
    const marks = await placed(c, file);
    const n = marks.length;
    expect(fake.model.notes.length).toBe(n);
    const on2021 = FakeExcel.open(fake.save(), { apiVersion: '1.17' });
    const r = await gatewayFor(on2021).clearMarks();
    expect(r.restored).toBe(marks.filter((x) => !x.noteOnly).length);
    expect(r.problems).toEqual([{ sheet: '项目支出自评表', reason: 'notesApi', cells: n }]);
    expect(Object.keys(on2021.fills(['项目支出自评表']))).toEqual([]);
    expect(on2021.model.settings[MARKS_KEY]).toBeDefined(); // 清除标记 still knows the notes
    const back = FakeExcel.open(on2021.save(), { apiVersion: '1.18' });
    const r2 = await gatewayFor(back).clearMarks();
    expect(r2.problems).toEqual([]);
    expect(back.model.notes).toEqual([]);
    expect(back.model.settings[MARKS_KEY]).toBeUndefined();
  });

  test('marked on Excel 2021 (comments), re-checked and cleared on Microsoft 365: no stray comment', async () => {
    const fake = new FakeExcel(clone(models.get(file)!.model), { apiVersion: '1.17' });
    await check(fake);
    expect(fake.model.comments.length).toBeGreaterThan(5);
    const on365 = FakeExcel.open(fake.save(), { apiVersion: '1.18' });
    await check(on365); // clears the comments, marks with notes
    expect(on365.model.comments).toEqual([]);
    expect(on365.model.notes.length).toBeGreaterThan(5);
    await gatewayFor(on365).clearMarks();
    expect(on365.model.notes).toEqual([]);
    expect(on365.fills(['项目支出自评表'])).toEqual({});
  });
});

describe('non-transactional batches: the record is written before the writes', () => {
  test('a comment refused halfway (an old note on Excel 2021): earlier comments of ours are still cleared', async () => {
    const m = clone(models.get('kaifu-2022-project-jcdj.xlsx')!.model);
    const fake0 = new FakeExcel(clone(m));
    const marks = await placed((await check(fake0)).check, 'kaifu-2022-project-jcdj.xlsx');
    // An old-style note (invisible without ExcelApi 1.18) on the 5th marked cell: comments.add throws there.
    const blocked = marks[4];
    m.notes.push({ sheetId: m.sheets[0].id, cell: blocked.cell, content: '旧批注' });
    const fake = new FakeExcel(m, { apiVersion: '1.17' });
    const result = await check(fake);
    // Only the refused cell is named: comments before it were added (batches are not transactions),
    // the collection's count tells how far it got, and the ones after it were added on a second try.
    expect(result.problems).toEqual([{ sheet: '项目支出自评表', reason: 'comment', cells: 1 }]);
    expect(fake.model.comments.length).toBe(marks.length - 1);
    expect(fake.model.comments.some((c) => c.cell === blocked.cell)).toBe(false);
    for (const x of marks) expect(fake.cell(x.sheet, x.cell)?.fill?.color).toBe(x.noteOnly ? undefined : `#${x.fill}`);
    const r = await gatewayFor(fake).clearMarks();
    expect(r.restored).toBe(marks.filter((x) => !x.noteOnly).length);
    expect(fake.model.comments).toEqual([]);
    expect(fake.model.notes).toEqual([{ sheetId: m.sheets[0].id, cell: blocked.cell, content: '旧批注' }]);
    expect(fake.fills(['项目支出自评表'])).toEqual({});
  });

  test('the record lists a batch before its fills: a request refused after the first batch keeps clearing complete', async () => {
    const m = clone(models.get('kaifu-2022-project-jcdj.xlsx')!.model);
    const fake = new FakeExcel(m, { apiVersion: '1.7' });
    const gw = gatewayFor(fake, { marksPerBatch: 5 });
    // Protect the sheet after the marks state was loaded: batches after the first fail.
    let syncs = 0;
    const realSync = fake.beforeSync.bind(fake);
    fake.beforeSync = async () => {
      syncs++;
      if (syncs === 5) fake.model.sheets[0].protected = true;
      await realSync();
    };
    const grids = await gw.readSheets();
    syncs = 0;
    const result = await gw.applyMarks(planHighlights(checkWorkbook(grids, mof2020)));
    expect(result && result.problems).toEqual([expect.objectContaining({ sheet: '项目支出自评表', reason: 'protected' })]);
    expect(result && result.marked).toBe(5);
    fake.model.sheets[0].protected = false;
    fake.beforeSync = realSync;
    await gw.clearMarks();
    expect(fake.fills(['项目支出自评表'])).toEqual({});
    expect(fake.model.settings[MARKS_KEY]).toBeUndefined();
  });

  test('a protected sheet keeps its old marks in the record until it can be cleared', async () => {
    const fake = new FakeExcel(clone(models.get('kaifu-2022-project-jcdj.xlsx')!.model));
    const { check: c } = await check(fake);
    const marks = await placed(c, 'kaifu-2022-project-jcdj.xlsx');
    expect(marks.filter((x) => x.noteOnly).map((x) => x.cell)).toEqual(['B13', 'B21']);
    const n = marks.length;
    fake.model.sheets[0].protected = true;
    const r = await gatewayFor(fake).clearMarks();
    // the table's marks stay (its sheet is protected); our 自评汇总, on a sheet of its own, goes
    expect(r).toEqual({ restored: 0, problems: [{ sheet: '项目支出自评表', reason: 'protected', cells: n }], summaryRemoved: '自评汇总' });
    fake.model.sheets[0].protected = false;
    expect((await gatewayFor(fake).clearMarks()).restored).toBe(marks.filter((x) => !x.noteOnly).length);
    expect(fake.model.notes).toEqual([]);
    expect(fake.fills(['项目支出自评表'])).toEqual({});
  });
});

describe('Excel being busy', () => {
  test('GeneralException / InactiveWorkbook are retried once; twice is an error', async () => {
    const fake = new FakeExcel(clone(models.get('kaifu-2022-project-jcdj.xlsx')!.model));
    fake.failSyncs.push({ code: 'InactiveWorkbook', message: 'The workbook is inactive.' });
    expect((await gatewayFor(fake).readSheets()).length).toBe(1);
    fake.failSyncs.push({ code: 'GeneralException', message: 'x' }, { code: 'GeneralException', message: 'x' });
    await expect(gatewayFor(fake).readSheets()).rejects.toBeInstanceOf(PeExcelError);
    // Not transient: no retry.
    const runs = fake.runCount;
    fake.failNextRun = { code: 'AccessDenied', message: 'x' };
    await expect(gatewayFor(fake).readSheets()).rejects.toMatchObject({ code: 'protected' });
    expect(fake.runCount).toBe(runs + 1);
  });

  test('a sync that never returns: the check ends with a timeout (重试/取消), after the 3 s cell-edit hint', async () => {
    const fake = new FakeExcel(clone(models.get('kaifu-2022-project-jcdj.xlsx')!.model));
    fake.hangNextSync = true;
    const actions: Action[] = [];
    const t0 = Date.now();
    const run = performCheck(gatewayFor(fake), DEFAULT_SETTINGS, 'b.xlsx', (a) => actions.push(a), 'zh', { timeoutMs: 300, cellEditHintMs: 50 });
    await expect(run).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    const hints = actions.filter((a) => a.type === 'waitingCellEdit').map((a) => (a as { waiting: boolean }).waiting);
    expect(hints).toEqual([true, false]);
    fake.releaseHung();
  });

  test('a hung write is a write problem, not a lost check', async () => {
    const fake = new FakeExcel(clone(models.get('kaifu-2022-project-jcdj.xlsx')!.model));
    const gw = gatewayFor(fake);
    const orig = gw.applyMarks;
    gw.applyMarks = (marks) => {
      fake.hangNextSync = true;
      return orig(marks);
    };
    const r = await performCheck(gw, DEFAULT_SETTINGS, 'c.xlsx', () => undefined, 'zh', { timeoutMs: 200, cellEditHintMs: 50 });
    expect(r.check.findings.length).toBe(models.get('kaifu-2022-project-jcdj.xlsx')!.cliFindings);
    expect(r.problems[0]).toMatchObject({ reason: 'timeout' });
    fake.releaseHung();
  });
});

describe('取消 writes nothing', () => {
  // Cancelled at each point the pane can hear it: before the read, after each sheet read, and while
  // checking. The workbook must be exactly as before (values, fills, notes, comments, settings, sheets).
  const points: [string, (a: Action) => boolean][] = [
    ['before anything', () => false],
    ['when reading starts', (a) => a.type === 'phase' && a.phase === 'read'],
    ['after the first sheet', (a) => a.type === 'progress' && a.progress.done === 1],
    ['after the third sheet', (a) => a.type === 'progress' && a.progress.done === 3],
    ['with the first findings shown', (a) => a.type === 'partial'],
    ['when checking the rest', (a) => a.type === 'phase' && a.phase === 'check'],
  ];
  test.each(points)('cancelled %s: CheckCancelled and the workbook untouched', async (_label, at) => {
    const [name, entry] = [...models.entries()].find(([f]) => f.startsWith('hengshan'))!;
    // Four copies of the sheet, so the read and the check both take several steps.
    const model = clone(entry.model);
    const first = model.sheets[0];
    for (let i = 1; i < 4; i++) model.sheets.push({ ...clone({ ...model, sheets: [first] }).sheets[0], id: `{copy${i}}`, name: `${first.name}${i}` });
    const fake = new FakeExcel(model, { apiVersion: '1.18' });
    const before = JSON.stringify(fake.model);
    const controller = new AbortController();
    const actions: Action[] = [];
    const seen = (a: Action) => {
      actions.push(a);
      if (at(a)) controller.abort();
    };
    if (_label === 'before anything') controller.abort();
    await expect(performCheck(gatewayFor(fake), DEFAULT_SETTINGS, name, seen, 'zh', { signal: controller.signal })).rejects.toThrow('cancelled');
    expect(JSON.stringify(fake.model)).toBe(before);
    // Nothing was even prepared for writing: no 'checked' (the list is not replaced) and no mark phase.
    expect(actions.some((a) => a.type === 'checked')).toBe(false);
    expect(actions.some((a) => a.type === 'phase' && a.phase === 'mark')).toBe(false);
  });
});

