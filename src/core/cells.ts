// What kind of thing a grid cell holds beyond its plain value. The grid contract (types.ts
// SheetGrid) stays "values as Excel's Range.values gives them, plus numberFormats": every adapter
// (both CLI readers, the Excel gateway) produces exactly that, and this module is the one place
// that tells an Excel error or a date from text and numbers.
import type { CellValue } from './types';

/**
 * Excel's error values as Range.values (and the .xlsx `t="e"` cells) show them.
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-types-overview and the
 * Excel.ErrorCellValueType list.
 */
export const EXCEL_ERRORS: readonly string[] = [
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!',
  '#CALC!', '#FIELD!', '#CONNECT!', '#BLOCKED!', '#UNKNOWN!', '#BUSY!', '#PYTHON!',
];
const ERROR_SET = new Set(EXCEL_ERRORS);

/** The error a cell shows ('#DIV/0!'), or null when it holds a value. */
export function excelErrorOf(v: CellValue): string | null {
  return typeof v === 'string' && v.length <= 14 && ERROR_SET.has(v.trim()) ? v.trim() : null;
}

/**
 * Whether a number format shows a date or time (the test exceljs uses, so both CLI readers and the
 * gateway agree): after dropping [..] sections and quoted text, any of y m d h s b remains.
 * "0.00%", "#,##0.00", 'General' and '0"万元"' are not dates; 'yyyy"年"m"月"d"日"' is.
 */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt || fmt === 'General' || fmt === '@') return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhsbYMDHSB]/.test(f.replace(/General/gi, ''));
}

/** A calendar day, from an Excel serial (1900 system; serial 60 is Excel's phantom 1900-02-29). */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The calendar day of an Excel date serial (time of day dropped), or null when out of range. */
export function serialToDay(serial: number): CalendarDay | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  // Excel counts 1900-02-29, which never existed: serials from 61 on are one day ahead.
  const days = whole >= 61 ? whole - 25569 : whole - 25568;
  const d = new Date(days * 86400000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar day a date-formatted number cell shows, or null when the cell is not a date. */
export function cellDay(v: CellValue, fmt: string | null | undefined): CalendarDay | null {
  return typeof v === 'number' && isDateFormat(fmt) ? serialToDay(v) : null;
}
