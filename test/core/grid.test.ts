// GridView over sparse and hostile grids: merged areas are indexed per area (not per cell), scans
// follow the cells present. Costs are shown by work that could not finish otherwise (17 billion
// cells, 100,000 areas), not by timing assertions.
import fc from 'fast-check';
import { checkWorkbook } from '../../src/core/check';
import { findTables } from '../../src/core/findTables';
import { GridView } from '../../src/core/grid';
import { MergeIndex } from '../../src/core/mergeIndex';
import { mof2020 } from '../../src/core/profile';
import type { CellValue, MergedArea, SheetGrid } from '../../src/core/types';
import { standardTable } from '../helpers/grids';

/** The naive per-cell answer the index must match. */
function naiveAt(areas: MergedArea[], r: number, c: number): MergedArea | undefined {
  return areas.find((a) => a.top <= r && r <= a.bottom && a.left <= c && c <= a.right);
}

/** Non-overlapping areas: cut a 40×40 board into random rectangles, row band by row band. */
const disjointAreas = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 60 })
  .map((cands) => {
    const taken = new Set<number>();
    const out: MergedArea[] = [];
    for (const [top, left, h, w] of cands) {
      const a = { top, left, bottom: Math.min(39, top + h), right: Math.min(39, left + w) };
      let free = true;
      for (let r = a.top; r <= a.bottom && free; r++) for (let c = a.left; c <= a.right; c++) if (taken.has(r * 100 + c)) free = false;
      if (!free) continue;
      for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) taken.add(r * 100 + c);
      out.push(a);
    }
    return out;
  });

describe('MergeIndex', () => {
  it('answers exactly what a per-cell lookup answers', () => {
    fc.assert(
      fc.property(disjointAreas, (areas) => {
        const idx = new MergeIndex(areas);
        for (let r = 0; r < 42; r++) for (let c = 0; c < 42; c++) if (idx.at(r, c) !== naiveAt(areas, r, c)) return false;
        return true;
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('holds one area covering the whole sheet without a cell per cell', () => {
    const whole = { top: 39, left: 0, bottom: 1048575, right: 16383 };
    const idx = new MergeIndex([whole]);
    expect(idx.at(1048575, 16383)).toBe(whole);
    expect(idx.at(39, 0)).toBe(whole);
    expect(idx.at(38, 5)).toBeUndefined();
  });

  it('100,000 single-row areas on one row are found by binary search', () => {
    const areas: MergedArea[] = [];
    for (let i = 0; i < 8000; i++) areas.push({ top: 0, left: i * 2, bottom: 0, right: i * 2 + 1 });
    for (let r = 1; r <= 92000; r++) areas.push({ top: r, left: 0, bottom: r, right: 1 });
    const idx = new MergeIndex(areas);
    let hits = 0;
    for (let c = 0; c < 16000; c++) if (idx.at(0, c)) hits++;
    for (let r = 1; r <= 92000; r++) if (idx.at(r, 1)?.top === r) hits++;
    expect(hits).toBe(16000 + 92000);
  });
});

describe('GridView on sparse grids', () => {
  it('one value at XFD1048576 beside a real table: the table is found, rows scan their own cells', () => {
    const grid = standardTable();
    const values: CellValue[][] = grid.values.slice();
    const far: CellValue[] = [];
    far[16383] = '远处的值';
    values[1048575] = far;
    const sheet: SheetGrid = { ...grid, values };
    const view = new GridView(sheet);
    expect(view.colCount).toBe(16384);
    expect(view.rowLength(3)).toBeLessThan(20);
    expect(view.rowLength(500000)).toBe(0);
    const tables = findTables(view);
    expect(tables).toHaveLength(1);
    expect(tables[0].rows).toHaveLength(9);
    expect(checkWorkbook([sheet], mof2020).tables).toHaveLength(1);
  });

  it('a merge from row 40 to the last cell of the sheet does not cost its cells', () => {
    const grid = standardTable();
    const sheet: SheetGrid = { ...grid, merges: [...grid.merges, { top: 39, left: 0, bottom: 1048575, right: 16383 }] };
    const view = new GridView(sheet);
    expect(view.master(1048575, 16383)).toEqual({ row: 39, col: 0 });
    expect(view.isBlank(1048575, 16383)).toBe(true);
    expect(checkWorkbook([sheet], mof2020).tables).toHaveLength(1);
  });

  it('keeps the merged-area answers of a real table', () => {
    const grid = standardTable();
    const view = new GridView(grid);
    for (const m of grid.merges) {
      expect(view.master(m.bottom, m.right)).toEqual({ row: m.top, col: m.left });
      expect(view.mergedArea(m.top, m.left)).toBe(m);
    }
  });
});
