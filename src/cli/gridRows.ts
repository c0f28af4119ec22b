// Assembles SheetGrid rows the way both readers (fastGrid and xlsxGrid) must, so that their grids
// stay identical: a cell with neither value nor format is left out, gaps are null, and rows in
// between are holes (SheetGrid rows may be missing): a lone cell at row 1,048,576 must not cost a
// million empty arrays.
import type { CellValue } from '../core/types';

export class GridRows {
  readonly values: CellValue[][] = [];
  readonly numberFormats: (string | null)[][] = [];
  private vals: CellValue[] = [];
  private fmts: (string | null)[] = [];

  /** Adds a cell (0-based column) to the row being built. */
  cell(c: number, v: CellValue, fmt: string | null | undefined): void {
    if (v === null && !fmt) return;
    while (this.vals.length < c) this.vals.push(null);
    while (this.fmts.length < c) this.fmts.push(null);
    this.vals[c] = v;
    this.fmts[c] = fmt || null;
  }

  /** Stores the row built so far as sheet row r (0-based) and starts a new one. */
  endRow(r: number): void {
    this.values[r] = this.vals;
    this.numberFormats[r] = this.fmts;
    this.vals = [];
    this.fmts = [];
  }
}
