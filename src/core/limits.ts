// Excel's own limits (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3):
// a grid or a text beyond them cannot come from Excel and cannot be written back to it.
export const EXCEL_LIMITS = {
  /** Rows on a worksheet. */
  rows: 1_048_576,
  /** Columns on a worksheet (XFD). */
  columns: 16_384,
  /** Characters a cell (and a note) can hold. */
  cellChars: 32_767,
  /** Characters in a sheet name. */
  sheetNameChars: 31,
} as const;

/**
 * Cuts a text to at most `max` characters, ending in "…" when cut (never splits a surrogate pair).
 * Used for everything we write into a cell or note, and for long cell texts shown in a terminal.
 */
export function cutText(s: string, max: number = EXCEL_LIMITS.cellChars): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // do not leave half a surrogate pair
  return s.slice(0, end) + '…';
}
