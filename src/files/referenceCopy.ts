// The highlighted copy as pe-check wrote it until issue 21: the whole workbook loaded into exceljs,
// painted, and written out again. Not used to make copies any more (exceljs drops parts it does not
// model and expands validations and names cell by cell; patchCopy.ts patches the user's package
// instead). Kept as the reference the patched copy is proved equivalent to
// (test/cli/patchCopy.test.ts) and as the baseline of the copy-writer benchmark.
import ExcelJS from 'exceljs';
import type { CellMark, SummaryModel } from '../core/types';
import { cutText } from '../core/limits';
import { MARKS_SHEET, SUMMARY_MARKER } from './marks';
import { SUMMARY_SHEET, fillSummarySheet, quoteSheet, sheetOfRange, workbookBytes } from './markedCopy';
import type { MarkRecord } from './patchCopy';

/** Prefix core puts on our notes; used to replace (not stack) our own notes on a rerun. */
const NOTE_TAG = '【绩效自评助手】';


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
    if (!records.has(key)) records.set(key, { sheet: ws.name, cell: cell.address, fill: argb, original: cell.style?.fill ? JSON.stringify(cell.style.fill) : null });
    else records.get(key)!.fill = argb;
    // exceljs shares one style object between all cells of the same style id: mutating
    // cell.fill would paint every cell sharing it. A fresh object per marked cell is safe.
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } },
    };
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
