// Assembles SheetGrid rows the way both readers (fastGrid and xlsxGrid) must, so that their grids
// stay identical: a cell with neither value nor format is left out, gaps are null, and rows in
// between are holes (SheetGrid rows may be missing): a lone cell at row 1,048,576 must not cost a
// million empty arrays. Excel's limits are enforced here for both readers (LimitError, exit 2):
// a cell past XFD, a row past 1,048,576 or a text over 32,767 characters cannot come from Excel.
import type { CellValue } from '../core/types';
import { LimitError, READ_LIMITS, limitMessages } from './limits';

export class GridRows {
  readonly values: CellValue[][] = [];
  readonly numberFormats: (string | null)[][] = [];
  /** Formula cells saved without a cached result, [row, col] 0-based (SheetGrid.formulasWithoutValue). */
  readonly formulasWithoutValue: [number, number][] = [];
  private vals: CellValue[] = [];
  private fmts: (string | null)[] = [];
  private pendingFormulas: number[] = [];

  constructor(
    private readonly sheet: string,
    /** Cells this workbook may still hold (shared by the sheets of one read). */
    private readonly budget: { cells: number } = { cells: READ_LIMITS.cells },
  ) {}

  /** Adds a cell (0-based column) to the row being built. */
  cell(c: number, v: CellValue, fmt: string | null | undefined): void {
    if (c >= READ_LIMITS.columns) throw new LimitError(limitMessages.column(this.sheet));
    // Range.values never holds NaN or ±Infinity; an unreadable number is no value.
    if (typeof v === 'number' && !Number.isFinite(v)) v = null;
    if (typeof v === 'string' && v.length > READ_LIMITS.cellChars) throw new LimitError(limitMessages.cellChars(this.sheet));
    if (v === null && !fmt) return;
    if (--this.budget.cells < 0) throw new LimitError(limitMessages.cells());
    while (this.vals.length < c) this.vals.push(null);
    while (this.fmts.length < c) this.fmts.push(null);
    this.vals[c] = v;
    this.fmts[c] = fmt || null;
  }

  /** Marks a formula cell of the row being built as saved without a cached result. */
  formulaWithoutValue(c: number): void {
    if (c >= READ_LIMITS.columns) throw new LimitError(limitMessages.column(this.sheet));
    this.pendingFormulas.push(c);
  }

  /** Stores the row built so far as sheet row r (0-based) and starts a new one. */
  endRow(r: number): void {
    if (r >= READ_LIMITS.rows) throw new LimitError(limitMessages.row(this.sheet));
    this.values[r] = this.vals;
    this.numberFormats[r] = this.fmts;
    for (const c of this.pendingFormulas) this.formulasWithoutValue.push([r, c]);
    this.vals = [];
    this.fmts = [];
    this.pendingFormulas = [];
  }
}
