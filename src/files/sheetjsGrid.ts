// Every spreadsheet format that is not .xlsx/.xlsm (.xls BIFF5/8, WPS .et, .xlsb, .ods, HTML and
// XML 2003 saved as .xls) → the same SheetGrid[] as the .xlsx readers, through one library:
// SheetJS Community Edition 0.20.3 as republished on npm by @e965/xlsx (docs/DECISIONS.md, issue 10).
// It is loaded only for those inputs (~0.1 s), never for an .xlsx.
//
// Grid contract (types.ts SheetGrid, as xlsxGrid/fastGrid give it): values as Range.values shows
// them (numbers, strings, booleans, errors as '#DIV/0!'), dates as serial numbers told by their
// number format, merged cells other than the top-left one null, 'General' as no format.
import type { WorkBook, WorkSheet, CellObject, ParsingOptions } from '@e965/xlsx';
import JSZip from 'jszip';
import type { CellValue, MergedArea, SheetGrid } from '../core/types';
import { CliError } from './errors';
import type { FileKind } from './formats';
import { GridRows } from './gridRows';
import { XlsxPackage } from './zipPackage';
import { LimitError, READ_LIMITS, limitMessages } from './limits';

/* eslint-disable @typescript-eslint/no-require-imports */
type SheetJS = typeof import('@e965/xlsx');
let lib: SheetJS | null = null;
const sheetjs = (): SheetJS => (lib ??= require('@e965/xlsx') as SheetJS);
/* eslint-enable @typescript-eslint/no-require-imports */

export const MSG_PASSWORD = '文件设置了打开密码：请去掉密码后再检查';
import { MSG_DAMAGED } from './errors';
export { MSG_DAMAGED };

/** BIFF error codes ([MS-XLS] 2.5.9 BErr) → the text Range.values shows. */
const BERR: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

const MS_PER_DAY = 86400000;
const EPOCH_1900 = 25569;

/**
 * SheetJS prints some parse notes with console.error ("ODS number format may be incorrect"): our
 * output is the report, so they are silenced while it reads.
 */
function quietly<T>(fn: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  const noop = () => undefined;
  console.error = noop;
  console.warn = noop;
  console.log = noop;
  try {
    return fn();
  } finally {
    console.error = saved.error;
    console.warn = saved.warn;
    console.log = saved.log;
  }
}

/** Stream names of an OLE compound file, upper-cased; null when it is not a readable one. */
function cfbStreams(buf: Buffer): Set<string> | null {
  try {
    const cfb = sheetjs().CFB.read(buf, { type: 'buffer' }) as { FullPaths: string[] };
    return new Set(cfb.FullPaths.map((p) => p.replace(/\/$/, '').split('/').pop()!.toUpperCase()));
  } catch {
    return null;
  }
}

/**
 * ODF 1.2 part 3 §4.8: an encrypted package lists <manifest:encryption-data> for its parts in
 * META-INF/manifest.xml (SheetJS only fails later, on the encrypted content).
 */
async function odsEncrypted(buf: Buffer): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(buf);
    const manifest = zip.file('META-INF/manifest.xml');
    return !!manifest && /<manifest:encryption-data\b/.test(await manifest.async('string'));
  } catch {
    return false; // not a readable zip: SheetJS says so below
  }
}

/** Number-style digits beyond anything a spreadsheet shows (LibreOffice offers up to 20 decimals). */
const MAX_ODS_DIGITS = 30;

/**
 * Limits an .ods must meet before SheetJS expands it (issue 21): repeated rows × repeated columns of
 * cells that hold something are counted against READ_LIMITS.cells (a 15 KB file can declare one
 * value repeated over a whole sheet), and number styles may not ask for absurd digit counts
 * (number:decimal-places="4294967296" made SheetJS allocate without end). Empty repeated cells, the
 * usual padding LibreOffice writes, cost nothing and are not counted.
 */
export function checkOdsLimits(content: string): void {
  const digits = /number:(?:decimal-places|min-integer-digits|min-decimal-places|min-exponent-digits|min-numerator-digits|min-denominator-digits)="(\d+)"/g;
  for (let m = digits.exec(content); m; m = digits.exec(content)) if (Number(m[1]) > MAX_ODS_DIGITS) throw new CliError(MSG_DAMAGED);
  const rows = /<table:table-row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g;
  const cells = /<table:(?:covered-)?table-cell\b([^>]*?)(\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g;
  const repeat = (attrs: string, name: string) => Number(new RegExp(`table:${name}="(\\d+)"`).exec(attrs)?.[1] ?? 1);
  let total = 0;
  for (let row = rows.exec(content); row; row = rows.exec(content)) {
    const body = row[2] ?? '';
    let columns = 0;
    cells.lastIndex = 0;
    for (let cell = cells.exec(body); cell; cell = cells.exec(body)) {
      const filled = /office:value-type=/.test(cell[1]) || (cell[3] ?? '').trim() !== '';
      if (filled) columns += repeat(cell[1], 'number-columns-repeated');
    }
    total += columns * repeat(row[1], 'number-rows-repeated');
    if (total > READ_LIMITS.cells) throw new LimitError(limitMessages.cells());
  }
}

const isPasswordError = (err: unknown) => /password|encrypt/i.test(String((err as Error)?.message ?? err));

/** A table inside an HTML comment is nothing anybody sees: not a table to check (SheetJS would read it). */
export function withoutHtmlComments(html: string): string {
  // Written -{2} rather than "--": this code is also inlined in the browser page's one <script>, where
  // the four characters of a comment opener must not appear (webpack.config.js inlineScriptText).
  return html.replace(/<!-{2}[\s\S]*?(?:-{2}>|$)/g, '');
}

/** Decodes an HTML table file: BOM, then <meta charset>, then UTF-8 if valid, else GB18030 (GBK/GB2312 superset). */
export function decodeHtml(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const le = Buffer.from(buf.subarray(2));
    le.swap16();
    return le.toString('utf16le');
  }
  const head = buf.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  const tryDecode = (enc: string, fatal: boolean): string | null => {
    try {
      return new TextDecoder(enc, { fatal }).decode(buf);
    } catch {
      return null;
    }
  };
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    const t = tryDecode(/^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(declared) ? 'gb18030' : declared, false);
    if (t !== null) return t;
  }
  return tryDecode('utf-8', true) ?? tryDecode('gb18030', false) ?? buf.toString('latin1');
}

export interface OtherBook {
  book: WorkBook;
  grids: SheetGrid[];
}

/**
 * Reads a non-.xlsx workbook. `forCopy` also reads what the highlighted copy keeps (column widths,
 * row heights). Throws CliError with the Chinese reason: an open password, a damaged file.
 */
export async function readOtherWorkbook(buf: Buffer, kind: FileKind, { forCopy = false }: { forCopy?: boolean } = {}): Promise<OtherBook> {
  if (kind === 'ods' && (await odsEncrypted(buf))) throw new CliError(MSG_PASSWORD);
  if (kind === 'ods') checkOdsLimits(XlsxPackage.open(buf).text('content.xml') ?? '');
  const X = sheetjs();
  if (kind === 'cfb') {
    const streams = cfbStreams(buf);
    if (!streams) throw new CliError(MSG_DAMAGED);
    // [MS-OFFCRYPTO] 2.3.1: an encrypted OOXML file is a compound file holding EncryptionInfo and
    // EncryptedPackage streams; BIFF encryption is the FilePass record (SheetJS throws for it below).
    if (streams.has('ENCRYPTIONINFO') || streams.has('ENCRYPTEDPACKAGE')) throw new CliError(MSG_PASSWORD);
    if (!streams.has('WORKBOOK') && !streams.has('BOOK')) throw new CliError('不是电子表格文件（可能是 Word 等其他 Office 文件）');
  }
  const opts: ParsingOptions = {
    cellNF: true, // number formats: dates are told by them
    cellFormula: true, // to tell a formula saved without its result
    cellText: false,
    cellHTML: false,
    cellDates: false, // dates stay serial numbers, as Range.values gives them
    cellStyles: forCopy,
    dense: true,
  };
  let book: WorkBook;
  const read = (extra: ParsingOptions) =>
    quietly(() =>
      kind === 'html' || kind === 'xml2003'
        ? X.read(kind === 'html' ? withoutHtmlComments(decodeHtml(buf)) : decodeHtml(buf), { ...opts, ...extra, type: 'string', raw: kind === 'html' })
        : X.read(buf, { ...opts, ...extra, type: 'buffer' }),
    );
  try {
    book = read({});
  } catch (err) {
    if (!isPasswordError(err)) throw new CliError(MSG_DAMAGED);
    // Excel encrypts "read-only recommended"/write-protected .xls files with the documented default
    // password VelvetSweatshop ([MS-OFFCRYPTO] 2.3.6.1 note): they open without asking, so do we.
    try {
      book = read({ password: 'VelvetSweatshop' });
    } catch {
      throw new CliError(MSG_PASSWORD);
    }
  }
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const grids: SheetGrid[] = [];
  const budget = { cells: READ_LIMITS.cells, merged: READ_LIMITS.mergedCells };
  for (const name of book.SheetNames) {
    const ws = book.Sheets[name];
    if (!ws) continue;
    const type = (ws as { '!type'?: string })['!type'];
    if (type && type !== 'sheet') continue; // chart, macro and dialog sheets are not worksheets
    // Excel's own formats cannot hold longer names (an .ods can: LibreOffice allows them).
    if ((kind === 'cfb' || kind === 'xlsb') && name.length > READ_LIMITS.sheetNameChars) throw new LimitError(limitMessages.sheetName(name));
    grids.push(sheetToGrid(name, ws, date1904, kind === 'html', budget));
  }
  return { book, grids };
}

function cellValue(cell: CellObject, date1904: boolean): CellValue {
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 's':
      return cell.v === undefined || cell.v === null ? null : String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return (typeof cell.v === 'number' && BERR[cell.v]) || cell.w || '#VALUE!';
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      const serial = d.getTime() / MS_PER_DAY + EPOCH_1900 - (date1904 ? 1462 : 0);
      return Number.isFinite(serial) ? Math.round(serial * 1e9) / 1e9 : null;
    }
    default:
      return null; // 'z' stubs
  }
}

/** Moves the decimal point of a plain decimal string two places left, exactly ("95.47" → 0.9547). */
function percentValue(digits: string): number {
  const neg = digits.startsWith('-');
  const [int, frac = ''] = digits.replace(/^[+-]/, '').split('.');
  const padded = int.padStart(3, '0');
  const v = Number(`${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`);
  return neg ? -v : v;
}

/**
 * An HTML table has text only. Read as Excel would show it: "95.47%" is 0.9547 formatted as a
 * percentage, "1,234.50" a number with separators, "5" a number; anything else stays text (long
 * digit runs too: codes and ID numbers, which Excel would turn into 1.23E+17).
 */
export function htmlCell(text: string): { v: CellValue; z: string | null } {
  const t = text.trim();
  let m = /^([+-]?\d+(?:\.(\d+))?)%$/.exec(t);
  if (m && m[1].length <= 16) return { v: percentValue(m[1]), z: m[2] ? `0.${'0'.repeat(m[2].length)}%` : '0%' };
  m = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.(\d+))?$/.exec(t);
  if (m && t.length <= 20) return { v: Number(t.replace(/,/g, '')), z: m[1] ? `#,##0.${'0'.repeat(m[1].length)}` : '#,##0' };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) && t.replace(/[^\d]/g, '').length <= 15) return { v: Number(t), z: null };
  return { v: text, z: null };
}

/** The indices an array really holds, ascending (integer keys come first and in order from Object.keys). */
function indices(a: readonly unknown[]): number[] {
  const out: number[] = [];
  for (const k of Object.keys(a)) {
    const i = Number(k);
    if (Number.isInteger(i) && i >= 0) out.push(i);
    else break;
  }
  return out;
}

function sheetToGrid(name: string, ws: WorkSheet, date1904: boolean, html: boolean, budget: { cells: number; merged: number }): SheetGrid {
  const merges: MergedArea[] = [];
  for (const m of ws['!merges'] ?? []) {
    const area = { top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c };
    if (area.bottom >= READ_LIMITS.rows || area.right >= READ_LIMITS.columns || area.top < 0 || area.left < 0) {
      throw new LimitError(limitMessages.mergeRange(name));
    }
    budget.merged -= (area.bottom - area.top + 1) * (area.right - area.left + 1);
    if (budget.merged < 0) throw new LimitError(limitMessages.mergedCells(READ_LIMITS.mergedCells - budget.merged));
    merges.push(area);
  }
  if (merges.length > READ_LIMITS.mergeAreas) throw new LimitError(limitMessages.mergeAreas(merges.length));
  const rows = (ws['!data'] ?? []) as (CellObject[] | undefined)[];
  const grid = new GridRows(name, budget);
  // Sparse rows and columns are walked by their own keys: one cell declared at column 4,294,967,043
  // (.xlsb, XML 2003) makes an array that long, and a loop over every hole never ends (issue 21).
  for (const r of indices(rows)) {
    const row = rows[r];
    if (!row) continue;
    for (const c of indices(row)) {
      const cell = row[c];
      if (!cell) continue;
      const fmt = typeof cell.z === 'string' && cell.z !== 'General' ? cell.z : null;
      if (html && cell.t === 's' && typeof cell.v === 'string') {
        const h = htmlCell(cell.v);
        grid.cell(c, h.v, h.z);
        continue;
      }
      grid.cell(c, cellValue(cell, date1904), fmt);
      if (cell.f && (cell.v === undefined || cell.t === 'z')) grid.formulaWithoutValue(c);
    }
    grid.endRow(r);
  }
  // Range.values shows a merged area's value in its top-left cell only (formats stay).
  const values = grid.values;
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom && r < values.length; r++) {
      const row = values[r];
      if (!row) continue;
      for (let c = r === m.top ? m.left + 1 : m.left; c <= m.right && c < row.length; c++) row[c] = null;
    }
  }
  const out: SheetGrid = { name, values, numberFormats: grid.numberFormats, merges };
  if (grid.formulasWithoutValue.length) {
    const covered = (r: number, c: number) => merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
    const fw = grid.formulasWithoutValue.filter(([r, c]) => !covered(r, c));
    if (fw.length) out.formulasWithoutValue = fw;
  }
  return out;
}

/**
 * The workbook as .xlsx bytes (values, formulas, number formats, merges, column widths), for the
 * highlighted copy: exceljs loads these and paints them. Fonts, borders and fills of the original
 * format are not carried over (SheetJS CE does not read them); the report says the copy is a
 * converted .xlsx.
 */
export function toXlsxBuffer(book: WorkBook): Buffer {
  // SheetJS 0.20.3's xlsx writer indexes every row of a dense sheet inside !ref: a row its reader
  // left out (an empty row in .xlsb / HTML) must be an empty array, not a hole.
  for (const name of book.SheetNames) {
    const data = (book.Sheets[name] as { '!data'?: unknown[][] } | undefined)?.['!data'];
    if (!data) continue;
    const ref = book.Sheets[name]['!ref'];
    const last = ref ? sheetjs().utils.decode_range(ref).e.r : data.length - 1;
    for (let r = 0; r <= last; r++) if (!data[r]) data[r] = [];
  }
  return quietly(() => sheetjs().write(book, { type: 'buffer', bookType: 'xlsx', compression: true, cellStyles: true }) as Buffer);
}
