// RULES §7 property: template placeholder rows (指标1：, 指标2, ……, rows of / — - 无) get no findings,
// whatever rows of a real table they replace.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseA1 } from '../../src/core/address';
import { checkWorkbook } from '../../src/core/check';
import { findTables } from '../../src/core/findTables';
import { mof2020 } from '../../src/core/profile';
import type { CellValue, SheetGrid } from '../../src/core/types';
import { readXlsxGrids } from '../../src/files/fastGrid';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const files = [FIXTURES, path.join(FIXTURES, 'realworld')].flatMap((dir) =>
  fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx') && !f.endsWith('.fw.xlsx')).map((f) => path.join(dir, f)));

/** What the template leaves in a row: [三级指标, the value every other cell gets]. */
const PLACEHOLDERS: [CellValue, CellValue][] = [
  ['指标1：', null], ['指标2', null], ['……', null], ['…', null], ['指标3：/', null], ['指标2', '/'], [null, '—'], ['指标4', '-'], [null, '无'],
];

let sheets: SheetGrid[][] = [];
beforeAll(async () => {
  sheets = await Promise.all(files.map(async (f) => readXlsxGrids(new Uint8Array(fs.readFileSync(f)))));
});

test('no finding lands on a placeholder row', () => {
  expect(sheets.length).toBeGreaterThanOrEqual(11);
  for (const grids of sheets) {
    const tables = grids.flatMap((g, sheet) => findTables(g).map((t) => ({ t, sheet })));
    for (const { t, sheet } of tables) {
      const rows = t.rows.map((r) => r.row);
      const valueCols = (['name', 'targetOperator', 'target', 'targetUnit', 'actual', 'weight', 'score', 'reason', 'direction'] as const)
        .map((k) => t.columns[k]).filter((c): c is number => c !== undefined);
      fc.assert(
        fc.property(fc.subarray(rows, { minLength: 1 }), fc.array(fc.constantFrom(...PLACEHOLDERS), { minLength: rows.length, maxLength: rows.length }), (chosen, kinds) => {
          const copy = grids.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
          const values = copy[sheet].values;
          chosen.forEach((r, i) => {
            const [name, fill] = kinds[i];
            for (const c of valueCols) {
              while (values[r].length <= c) values[r].push(null);
              values[r][c] = c === t.columns.name ? name : fill;
            }
          });
          const placeholderRows = new Set(chosen.map((r) => r + 1));
          const labelCols = new Set([t.columns.level1, t.columns.level2]);
          const onPlaceholder = checkWorkbook(copy, mof2020).findings.filter((f) => f.sheet === copy[sheet].name && placeholderRows.has(f.row)
            && !labelCols.has(parseA1(f.cell).col));
          expect(onPlaceholder).toEqual([]);
        }),
        { numRuns: 25, seed: 7 },
      );
    }
  }
});
