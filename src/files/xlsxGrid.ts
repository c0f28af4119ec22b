// exceljs workbook → SheetGrid[]: the same plain grid the task pane gets from Excel's Range.values,
// so core sees identical input whichever adapter read the workbook.
import ExcelJS from 'exceljs';
import type { CellValue, MergedArea, SheetGrid } from '../core/types';
import { parseArea } from '../core/address';
import { GridRows } from './gridRows';
import { READ_LIMITS } from './limits';

/** Days between 1899-12-30 (Excel's 1900-system day 0, leap bug included) and 1970-01-01. */
const EPOCH_1900 = 25569;
/** The 1904 system starts 1462 days later. */
const OFFSET_1904 = 1462;
const MS_PER_DAY = 86400000;

/** Excel serial for a Date exceljs decoded (exceljs decodes serials as UTC midnight-based dates). */
export function dateToSerial(d: Date, date1904 = false): number {
  const serial = d.getTime() / MS_PER_DAY + EPOCH_1900 - (date1904 ? OFFSET_1904 : 0);
  // Float noise from the ms round trip would make 44927 come back as 44926.999999999996.
  return Math.round(serial * 1e9) / 1e9;
}

function richTextToString(rt: { richText?: { text?: string }[] }): string {
  return (rt.richText ?? []).map((r) => r.text ?? '').join('');
}

/** Turns any exceljs cell value into what Range.values would show. */
export function plainValue(v: unknown, date1904 = false): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // Formula (plain, shared or array): only the cached result counts; no result → null,
    // exactly what a reader without a calc engine can know.
    if ('formula' in o || 'sharedFormula' in o) {
      return 'result' in o ? plainValue(o.result, date1904) : null;
    }
    if ('richText' in o) return richTextToString(o as { richText?: { text?: string }[] });
    if ('hyperlink' in o) {
      const t = o.text;
      if (t && typeof t === 'object') return plainValue(t, date1904);
      return t === undefined || t === null ? '' : String(t);
    }
    if ('error' in o) return String(o.error);
  }
  return null;
}

// Address helpers live in core; re-exported under the names the CLI's tests know.
export { parseArea as parseRange, columnIndex as colIndex, columnLetters as colLetters } from '../core/address';

/**
 * The sheet's merge refs ("A1:I1"). ws.model.merges has them too, but the model getter rebuilds
 * every row's model first, which would double the cost of reading a big workbook; the private
 * _merges map is what that getter reads, so prefer it and fall back to the public model.
 */
function mergeRefs(ws: ExcelJS.Worksheet): string[] {
  const priv = (ws as unknown as { _merges?: Record<string, { range?: unknown }> })._merges;
  if (priv && typeof priv === 'object') {
    return Object.values(priv)
      .map((m) => m && m.range)
      .filter((r): r is string => typeof r === 'string');
  }
  const refs = (ws.model as unknown as { merges?: unknown }).merges;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}

export function worksheetToGrid(ws: ExcelJS.Worksheet, date1904 = false, budget?: { cells: number }): SheetGrid {
  const grid = new GridRows(ws.name, budget);
  // One pass over stored cells only: eachRow/eachCell skip the empty ones, which keeps the
  // 40-sheet bench workbook fast. Rows in between stay holes (ragged is allowed).
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // exceljs answers a merged slave's .value with the master's value; Range.values has null there.
      const slave = cell.type === ExcelJS.ValueType.Merge;
      if (!slave && cell.type === ExcelJS.ValueType.Formula) {
        // cell.value drops a falsy result (0, FALSE, ""); cell.result is the cached value itself,
        // undefined when the file was saved without one (a tool that does not calculate).
        const result: unknown = cell.result;
        grid.cell(colNumber - 1, result === undefined ? null : plainValue(result, date1904), cell.numFmt);
        if (result === undefined) grid.formulaWithoutValue(colNumber - 1);
        return;
      }
      grid.cell(colNumber - 1, slave ? null : plainValue(cell.value, date1904), cell.numFmt);
    });
    grid.endRow(rowNumber - 1);
  });
  const merges: MergedArea[] = [];
  for (const ref of mergeRefs(ws)) {
    const area = parseArea(ref);
    if (area) merges.push(area);
  }
  const out: SheetGrid = { name: ws.name, values: grid.values, numberFormats: grid.numberFormats, merges };
  if (grid.formulasWithoutValue.length) out.formulasWithoutValue = grid.formulasWithoutValue;
  return out;
}

/** Every worksheet, in workbook order (chart sheets are not worksheets in exceljs and are skipped). */
export function workbookToGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const grids: SheetGrid[] = [];
  const budget = { cells: READ_LIMITS.cells };
  wb.eachSheet((ws) => {
    grids.push(worksheetToGrid(ws, date1904, budget));
  });
  return grids;
}
