import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { workbookToGrids } from '../../src/files/xlsxGrid';
import { checkWorkbook } from '../../src/core/check';
import { gx130, mof2020 } from '../../src/core/profile';
import type { SheetGrid } from '../../src/core/types';
import { CheckCancelled, checkInSlices, createSheetChecker } from '../../src/taskpane/checkSlices';
import type { WorkbookCheck } from '../../src/core/types';

const dir = path.join(__dirname, '..', 'fixtures');
const files = [
  ...fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f)),
  ...fs.readdirSync(path.join(dir, 'realworld')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, 'realworld', f)),
];

async function grids(file: string): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return workbookToGrids(wb);
}

describe('the check in slices', () => {
  test.each(files.map((f) => [path.relative(dir, f), f]))('%s: exactly checkWorkbook', async (_name, file) => {
    const sheets = await grids(file);
    for (const profile of [mof2020, gx130]) {
      const sliced = await checkInSlices(sheets, profile, { locale: 'zh-CN' }, { budgetMs: 0, yieldToUi: async () => undefined });
      expect(sliced).toEqual(checkWorkbook(sheets, profile, { locale: 'zh-CN' }));
    }
  });

  test('several sheets: table indices renumbered, yields between slices, progress moves, 取消 stops it', async () => {
    const one = await grids(path.join(dir, 'kaifu-2022-project-jcdj.xlsx'));
    const sheets = [0, 1, 2, 3].map((i) => ({ ...one[0], name: `表${i}` }));
    const progress: number[] = [];
    let yields = 0;
    const sliced = await checkInSlices(sheets, mof2020, {}, { budgetMs: 0, yieldToUi: async () => void yields++, onProgress: (d) => progress.push(d) });
    expect(sliced).toEqual(checkWorkbook(sheets, mof2020));
    expect(new Set(sliced.findings.map((f) => f.table))).toEqual(new Set([0, 1, 2, 3]));
    // One yield before the first slice (the caller's task goes on first), then one between slices.
    expect(yields).toBe(4);
    expect(progress).toEqual([1, 2, 3, 4]);
    const controller = new AbortController();
    let checked = 0;
    await expect(
      checkInSlices(sheets, mof2020, {}, {
        budgetMs: 0,
        signal: controller.signal,
        yieldToUi: async () => {
          if (++checked === 2) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(CheckCancelled);
    expect(checked).toBe(2);
  });

  test('sheets pushed while they are read: checked between the reads, findings shown as they come, same result', async () => {
    const one = await grids(path.join(dir, 'kaifu-2022-project-jcdj.xlsx'));
    const sheets = [0, 1, 2, 3, 4].map((i) => ({ ...one[0], name: `表${i}` }));
    const partials: WorkbookCheck[] = [];
    let clock = 0;
    const events: string[] = [];
    const checker = createSheetChecker(mof2020, {}, {
      budgetMs: 10,
      partialEveryMs: 100,
      // A timer like the reader's below: the default MessageChannel message and a timer have no fixed
      // order under load, and the test is about the checker's order, not the host's.
      yieldToUi: () => new Promise((resolve) => setTimeout(resolve, 0)),
      now: () => clock,
      onPartial: (c) => {
        events.push(`partial ${c.tables.length}`);
        partials.push(c);
      },
    });
    for (const sheet of sheets) {
      checker.push(sheet);
      events.push(`pushed ${sheet.name}`);
      // The reader waits for Excel's next answer (a macrotask) and the clock moves on.
      await new Promise((r) => setTimeout(r, 0));
      clock += 60;
    }
    const whole = await checker.finish();
    expect(whole).toEqual(checkWorkbook(sheets, mof2020));
    // The first sheet's findings are shown before the second sheet is read, at once.
    expect(events.slice(0, 3)).toEqual(['pushed 表0', 'partial 1', 'pushed 表1']);
    // Later ones at most every 100 ms of the clock: not after every sheet.
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.length).toBeLessThan(sheets.length);
    // Each partial is a prefix of the final result (the list only grows) and a copy, not the live arrays.
    for (const p of partials) {
      expect(p.findings).toEqual(whole.findings.slice(0, p.findings.length));
      expect(p.tables).toEqual(whole.tables.slice(0, p.tables.length));
      expect(p.findings).not.toBe(whole.findings);
    }
  });

  test('取消 while sheets are still coming: finish rejects, nothing more is checked', async () => {
    const one = await grids(path.join(dir, 'kaifu-2022-project-jcdj.xlsx'));
    const controller = new AbortController();
    let progress = 0;
    const checker = createSheetChecker(mof2020, {}, { signal: controller.signal, budgetMs: 0, onProgress: (d) => (progress = d) });
    checker.push({ ...one[0], name: 'a' });
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(progress).toBe(1);
    controller.abort();
    checker.push({ ...one[0], name: 'b' });
    await expect(checker.finish()).rejects.toBeInstanceOf(CheckCancelled);
    expect(progress).toBe(1);
  });
});
