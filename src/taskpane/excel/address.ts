// A1 address helpers for the gateway (pure; no Office.js).
import { parseCellAddress as parseCell } from '../../core/address';

export interface Box {
  /** Sheet name as written in the address (unquoted), '' when the address had none. */
  sheet: string;
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// Cell addresses are core's; the gateway adds sheet-qualified ranges on top.
export {
  columnLetters as colLetters,
  columnIndex as lettersCol,
  a1 as cellName,
  parseCellAddress as parseCell,
} from '../../core/address';

/** Splits "'Sheet 1'!C3:K40" into the sheet name (unquoted) and the local part. */
export function splitSheet(address: string): { sheet: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: '', local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** "'Sheet'!C3:K40", "Sheet!A1" or "B2:C3" → Box; null when unreadable (whole rows/columns included). */
export function parseRange(address: string): Box | null {
  const { sheet, local } = splitSheet(address);
  const [a, b] = local.split(':');
  const p = parseCell(a);
  const q = b === undefined ? p : parseCell(b);
  if (!p || !q) return null;
  return {
    sheet,
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Quotes a sheet name for a formula or documentReference: 'It''s'. Always quoted (valid for every name). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function sheetRef(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell}`;
}
