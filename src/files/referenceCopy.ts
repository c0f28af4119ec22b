// The highlighted copy as pe-check wrote it until issue 21: the whole workbook loaded into exceljs,
// painted, 自评汇总 drawn cell by cell, and the workbook written out again. Not used by the product
// any more: exceljs drops parts it does not model and expands validations and names cell by cell
// (patchCopy.ts patches the user's package instead), and held every summary cell as an object
// (summaryXlsx.ts writes the sheet directly). Kept as the reference both are proved equivalent to
// (test/cli/patchCopy.test.ts) and as the baseline of the copy-writer benchmark.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { CellMark, SummaryCell, SummaryModel } from '../core/types';
import { cutText } from '../core/limits';
import { NOTE_PREFIX } from '../core/highlight';
import { guarded } from './guard';
import { MARKS_SHEET, SUMMARY_MARKER } from './marks';
import type { MarkRecord } from './patchCopy';
import { summaryLayout } from '../core/summary';
import { quoteSheet, textWidth, wrappedLines } from './summaryXlsx';

const SUMMARY_SHEET = '自评汇总';

// ---------------------------------------------------------------------------------------------
// Summary sheet

/** The sheet a range like "'自评汇总'!$A$1" points to. */
export function sheetOfRange(range: string): string | null {
  const bang = range.lastIndexOf('!');
  if (bang < 0) return null;
  let s = range.slice(0, bang);
  if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
  return s;
}

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const LINE_HEIGHT = 14.5;

/**
 * A link into another workbook, relative to the one holding it: the path percent-encoded per
 * segment (OPC relationship targets are URIs, ECMA-376 Part 2 §9.3; Excel writes spaces as %20
 * itself), then "#'Sheet'!A1". fixPackage moves the part after '#' into the hyperlink's
 * `location` attribute, which is where Excel and WPS look for the cell of an external link
 * (ECMA-376 Part 1 §18.3.1.47 hyperlink@location).
 */
export function externalTarget(file: string, sheet: string, cell: string): string {
  const uri = file.split('/').map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg))).join('/');
  return sheet ? `${uri}#${quoteSheet(sheet)}!${cell}` : uri;
}

/**
 * Fills a worksheet from the SummaryModel. `sheetExists` says which referenced sheets are in the
 * workbook the sheet will be part of (the per-file copy): those get live formulas and links; in the
 * bureau's overview none are, and only values make sense.
 */
export function fillSummarySheet(ws: ExcelJS.Worksheet, model: SummaryModel, sheetExists: (name: string) => boolean): void {
  const widths = model.columnWidths;
  widths.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = w;
  });
  const header = summaryLayout(model).header;
  model.rows.forEach((row, r) => {
    const present = row.filter((c) => c && (c.text !== undefined || c.number !== undefined));
    // Title and explanation lines above the table, and one-cell remark rows ("没有发现问题。"), are
    // prose: no grid, no wrapping, so they run across the empty cells to their right.
    const prose = r < header || header < 0 || present.length <= 1;
    const isTitle = r === 0;
    let lines = 1;
    row.forEach((sc: SummaryCell | null | undefined, c) => {
      if (!sc) return;
      const cell = ws.getCell(r + 1, c + 1);
      const fallback: string | number | null = sc.number !== undefined ? sc.number : sc.text !== undefined ? sc.text : null;
      // A live reference needs a value to cache: a formula on a blank source cell would show 0,
      // which reads as "填报总分 0" rather than "not filled in".
      if (sc.ref && fallback !== null && sheetExists(sc.ref.sheet)) {
        cell.value = { formula: `${quoteSheet(sc.ref.sheet)}!${sc.ref.cell}`, result: fallback } as ExcelJS.CellFormulaValue;
      } else if (sc.link?.file) {
        cell.value = { text: cutText(sc.text ?? sc.link.cell), hyperlink: externalTarget(sc.link.file, sc.link.sheet, sc.link.cell) };
      } else if (sc.link && sheetExists(sc.link.sheet)) {
        cell.value = { text: cutText(sc.text ?? sc.link.cell), hyperlink: `#${quoteSheet(sc.link.sheet)}!${sc.link.cell}` };
      } else if (fallback !== null) {
        // A string is always written as a (shared) string value, so a name like "=HYPERLINK(…)"
        // stays literal text and never becomes a formula. Cut to what a cell can hold: a title and
        // a message quoting it may each be near the limit.
        cell.value = typeof fallback === 'string' ? cutText(fallback) : fallback;
      }
      const isLink = !!(sc.link && (sc.link.file || sheetExists(sc.link.sheet)));
      const numeric = sc.number !== undefined;
      // Prose wraps; identifiers (finding codes such as weight-sum-mismatch) stay on one line and
      // run into the empty cell on their right instead of breaking at every hyphen.
      const wraps = typeof fallback === 'string' && /[\s\u3000-\u9fff\uff00-\uffef]/.test(fallback);
      // Labels such as 优 / 错误 / 项目支出 read better centred in their column.
      const short = typeof fallback === 'string' && !sc.link && textWidth(fallback) <= 8;
      const font: Partial<ExcelJS.Font> = { name: '宋体', size: isTitle ? 14 : 11 };
      if (sc.bold || isTitle) font.bold = true;
      if (isLink) {
        font.color = { argb: 'FF0563C1' };
        font.underline = true;
      }
      const style: Partial<ExcelJS.Style> = {
        font,
        alignment: prose
          ? { vertical: 'middle', horizontal: 'left' }
          : { vertical: 'middle', wrapText: wraps, horizontal: sc.bold || short ? 'center' : numeric ? 'right' : 'left' },
      };
      if (numeric) style.numFmt = sc.format ?? (typeof fallback === 'number' && !Number.isInteger(fallback) ? '0.00' : 'General');
      if (sc.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + sc.fill.toUpperCase() } };
      if (!prose) style.border = BORDER;
      cell.style = style;
      if (!prose && wraps && typeof fallback === 'string') lines = Math.max(lines, wrappedLines(fallback, widths[c] ?? 10));
    });
    // Neither Excel nor LibreOffice grows a row for wrapped text on open; size it here.
    if (isTitle) ws.getRow(r + 1).height = 22;
    else if (lines > 1) ws.getRow(r + 1).height = lines * LINE_HEIGHT + 2;
  });
  if (header >= 0) ws.views = [{ state: 'frozen', xSplit: 0, ySplit: header + 1, topLeftCell: `A${header + 2}` }];
  // Printed on A4 landscape, all columns on one page width.
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

// ---------------------------------------------------------------------------------------------
// The package

/**
 * exceljs 4.4 writes an internal link both as location="#Sheet!A1" and as an external relationship,
 * which Excel opens as "#Sheet!A1##Sheet!A1" (exceljs issue #3027). Rewrite those to the form Excel
 * writes itself: location without '#', no r:id. Also hides our marker name from the Name Manager.
 */
export async function fixPackage(buf: Uint8Array, store = false): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(buf);
  const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const unescapeAttr = (v: string) => v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const name of Object.keys(zip.files)) {
    const m = /^xl\/worksheets\/(sheet\d+\.xml)$/.exec(name);
    if (!m) continue;
    let xml = await zip.files[name].async('string');
    if (!xml.includes('<hyperlink')) continue;
    const relsName = `xl/worksheets/_rels/${m[1]}.rels`;
    const rels = zip.file(relsName);
    let relsXml = rels ? await rels.async('string') : '';
    // External targets "file#'Sheet'!A1" (the overview's links into the copies): the file stays
    // the relationship's target, the cell goes to the hyperlink's location.
    const locations = new Map<string, string>();
    if (relsXml.includes('#')) {
      relsXml = relsXml.replace(/<Relationship\b[^>]*\/>/g, (tag) => {
        const id = /\bId="([^"]*)"/.exec(tag);
        const target = /\bTarget="([^"]*)"/.exec(tag);
        if (!id || !target || !/TargetMode="External"/.test(tag)) return tag;
        const hash = target[1].indexOf('#');
        if (hash <= 0) return tag;
        locations.set(id[1], unescapeAttr(target[1].slice(hash + 1)));
        return tag.replace(/\bTarget="[^"]*"/, `Target="${target[1].slice(0, hash)}"`);
      });
    }
    const dropped: string[] = [];
    xml = xml.replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
      const rid = /\sr:id="([^"]*)"/.exec(tag);
      if (!/\blocation="/.test(tag)) {
        const loc = rid && locations.get(rid[1]);
        return loc ? tag.replace(/\/>$/, ` location="${escapeAttr(loc)}"/>`) : tag;
      }
      // exceljs takes "file#'Sheet'!A1" for an internal link too (its test is /^[^!]+![A-Z]+\d+$/) and
      // writes it whole as the location: keep its r:id, keep only the cell as location.
      const loc = /\blocation="([^"]*)"/.exec(tag)![1];
      if (rid && locations.has(rid[1]) && loc.indexOf('#') > 0) {
        return tag.replace(/\blocation="[^"]*"/, `location="${escapeAttr(locations.get(rid[1])!)}"`);
      }
      if (rid) dropped.push(rid[1]);
      return tag.replace(/\sr:id="[^"]*"/, '').replace(/location="#/, 'location="');
    });
    zip.file(name, xml);
    if (rels && dropped.length) {
      // One pass with a set: a summary can hold thousands of links, one regex per id would be quadratic.
      const drop = new Set(dropped);
      relsXml = relsXml.replace(/<Relationship\b[^>]*\/>/g, (tag) => {
        const id = /\bId="([^"]*)"/.exec(tag);
        return id && drop.has(id[1]) ? '' : tag;
      });
    }
    if (rels) zip.file(relsName, relsXml);
  }
  const wbXml = zip.file('xl/workbook.xml');
  if (wbXml) {
    const xml = await wbXml.async('string');
    const fixed = xml.replace(`<definedName name="${SUMMARY_MARKER}"`, `<definedName name="${SUMMARY_MARKER}" hidden="1"`);
    if (fixed !== xml) zip.file('xl/workbook.xml', fixed);
  }
  return zip.generateAsync(store ? { type: 'uint8array', compression: 'STORE' } : { type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * docProps/core.xml dates exceljs could not parse come back as Invalid Date, and its writer calls
 * toISOString() on them (RangeError: the whole copy would fail). An unreadable date is no date:
 * created/modified then default to now, as exceljs does for missing ones.
 */
function dropInvalidDates(wb: ExcelJS.Workbook): void {
  const props = wb as unknown as Record<string, unknown>;
  for (const k of ['created', 'modified', 'lastPrinted']) {
    const v = props[k];
    if (v !== undefined && !(v instanceof Date && Number.isFinite(v.getTime()))) props[k] = undefined;
  }
}

/**
 * The finished .xlsx bytes of wb: what the CLI writes to disk and the page offers for download.
 * `store`: parts left uncompressed (our sheets' package, read back at once by patchCopy).
 */
export async function workbookBytes(wb: ExcelJS.Workbook, { store = false }: { store?: boolean } = {}): Promise<Uint8Array> {
  // exceljs would deflate every part and fixPackage would inflate and deflate them again:
  // let exceljs store them and compress once at the end.
  dropInvalidDates(wb);
  const raw = await guarded(() => wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as unknown as ExcelJS.XlsxWriteOptions));
  return fixPackage(new Uint8Array(raw as ArrayBuffer), store);
}

/** The bureau's overview (--summary, the page's 总览.xlsx): one workbook holding only the summary sheet. */
export function summaryWorkbook(model: SummaryModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手 pe-check';
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  fillSummarySheet(ws, model, () => false);
  return wb;
}

/** Prefix core puts on our notes; used to replace (not stack) our own notes on a rerun. */
const NOTE_TAG = NOTE_PREFIX;


type NoteValue = string | { texts?: { text?: string }[] } | undefined;

function noteText(note: NoteValue): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text ?? '').join('');
}


/**
 * Applies one fill and one note per mark; keeps every other part of each cell's style. Each painted
 * cell's previous fill is recorded in the very hidden MARKS_SHEET, so that checking the copy again
 * (clearPreviousMarks) can give it back.
 */
export function applyMarks(wb: ExcelJS.Workbook, marks: CellMark[]): MarkRecord[] {
  const records = new Map<string, MarkRecord>();
  for (const mark of marks) {
    const ws = wb.getWorksheet(mark.sheet);
    if (!ws) continue;
    const at = ws.getCell(mark.row + 1, mark.col + 1);
    // Excel draws a merged area with its top-left cell's fill and note; a mark on another cell of
    // the area would be invisible.
    const cell = at.type === ExcelJS.ValueType.Merge ? at.master : at;
    const key = `${ws.name}!${cell.address}`;
    const argb = 'FF' + mark.fill.toUpperCase();
    if (!mark.noteOnly) {
      if (!records.has(key)) records.set(key, { sheet: ws.name, cell: cell.address, fill: argb, original: cell.style?.fill ? JSON.stringify(cell.style.fill) : null });
      else records.get(key)!.fill = argb;
      // exceljs shares one style object between all cells of the same style id: mutating
      // cell.fill would paint every cell sharing it. A fresh object per marked cell is safe.
      cell.style = {
        ...cell.style,
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } },
      };
    }
    const existing = noteText(cell.note as NoteValue);
    if (!existing || existing.includes(NOTE_TAG)) {
      // Nothing there, or our own note from an earlier run (a rerun on a checked copy).
      cell.note = cutText(mark.note);
    } else {
      // A note the user wrote is theirs: keep it and add ours below (cut to what a note can hold,
      // ours losing its end first: theirs came within Excel's limit).
      const combined = `${existing}\n\n${mark.note}`;
      cell.note = cutText(combined);
    }
  }
  return [...records.values()];
}

/** Writes the record of our marks as the last, very hidden sheet (after 自评汇总: sheet order stays the user's). */
export function writeMarksSheet(wb: ExcelJS.Workbook, records: MarkRecord[]): void {
  const old = wb.getWorksheet(MARKS_SHEET);
  if (old) wb.removeWorksheet(old.id);
  if (records.length === 0) return;
  const ws = wb.addWorksheet(MARKS_SHEET, { state: 'veryHidden' });
  ws.addRow(['工作表', '单元格', '标记填充', '原填充（pe-check 复查时据此恢复，请勿修改）']);
  for (const r of records) ws.addRow([r.sheet, r.cell, r.fill, r.original ?? '']);
}

/** Removes our part of a note (a user's text before it stays); true when there was one. */
function stripOurNote(cell: ExcelJS.Cell): boolean {
  const text = noteText(cell.note as NoteValue);
  const at = text.indexOf(NOTE_TAG);
  if (at < 0) return false;
  const theirs = text.slice(0, at).replace(/\s+$/, '');
  if (theirs) cell.note = theirs;
  else {
    // exceljs has no way to delete a note: its cell keeps it in _comment and, for a cell it read,
    // in the value's model too (Cell.model copies that back on write).
    const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
    c._comment = undefined;
    if (c._value?.model) delete c._value.model.comment;
  }
  return true;
}

const fillArgb = (cell: ExcelJS.Cell): string | null => {
  const f = cell.style?.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' && f.fgColor?.argb ? f.fgColor.argb.toUpperCase() : null;
};

function restoreFill(cell: ExcelJS.Cell, original: string | null): void {
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (original) style.fill = JSON.parse(original) as ExcelJS.Fill;
  else delete style.fill;
  cell.style = style;
}

/**
 * Checking one of our copies again: first undo what our previous run painted — each recorded cell
 * whose fill is still ours gets its old fill back (a colour the user set since is theirs to keep)
 * and loses our note — so that only the current findings end up marked. A copy without the record
 * (written before it existed) is recognised by our summary marker; there our notes tell the cells
 * and a fill in one of our colours is removed. Returns the number of cells restored.
 */
export function clearPreviousMarks(wb: ExcelJS.Workbook, ourFills: string[]): number {
  const sheet = wb.getWorksheet(MARKS_SHEET);
  let restored = 0;
  if (sheet) {
    const records: MarkRecord[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const v = (i: number) => {
        const x = row.getCell(i).value;
        return x === null || x === undefined ? '' : String(x);
      };
      records.push({ sheet: v(1), cell: v(2), fill: v(3).toUpperCase(), original: v(4) || null });
    });
    wb.removeWorksheet(sheet.id);
    for (const r of records) {
      const ws = wb.getWorksheet(r.sheet);
      if (!ws || !/^[A-Z]{1,3}\d{1,7}$/.test(r.cell)) continue;
      const cell = ws.getCell(r.cell);
      if (fillArgb(cell) === r.fill) {
        try {
          restoreFill(cell, r.original);
        } catch {
          restoreFill(cell, null); // an unreadable record: at least our colour goes
        }
        restored++;
      }
      stripOurNote(cell);
    }
    return restored;
  }
  if (!markerSheetName(wb)) return 0;
  const ours = new Set(ourFills.map((f) => 'FF' + f.toUpperCase()));
  wb.eachSheet((ws) => {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (!stripOurNote(cell)) return;
        const argb = fillArgb(cell);
        if (argb && ours.has(argb)) {
          restoreFill(cell, null);
          restored++;
        }
      }),
    );
  });
  return restored;
}


function markerSheetName(wb: ExcelJS.Workbook): string | null {
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  const entry = model.find((d) => d.name === SUMMARY_MARKER);
  return entry && entry.ranges.length ? sheetOfRange(entry.ranges[0]) : null;
}

const sameName = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** Picks the summary sheet's name: ours from a previous run is replaced, a user's sheet is kept. */
function claimSummaryName(wb: ExcelJS.Workbook): string {
  const ours = markerSheetName(wb);
  if (ours) {
    const old = wb.worksheets.find((w) => sameName(w.name, ours));
    if (old) wb.removeWorksheet(old.id);
    delete (wb.definedNames as unknown as { matrixMap: Record<string, unknown> }).matrixMap[SUMMARY_MARKER];
  }
  const taken = (n: string) => wb.worksheets.some((w) => sameName(w.name, n));
  if (!taken(SUMMARY_SHEET)) return SUMMARY_SHEET;
  for (let i = 2; ; i++) {
    const n = `${SUMMARY_SHEET}(${i})`;
    if (!taken(n)) return n;
  }
}


/** Adds (or on a rerun replaces) our 自评汇总 sheet; returns its name. */
export function addSummarySheet(wb: ExcelJS.Workbook, model: SummaryModel): string {
  const name = claimSummaryName(wb);
  const ws = wb.addWorksheet(name);
  fillSummarySheet(ws, model, (n) => !!wb.getWorksheet(n));
  wb.definedNames.add(`${quoteSheet(name)}!$A$1`, SUMMARY_MARKER);
  return name;
}


/** The reference copy of a workbook's bytes: loaded, painted and written by exceljs. */
export async function referenceCopy(bytes: Uint8Array, marks: CellMark[], model: SummaryModel, ourFills: string[]): Promise<{ bytes: Uint8Array; restored: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const restored = clearPreviousMarks(wb, ourFills);
  const marked = applyMarks(wb, marks);
  addSummarySheet(wb, model);
  writeMarksSheet(wb, marked);
  return { bytes: await workbookBytes(wb), restored };
}
