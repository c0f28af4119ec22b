import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { workbookToGrids } from '../../src/cli/xlsxGrid';
import { checkWorkbook } from '../../src/core/check';
import { gx130, mof2020 } from '../../src/core/profile';
import type { SheetGrid } from '../../src/core/types';
import { CheckCancelled, checkInSlices } from '../../src/taskpane/checkSlices';

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
    expect(yields).toBe(3);
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
});
