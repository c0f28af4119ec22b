// A1 address helpers for the gateway (pure; no Office.js).

export interface Box {
  /** Sheet name as written in the address (unquoted), '' when the address had none. */
  sheet: string;
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** 0-based column index → letters (0 → A, 25 → Z, 26 → AA). */
export function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters → 0-based column index (A → 0). */
export function lettersCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based row/col → "H31". */
export function cellName(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

/** "H31" or "$H$31" → 0-based row/col; null when not a single cell address. */
export function parseCell(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) return null;
  return { row: parseInt(m[2], 10) - 1, col: lettersCol(m[1]) };
}

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
