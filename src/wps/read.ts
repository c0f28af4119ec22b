// Reading a WPS workbook into the pane's grids: each visible sheet's used range in one Value2 call
// (WPS's object model is synchronous and every call crosses into WPS, so bulk reads, not cell by
// cell), number formats a column at a time (a cell only where its column mixes formats), merged
// areas only where a row has any, asked of the cells that hold a value. The grid contract is the Excel gateway's: 0-based from A1,
// errors as '#…' text, text that only looks like an error with Excel's apostrophe.
import { excelErrorOf } from '../core/cells';
import type { CellValue, MergedArea, SheetGrid } from '../core/types';
import type { WpsRange, WpsWorksheet } from './wpsApi';

/**
 * Error values as Value2 gives them: VBA's CVErr, which crosses the COM-style bridge as the
 * HRESULT-like numbers 0x800A07D0 + xlErr… (xlErrDiv0 = 2007 → -2146826281). Modelled on VBA's
 * object model (WPS documents its JSAPI as that model); the reader confirms each with Range.Text.
 */
export const CVERR: Record<number, string> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
  [-2146826238]: '#GETTING_DATA',
};

/** Value2 of a range as rows × columns (a single cell comes back as a bare value). */
export function asRows(v: unknown, rows: number, cols: number): unknown[][] {
  if (rows === 1 && cols === 1 && !Array.isArray(v)) return [[v]];
  if (!Array.isArray(v)) return Array.from({ length: rows }, () => new Array<unknown>(cols).fill(null));
  // A single row may come back flat.
  if (rows === 1 && !Array.isArray(v[0])) return [v as unknown[]];
  return v as unknown[][];
}

function plain(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Date) return null; // Value2 never gives dates (they are serials); defensive
  return String(v);
}

/** One cell's value as the grid holds it, asking the cell only when the bulk value is ambiguous. */
function cellValue(v: unknown, cell: () => WpsRange): CellValue {
  const value = plain(v);
  if (typeof value === 'number' && CVERR[value] !== undefined) {
    const shown = cell().Text ?? '';
    return excelErrorOf(shown) !== null ? shown : value;
  }
  if (typeof value === 'string' && excelErrorOf(value) !== null) {
    // An error the cell computed (its formula starts with '='), or text someone typed.
    const f = cell().Formula;
    return typeof f === 'string' && f.startsWith('=') ? value : `'${value}`;
  }
  return value;
}

export interface SheetBox {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export function usedBox(ws: WpsWorksheet): { used: WpsRange; box: SheetBox } {
  const used = ws.UsedRange;
  return { used, box: { top: used.Row - 1, left: used.Column - 1, rows: used.Rows.Count, cols: used.Columns.Count } };
}

/** The sheet's grid (values, formats, merged areas), anchored at A1. */
export function readSheet(ws: WpsWorksheet): SheetGrid {
  const { used, box } = usedBox(ws);
  const raw = asRows(used.Value2, box.rows, box.cols);
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = 0; r < box.top; r++) {
    values.push([]);
    formats.push([]);
  }
  const cell = (r: number, c: number) => () => used.Item(r + 1, c + 1);
  for (let r = 0; r < box.rows; r++) {
    const row: CellValue[] = new Array<CellValue>(box.left).fill(null);
    for (let c = 0; c < box.cols; c++) row.push(cellValue(raw[r]?.[c], cell(r, c)));
    values.push(row);
    formats.push(new Array<string | null>(box.left + box.cols).fill(null));
  }
  // Formats matter for numbers (percent, dates): a column's format when it has one, else each number's own.
  for (let c = 0; c < box.cols; c++) {
    const hasNumber = values.some((row) => typeof row[box.left + c] === 'number');
    if (!hasNumber) continue;
    const shared = used.Columns.Item(c + 1).NumberFormat;
    for (let r = 0; r < box.rows; r++) {
      if (typeof values[box.top + r][box.left + c] !== 'number') continue;
      const fmt = shared ?? used.Item(r + 1, c + 1).NumberFormat;
      formats[box.top + r][box.left + c] = fmt && fmt !== 'General' && fmt !== 'G/通用格式' ? fmt : null;
    }
  }
  return { name: ws.Name, values, numberFormats: formats, merges: readMerges(used, box, values) };
}

/**
 * Merged areas of the used range. A row without any costs one call; in a row with some, only cells
 * holding a value are asked (a merged area keeps its value in its first cell, and one without a
 * value changes nothing the checker reads).
 */
function readMerges(used: WpsRange, box: SheetBox, values: CellValue[][]): MergedArea[] {
  if (used.MergeCells === false) return [];
  const out: MergedArea[] = [];
  for (let r = 0; r < box.rows; r++) {
    const row = values[box.top + r];
    const filled: number[] = [];
    for (let c = 0; c < box.cols; c++) if (row[box.left + c] !== null && row[box.left + c] !== undefined) filled.push(c);
    if (filled.length === 0) continue;
    if (used.Item(r + 1, 1).Resize(1, box.cols).MergeCells === false) continue;
    for (const c of filled) {
      const cell = used.Item(r + 1, c + 1);
      if (cell.MergeCells !== true) continue;
      const area = cell.MergeArea;
      out.push({ top: area.Row - 1, left: area.Column - 1, bottom: area.Row - 2 + area.Rows.Count, right: area.Column - 2 + area.Columns.Count });
    }
  }
  return out;
}
