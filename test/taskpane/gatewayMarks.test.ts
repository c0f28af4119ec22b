// Issue 9: the write side on a big workbook (40 sheets × 125 marks, like the 200-table bench):
// marks packed across sheets, the record written a constant number of times and compact, the
// thread given back during long loops — with every guarantee of issue 8 kept (record before fills,
// one refusing sheet spares the others, 清除标记 restores everything, version-1 records still cleared).
import type { CellMark } from '../../src/core/types';
import { createExcelGateway, decodeMarks, encodeMarks, MARKS_KEY, NOTE_PREFIX, type ExcelRun, type GatewayOptions, type StoredMark } from '../../src/taskpane/excel/gateway';
import { REQUEST_BUDGET, REQUEST_COST } from '../../src/taskpane/excel/requestSize';
import { FakeExcel, type FakeExcelOptions, type FakeSheet, type FakeWorkbookModel } from '../fakes/fakeExcel';

const SHEETS = 40;
const PER_SHEET = 125;

/** 40 sheets with numbers in H1:H125; some cells already filled (solid, and patterned). */
function bigModel(): FakeWorkbookModel {
  const sheets: FakeSheet[] = [];
  for (let s = 0; s < SHEETS; s++) {
    const cells: FakeSheet['cells'] = {};
    for (let r = 1; r <= PER_SHEET; r++) {
      cells[`H${r}`] = { v: r };
      if (r % 10 === 0) cells[`H${r}`].fill = { color: '#00B050' };
      if (r % 17 === 0) cells[`H${r}`].fill = { color: '#FFFF00', pattern: 'Gray25' };
    }
    cells.A1 = { v: `部门${s + 1}` };
    sheets.push({ id: `{dept-${s + 1}}`, name: `部门${s + 1}`, cells, merges: [] });
  }
  return { sheets, settings: {}, notes: [], comments: [] };
}

function bigMarks(): CellMark[] {
  const marks: CellMark[] = [];
  for (let s = 0; s < SHEETS; s++)
    for (let r = 1; r <= PER_SHEET; r++)
      marks.push({ sheet: `部门${s + 1}`, cell: `H${r}`, row: r - 1, col: 7, kind: r % 3 === 0 ? 'warning' : 'error', fill: r % 3 === 0 ? 'FFEB9C' : 'FFC7CE', note: `【绩效自评助手】第${r}行有误` });
  return marks;
}

/** A gateway over the fake; counts syncs per call and the record's writes (settings.add of MARKS_KEY). */
function setup(options: FakeExcelOptions = {}, extra: Partial<GatewayOptions> = {}) {
  const fake = new FakeExcel(bigModel(), options);
  const counts = { recordWrites: 0 };
  const run = fake.run;
  const counted = (async (opts: Excel.RunOptions, batch: (ctx: Excel.RequestContext) => Promise<unknown>) =>
    run(opts as Record<string, unknown>, async (ctx) => {
      const settings = ctx.workbook.settings;
      const add = settings.add.bind(settings);
      settings.add = (key: string, value: unknown) => {
        if (key === MARKS_KEY) counts.recordWrites++;
        return add(key, value);
      };
      return batch(ctx as unknown as Excel.RequestContext);
    })) as unknown as ExcelRun;
  const gw = createExcelGateway({ run: counted, isSetSupported: fake.isSetSupported, retryDelayMs: 1, yieldToHost: () => Promise.resolve(), ...extra });
  const syncsOf = async <T>(fn: () => Promise<T>): Promise<{ value: T; syncs: number; recordWrites: number }> => {
    const s0 = fake.syncCount;
    counts.recordWrites = 0;
    const value = await fn();
    return { value, syncs: fake.syncCount - s0, recordWrites: counts.recordWrites };
  };
  return { fake, gw, syncsOf };
}

const ours = (fake: FakeExcel) => fake.model.notes.filter((n) => n.content.startsWith(NOTE_PREFIX)).length + fake.model.comments.filter((c) => c.content.startsWith(NOTE_PREFIX)).length;

describe('40 sheets × 125 marks', () => {
  test.each([2000, 300])('marksPerBatch %i: syncs ≤ 2 per batch + 4 (the notes read on their own), the record written twice, 清除标记 restores every fill and note', async (perBatch) => {
    const { fake, gw, syncsOf } = setup({}, { marksPerBatch: perBatch });
    const marks = bigMarks();
    const fillsBefore = fake.fills();
    const batches = Math.ceil(marks.length / perBatch);

    const first = await syncsOf(() => gw.applyMarks(marks));
    expect(first.value).toEqual({ marked: marks.length, problems: [] });
    expect(first.syncs).toBeLessThanOrEqual(batches * 2 + 4);
    // Once with what is left of the previous marks (nothing here: no write), once with every planned mark.
    expect(first.recordWrites).toBeLessThanOrEqual(2);
    for (const m of marks) expect(fake.cell(m.sheet, m.cell)?.fill?.color).toBe(`#${m.fill}`);
    expect(fake.model.notes.length).toBe(marks.length);

    // The record: version 2, one entry per sheet, every mark.
    const record = JSON.parse(String(fake.model.settings[MARKS_KEY]));
    expect(record.version).toBe(2);
    expect(record.sheets.length).toBe(SHEETS);
    expect(decodeMarks(record).length).toBe(marks.length);

    // A second check clears the first marks and marks again: the same bounds, plus the requests the
    // clearing and the probes of the first marks need at their measured sizes (requestSize.ts).
    const again = await syncsOf(() => gw.applyMarks(marks));
    expect(again.value).toEqual({ marked: marks.length, problems: [] });
    const requests = (bytes: number) => Math.ceil(bytes / REQUEST_BUDGET) - 1;
    const clearing = requests(marks.length * (REQUEST_COST.fill + REQUEST_COST.objectDelete + REQUEST_COST.probe)) + requests(marks.length * REQUEST_COST.probe);
    expect(again.syncs).toBeLessThanOrEqual(batches * 2 + 4 + clearing);
    expect(again.recordWrites).toBeLessThanOrEqual(2);
    expect(fake.model.notes.length).toBe(marks.length);

    const cleared = await syncsOf(() => gw.clearMarks());
    expect(cleared.value).toEqual({ restored: marks.length, problems: [] });
    // 3 for the marks and the record, 1 for the notes on their own (ExcelApi 1.18), 1 to look for our
    // 自评汇总 (none here: it would be removed too); the restores and deletes, and the probes, in as
    // many requests as their measured sizes need.
    expect(cleared.syncs).toBe(5 + requests(marks.length * (REQUEST_COST.fill + REQUEST_COST.objectDelete)) + requests(marks.length * REQUEST_COST.probe));
    expect(fake.fills()).toEqual(fillsBefore);
    expect(fake.model.notes).toEqual([]);
    expect(fake.model.settings[MARKS_KEY]).toBeUndefined();
  }, 30_000);

  test('threaded comments (ExcelApi 1.17) and fills only (1.7): same bounds, cleared', async () => {
    for (const apiVersion of ['1.17', '1.7']) {
      const { fake, gw, syncsOf } = setup({ apiVersion });
      const marks = bigMarks();
      const fillsBefore = fake.fills();
      const r = await syncsOf(() => gw.applyMarks(marks));
      expect(r.value).toEqual({ marked: marks.length, problems: [] });
      expect(r.syncs).toBeLessThanOrEqual(Math.ceil(marks.length / 2000) * (apiVersion === '1.7' ? 1 : 2) + 3);
      expect(ours(fake)).toBe(apiVersion === '1.7' ? 0 : marks.length);
      await gw.clearMarks();
      expect(fake.fills()).toEqual(fillsBefore);
      expect(ours(fake)).toBe(0);
    }
  }, 30_000);

  test('one sheet protected after the marks state was read: the other sheets of its batch are marked, only it is named', async () => {
    const { fake, gw } = setup({}, { marksPerBatch: 1000 }); // 8 sheets per batch
    const marks = bigMarks();
    const fillsBefore = fake.fills();
    let syncs = 0;
    const realSync = fake.beforeSync.bind(fake);
    fake.beforeSync = async () => {
      syncs++;
      if (syncs === 3) fake.model.sheets[2].protected = true; // 部门3, in the first batch
      await realSync();
    };
    const r = await gw.applyMarks(marks);
    expect(r?.problems).toEqual([{ sheet: '部门3', reason: 'protected', cells: PER_SHEET }]);
    expect(r?.marked).toBe(marks.length - PER_SHEET);
    for (const m of marks) if (m.sheet !== '部门3') expect(fake.cell(m.sheet, m.cell)?.fill?.color).toBe(`#${m.fill}`);
    expect(fake.model.notes.length).toBe(marks.length - PER_SHEET);
    fake.beforeSync = realSync;
    fake.model.sheets[2].protected = false;
    const c = await gw.clearMarks();
    expect(c.problems).toEqual([]);
    expect(fake.fills()).toEqual(fillsBefore);
    expect(fake.model.notes).toEqual([]);
    expect(fake.model.settings[MARKS_KEY]).toBeUndefined();
  }, 30_000);

  test('over the request size limit, batches are halved until they fit; all marked, all cleared', async () => {
    // One batch of every mark: its fills (9 bytes each in the fake) are over the limit, so are its notes.
    const { fake, gw, syncsOf } = setup({ requestLimit: 42_000 }, { marksPerBatch: 5000 });
    const marks = bigMarks();
    const fillsBefore = fake.fills();
    const r = await syncsOf(() => gw.applyMarks(marks));
    expect(r.value).toEqual({ marked: marks.length, problems: [] });
    expect(r.syncs).toBeGreaterThan(3 + 2 + 2);
    expect(fake.model.notes.length).toBe(marks.length);
    await gw.clearMarks();
    expect(fake.fills()).toEqual(fillsBefore);
    expect(fake.model.notes).toEqual([]);
  }, 30_000);

  test('a re-check and 清除标记 over the request size limit restore in smaller requests; nothing is left', async () => {
    const { fake, gw, syncsOf } = setup({ requestLimit: 12_000 });
    const marks = bigMarks();
    const fillsBefore = fake.fills();
    expect(await gw.applyMarks(marks)).toEqual({ marked: marks.length, problems: [] });
    // Restoring 5,000 cells is one request normally, far over 12 kB here.
    const again = await syncsOf(() => gw.applyMarks(marks));
    expect(again.value).toEqual({ marked: marks.length, problems: [] });
    expect(fake.model.notes.length).toBe(marks.length);
    const cleared = await syncsOf(() => gw.clearMarks());
    expect(cleared.value).toEqual({ restored: marks.length, problems: [] });
    expect(cleared.syncs).toBeGreaterThan(3);
    expect(fake.fills()).toEqual(fillsBefore);
    expect(fake.model.notes).toEqual([]);
    expect(fake.model.settings[MARKS_KEY]).toBeUndefined();
  }, 30_000);

  test('refused comments on two sheets (old-style notes on Excel 2021): only those two cells are named', async () => {
    const { fake, gw } = setup({ apiVersion: '1.17' });
    fake.model.notes.push({ sheetId: '{dept-2}', cell: 'H5', content: '旧批注' }, { sheetId: '{dept-30}', cell: 'H100', content: '旧批注' });
    const marks = bigMarks();
    const r = await gw.applyMarks(marks);
    expect(r?.marked).toBe(marks.length);
    expect(r?.problems).toEqual([
      { sheet: '部门2', reason: 'comment', cells: 1 },
      { sheet: '部门30', reason: 'comment', cells: 1 },
    ]);
    expect(fake.model.comments.length).toBe(marks.length - 2);
    await gw.clearMarks();
    expect(fake.model.comments).toEqual([]);
    expect(fake.model.notes.length).toBe(2);
  }, 30_000);
});

describe('the marks record', () => {
  test('version 2 is much smaller than version 1 and decodes to the same marks', () => {
    const marks: StoredMark[] = [];
    for (let s = 0; s < 40; s++)
      for (let r = 1; r <= 125; r++)
        marks.push({ sheet: `部门${s + 1}`, sheetId: `{dept-${s + 1}}`, cell: `H${r}`, original: r % 10 ? null : '#00B050', fill: r % 3 ? '#FFC7CE' : '#FFEB9C', noteKind: 'note', ...(r % 17 ? {} : { pattern: 'Gray25' }) });
    const v2 = JSON.stringify(encodeMarks(marks));
    const v1 = JSON.stringify({ version: 1, marks });
    expect(v2.length * 5).toBeLessThan(v1.length);
    expect(decodeMarks(JSON.parse(v2))).toEqual(marks);
    expect(decodeMarks(JSON.parse(v1))).toEqual(marks);
    expect(decodeMarks(null)).toEqual([]);
    expect(decodeMarks({ version: 3, other: 1 })).toEqual([]);
  });

  test('a version-1 record (written before) is still cleared, and re-checking over it leaves no stray mark', async () => {
    for (const recheck of [false, true]) {
      const { fake, gw } = setup();
      const fillsBefore = fake.fills();
      // What the previous version left: fills and notes of ours, and its record.
      const marks: StoredMark[] = [];
      for (const s of fake.model.sheets.slice(0, 3)) {
        for (const cell of ['H10', 'H11', 'H17']) {
          const c = s.cells[cell];
          marks.push({ sheet: s.name, sheetId: s.id, cell, original: c.fill ? c.fill.color : null, ...(c.fill?.pattern ? { pattern: c.fill.pattern } : {}), fill: '#FFC7CE', noteKind: 'note' });
          c.fill = { color: '#FFC7CE' };
          fake.model.notes.push({ sheetId: s.id, cell, content: `${NOTE_PREFIX}旧的` });
        }
      }
      // Version 1 without sheetId on one mark (found by the sheet's name).
      delete marks[0].sheetId;
      fake.model.settings[MARKS_KEY] = JSON.stringify({ version: 1, marks });
      if (recheck) {
        await gw.applyMarks(bigMarks().filter((m) => m.sheet === '部门5'));
        expect(JSON.parse(String(fake.model.settings[MARKS_KEY])).version).toBe(2);
      }
      await gw.clearMarks();
      expect(fake.fills()).toEqual(fillsBefore);
      expect(fake.model.notes).toEqual([]);
      expect(fake.model.settings[MARKS_KEY]).toBeUndefined();
    }
  });
});

describe('notes', () => {
  test("a colleague's note on one sheet keeps ours off that cell only; 清除标记 removes ours even where the record lost them", async () => {
    const { fake, gw } = setup();
    fake.model.notes.push({ sheetId: '{dept-7}', cell: 'H3', content: '请核对' });
    const marks = bigMarks();
    const r = await gw.applyMarks(marks);
    expect(r?.problems).toEqual([{ sheet: '部门7', reason: 'comment', cells: 1 }]);
    expect(fake.model.notes.length).toBe(marks.length); // 4,999 of ours + the colleague's
    expect(fake.model.notes.filter((n) => n.sheetId === '{dept-7}' && n.cell === 'H3')).toEqual([{ sheetId: '{dept-7}', cell: 'H3', content: '请核对' }]);
    // A record that lost a sheet (e.g. edited by hand): its notes of ours still go.
    const record = JSON.parse(String(fake.model.settings[MARKS_KEY]));
    record.sheets = record.sheets.filter((s: { id: string }) => s.id !== '{dept-9}');
    fake.model.settings[MARKS_KEY] = JSON.stringify(record);
    await gw.clearMarks();
    expect(fake.model.notes).toEqual([{ sheetId: '{dept-7}', cell: 'H3', content: '请核对' }]);
  }, 30_000);
});

describe('the thread is given back during long loops', () => {
  test('with a clock that moves, applyMarks, writeSummary and clearMarks yield between queueing steps; the result is the same', async () => {
    let t = 0;
    let yields = 0;
    const inFlight = { syncing: false, yieldedDuringSync: false };
    const { fake, gw } = setup({}, {
      sliceMs: 40,
      now: () => (t += 0.5), // every clock read is half a millisecond of work
      yieldToHost: async () => {
        yields++;
        if (inFlight.syncing) inFlight.yieldedDuringSync = true;
      },
    });
    const realSync = fake.beforeSync.bind(fake);
    fake.beforeSync = async () => {
      inFlight.syncing = true;
      await realSync();
      inFlight.syncing = false;
    };
    const marks = bigMarks();
    const r = await gw.applyMarks(marks);
    expect(r).toEqual({ marked: marks.length, problems: [] });
    // ~5,000 proxies + 5,000 entries + 5,000 fills + 5,000 notes at 0.5 ms each, a slice of 40 ms.
    expect(yields).toBeGreaterThan(100);
    const afterMarks = yields;
    await gw.writeSummary({ rows: Array.from({ length: 3000 }, (_, i) => [{ text: `第${i}行` }, { number: i }]), columnWidths: [10, 10], findingsHeaderRow: 0 });
    expect(yields).toBeGreaterThan(afterMarks + 50);
    const afterSummary = yields;
    const c = await gw.clearMarks();
    expect(c.restored).toBe(marks.length);
    expect(yields).toBeGreaterThan(afterSummary + 50);
    expect(inFlight.yieldedDuringSync).toBe(false);
  }, 30_000);

  test('with a fast clock nothing yields (small workbooks pay nothing)', async () => {
    let yields = 0;
    const { gw } = setup({}, { sliceMs: 1e9, yieldToHost: async () => void yields++ });
    await gw.applyMarks(bigMarks().slice(0, 50));
    await gw.clearMarks();
    expect(yields).toBe(0);
  });
});
