// Looks inside the .xlsx package before anything reads it: exceljs gives poor errors on bad input
// (or none: it "reads" a CSV as an empty workbook) and materialises whatever a file claims (a row
// number of 60,000,000, a merge over the whole sheet). That must be known before we promise anything.
import { CliError } from './errors';
import { LimitError, READ_LIMITS, limitMessages } from './limits';
import { MSG_NOT_XLSX, XlsxPackage } from './zipPackage';
import { decodeXml } from './opc';

export { MSG_NOT_XLSX } from './zipPackage';

export interface InspectResult {
  /** The opened package (every part's inflated size already measured against READ_LIMITS). */
  pkg: XlsxPackage;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const MSG_ENCRYPTED = '文件已加密或为旧版 .xls 格式，请另存为未加密的 .xlsx';

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  if (buf.length < sig.length) return false;
  return sig.every((b, i) => buf[i] === b);
}

/**
 * Throws CliError with a Chinese reason when the bytes are not a readable .xlsx package (or a
 * LimitError when it is beyond READ_LIMITS). Parts exceljs does not model (pivot tables, charts,
 * macros …) are no concern any more: the copy is the user's package patched (patchCopy.ts).
 */
export async function inspectXlsx(buf: Uint8Array): Promise<InspectResult> {
  // Password-protected .xlsx files are OLE compound files (EncryptedPackage), as are .xls files.
  if (startsWith(buf, OLE_SIGNATURE)) throw new CliError(MSG_ENCRYPTED);
  // "PK" local file header / empty archive; anything else (CSV, HTML saved as .xlsx, random) is not ours.
  if (!(buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b)) throw new CliError(MSG_NOT_XLSX);
  const pkg = XlsxPackage.open(buf);
  // A .docx or .pptx is a zip with [Content_Types].xml too; only xl/workbook.xml makes it a workbook.
  if (!pkg.has('[Content_Types].xml', true) || !pkg.has('xl/workbook.xml', true)) throw new CliError(MSG_NOT_XLSX);
  return Promise.resolve({ pkg });
}

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
};

const REF_RE = /^\$?([A-Z]+)\$?(\d+)$/;
function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length && n <= READ_LIMITS.columns; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/**
 * What exceljs would materialise, counted from the sheet XML before it loads anything: Excel's
 * row / column / sheet-name limits, merged areas and cells.
 * Throws LimitError. One regex pass per sheet (the lean reader enforces the same limits itself,
 * so report-only runs pay for this only when they fall back to exceljs).
 */
export function checkSheetLimits(pkg: XlsxPackage): void {
  const wbXml = pkg.text('xl/workbook.xml') ?? '';
  const relsXml = pkg.text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const sheetOfPart = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b([^>]*)>/g)) {
    const name = decodeXml(attr(m[1], 'name') ?? '');
    if (name.length > READ_LIMITS.sheetNameChars) throw new LimitError(limitMessages.sheetName(name));
    const part = targets.get(attr(m[1], 'r:id') ?? '');
    if (part) sheetOfPart.set(part, name);
  }

  let cells = 0;
  let areas = 0;
  let mergedCells = 0;
  for (const part of pkg.names) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(part)) continue;
    const sheet = sheetOfPart.get(part) ?? part.replace(/^.*\//, '');
    const xml = pkg.text(part) ?? '';
    for (const m of xml.matchAll(/<(row|c|mergeCell)\b([^>]*)>/g)) {
      const kind = m[1];
      if (kind === 'row') {
        const r = attr(m[2], 'r');
        if (r && /^\d+$/.test(r) && Number(r) > READ_LIMITS.rows) throw new LimitError(limitMessages.row(sheet));
      } else if (kind === 'c') {
        if (++cells > READ_LIMITS.cells) throw new LimitError(limitMessages.cells());
        const ref = REF_RE.exec(attr(m[2], 'r') ?? '');
        if (ref) {
          if (colNumber(ref[1]) > READ_LIMITS.columns) throw new LimitError(limitMessages.column(sheet));
          if (Number(ref[2]) > READ_LIMITS.rows) throw new LimitError(limitMessages.row(sheet));
        }
      } else {
        const [a, b] = (attr(m[2], 'ref') ?? '').split(':');
        const ra = REF_RE.exec(a ?? '');
        const rb = REF_RE.exec(b ?? a ?? '');
        if (!ra || !rb) continue;
        const c1 = colNumber(ra[1]);
        const c2 = colNumber(rb[1]);
        const r1 = Number(ra[2]);
        const r2 = Number(rb[2]);
        if (Math.max(c1, c2) > READ_LIMITS.columns || Math.max(r1, r2) > READ_LIMITS.rows) throw new LimitError(limitMessages.mergeRange(sheet));
        if (++areas > READ_LIMITS.mergeAreas) throw new LimitError(limitMessages.mergeAreas(areas));
        mergedCells += (Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1);
        if (mergedCells > READ_LIMITS.mergedCells) throw new LimitError(limitMessages.mergedCells(mergedCells));
      }
    }
  }
}
