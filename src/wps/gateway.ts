// The WPS host: the pane's WorkbookGateway over WPS 表格's synchronous object model (wpsApi.ts).
// Reading is read.ts; here marking, 清除标记, 自评汇总, 定位, settings and 公式转为数值. Marks are
// remembered in the workbook itself, in the very hidden sheet pe-check uses for its copies
// (_PeCheckMarks, the same four columns, so pe-check re-checking a file marked in WPS clears them
// too) plus a fifth column with WPS's own fill, so 清除标记 restores exactly what was there.
// Every call crosses into WPS synchronously: long loops give the pane's thread back between sheets.
import { NOTE_PREFIX } from '../core/highlight';
import type { CellMark, SummaryModel } from '../core/types';
import { MARKS_SHEET } from '../files/marks';
import { macrotask } from '../taskpane/excel/breathe';
import { PeExcelError } from '../taskpane/excel/errors';
import {
  PE_FORMULA,
  SUMMARY_SHEET,
  sanitizeSettings,
  type ClearResult,
  type ConvertResult,
  type FormulaScope,
  type MarkResult,
  type PaneSettings,
  type PeFormulaCount,
  type ReadOptions,
  type ReadProgress,
  type WorkbookGateway,
  type WorkbookRead,
  type WriteProblem,
  type WriteProblemReason,
} from '../taskpane/host';
import { readSheet, asRows, usedBox } from './read';
import { writeSummarySheet } from './summarySheet';
import {
  MSO_PROPERTY_TYPE_STRING,
  XL_NONE,
  XL_SHEET_VERY_HIDDEN,
  XL_SHEET_VISIBLE,
  bgrOf,
  hexOf,
  type WpsApplication,
  type WpsRange,
  type WpsWorkbook,
  type WpsWorksheet,
} from './wpsApi';

/** Document properties (Workbook.CustomDocumentProperties) that hold the settings and our summary sheet's name. */
export const SETTINGS_PROPERTY = 'peSelfCheck.settings';
export const SUMMARY_PROPERTY = 'peSelfCheck.summary';

const NO_WORKBOOK = '没有打开的工作簿：请先打开要检查的自评表。';
const STRUCTURE_MESSAGE = '工作簿结构受保护，无法添加“自评汇总”工作表。';

/** One remembered mark: pe-check's four columns and WPS's own original fill. */
interface RecordRow {
  sheet: string;
  cell: string;
  /** Our fill as pe-check records it ('FF' + RRGGBB). */
  fill: string;
  /** The original fill as exceljs JSON (pe-check restores from this), '' for none. */
  original: string;
  /** The original Interior as WPS gives it, null for none. */
  wps: { color: number; pattern: number } | null;
}

const HEADER = ['工作表', '单元格', '标记填充', '原填充（pe-check 复查时据此恢复，请勿修改）', 'WPS 原填充'];

export interface WpsGatewayOptions {
  app: WpsApplication;
  /** Gives the thread back between sheets (a macrotask by default; tests pass their own). */
  yieldToHost?: () => Promise<void>;
}

export function createWpsGateway(options: WpsGatewayOptions): WorkbookGateway {
  const app = options.app;
  const breathe = options.yieldToHost ?? macrotask;

  function workbook(): WpsWorkbook {
    const wb = app.ActiveWorkbook;
    if (!wb) throw new PeExcelError('unknown', NO_WORKBOOK);
    return wb;
  }

  function sheets(wb: WpsWorkbook): WpsWorksheet[] {
    const out: WpsWorksheet[] = [];
    for (let i = 1; i <= wb.Worksheets.Count; i++) out.push(wb.Worksheets.Item(i));
    return out;
  }

  const findSheet = (wb: WpsWorkbook, name: string) => sheets(wb).find((s) => s.Name === name) ?? null;

  function property(wb: WpsWorkbook, name: string): string | null {
    const props = wb.CustomDocumentProperties;
    for (let i = 1; i <= props.Count; i++) {
      const p = props.Item(i);
      if (p.Name === name) return p.Value === null || p.Value === undefined ? null : String(p.Value);
    }
    return null;
  }

  function setProperty(wb: WpsWorkbook, name: string, value: string): void {
    const props = wb.CustomDocumentProperties;
    for (let i = 1; i <= props.Count; i++) {
      const p = props.Item(i);
      if (p.Name === name) {
        p.Value = value;
        return;
      }
    }
    props.Add(name, false, MSO_PROPERTY_TYPE_STRING, value);
  }

  /** Deletes one of our sheets without WPS asking the user (Worksheet.Delete confirms when alerts are on). */
  function deleteQuietly(ws: WpsWorksheet): void {
    const alerts = app.DisplayAlerts;
    app.DisplayAlerts = false;
    try {
      ws.Delete();
    } finally {
      app.DisplayAlerts = alerts;
    }
  }

  // ---------------------------------------------------------------- reading

  async function readWorkbook(onProgress?: (p: ReadProgress) => void, readOptions: ReadOptions = {}): Promise<WorkbookRead> {
    const wb = workbook();
    const summary = property(wb, SUMMARY_PROPERTY);
    const all = sheets(wb).filter((ws) => ws.Name !== MARKS_SHEET && ws.Name !== summary);
    // Hidden sheets are not checked (nobody sees them, and 定位 could not show them), as in Excel.
    const hidden = all.filter((ws) => ws.Visible !== XL_SHEET_VISIBLE).map((ws) => ws.Name);
    const list = all.filter((ws) => ws.Visible === XL_SHEET_VISIBLE);
    const grids = [];
    for (const ws of list) {
      if (readOptions.signal?.aborted) break;
      onProgress?.({ done: grids.length, total: list.length, sheet: ws.Name });
      const grid = readSheet(ws);
      grids.push(grid);
      readOptions.onGrid?.(grid);
      await breathe();
    }
    onProgress?.({ done: grids.length, total: list.length, sheet: '' });
    return { grids, hidden };
  }

  // ---------------------------------------------------------------- marks

  /** The record's fill of a note-only mark: no colour of a cell reads as it, so none is ever restored. */
  const UNPAINTED = 'NONE';

  /** The cell a mark goes on: the first cell of its merged area (WPS draws a merged area with it). */
  function markCell(ws: WpsWorksheet, address: string): WpsRange {
    const cell = ws.Range(address);
    if (cell.MergeCells !== true) return cell;
    const area = cell.MergeArea;
    return ws.Cells.Item(area.Row, area.Column);
  }

  function readRecord(wb: WpsWorkbook): RecordRow[] {
    const ws = findSheet(wb, MARKS_SHEET);
    if (!ws) return [];
    const { used, box } = usedBox(ws);
    const rows = asRows(used.Value2, box.rows, box.cols);
    const out: RecordRow[] = [];
    for (const row of rows.slice(1)) {
      const text = (i: number) => (row[i] === null || row[i] === undefined ? '' : String(row[i]));
      let wps: RecordRow['wps'] = null;
      try {
        const parsed = text(4) ? (JSON.parse(text(4)) as RecordRow['wps']) : null;
        if (parsed && typeof parsed.color === 'number' && typeof parsed.pattern === 'number') wps = parsed;
      } catch {
        wps = null;
      }
      out.push({ sheet: text(0), cell: text(1), fill: text(2).toUpperCase(), original: text(3), wps });
    }
    return out;
  }

  function writeRecord(wb: WpsWorkbook, rows: RecordRow[]): void {
    const old = findSheet(wb, MARKS_SHEET);
    if (old) deleteQuietly(old);
    if (rows.length === 0) return;
    const all = sheets(wb);
    const ws = wb.Worksheets.Add(undefined, all[all.length - 1]);
    ws.Name = MARKS_SHEET;
    const values = [HEADER, ...rows.map((r) => [r.sheet, r.cell, r.fill, r.original, r.wps ? JSON.stringify(r.wps) : ''])];
    const block = ws.Range('A1').Resize(values.length, HEADER.length);
    block.NumberFormat = '@';
    block.Value2 = values;
    ws.Visible = XL_SHEET_VERY_HIDDEN;
  }

  function addProblem(problems: WriteProblem[], sheet: string, reason: WriteProblemReason, cells = 1): void {
    const p = problems.find((x) => x.sheet === sheet && x.reason === reason);
    if (p) p.cells += cells;
    else problems.push({ sheet, reason, cells });
  }

  /** Our part of a note goes; a colleague's text before it stays. */
  function stripOurNote(cell: WpsRange): void {
    const note = cell.Comment;
    if (!note) return;
    const text = note.Text();
    const at = text.indexOf(NOTE_PREFIX);
    if (at < 0) return;
    const theirs = text.slice(0, at).replace(/\s+$/, '');
    if (theirs) note.Text(theirs);
    else note.Delete();
  }

  /** The marks go (fills back, our notes out); the record keeps what could not be cleared. */
  async function unmark(): Promise<ClearResult> {
    const wb = workbook();
    const record = readRecord(wb);
    const kept: RecordRow[] = [];
    const problems: WriteProblem[] = [];
    let restored = 0;
    let done = 0;
    for (const r of record) {
      const ws = findSheet(wb, r.sheet);
      if (!ws || !/^[A-Z]{1,3}\d{1,7}$/.test(r.cell)) continue;
      if (ws.ProtectContents) {
        kept.push(r);
        addProblem(problems, r.sheet, 'protected');
        continue;
      }
      const cell = ws.Range(r.cell);
      const interior = cell.Interior;
      // A colour the user set since is theirs to keep.
      if (interior.ColorIndex !== XL_NONE && `FF${hexOf(interior.Color)}` === r.fill) {
        if (r.wps) {
          interior.Pattern = r.wps.pattern;
          interior.Color = r.wps.color;
        } else interior.ColorIndex = XL_NONE;
        restored++;
      }
      stripOurNote(cell);
      if (++done % 500 === 0) await breathe();
    }
    writeRecord(wb, kept);
    return problems.length ? { restored, problems } : { restored };
  }

  /** 清除标记: the marks, and our 自评汇总 too (its findings are out of date once the marks are gone). */
  async function clearMarks(): Promise<ClearResult> {
    const result = await unmark();
    const wb = workbook();
    const name = property(wb, SUMMARY_PROPERTY);
    const ours = name ? findSheet(wb, name) : null;
    if (!ours) return result;
    if (wb.ProtectStructure) {
      return { ...result, problems: [...(result.problems ?? []), { sheet: ours.Name, reason: 'structure', cells: 0 }] };
    }
    deleteQuietly(ours);
    // Forgotten too: a sheet the user names 自评汇总 later is theirs.
    setProperty(wb, SUMMARY_PROPERTY, '');
    return { ...result, summaryRemoved: name! };
  }

  async function applyMarks(marks: CellMark[]): Promise<MarkResult> {
    const wb = workbook();
    const problems: WriteProblem[] = [];
    if (marks.length === 0) {
      await unmark();
      return { marked: 0, problems };
    }
    // Without a place for the record, nothing is painted: a mark that 清除标记 cannot find is never left.
    if (wb.ProtectStructure && !findSheet(wb, MARKS_SHEET)) {
      addProblem(problems, '', 'structure', marks.length);
      return { marked: 0, problems };
    }
    const cleared = await unmark();
    problems.push(...(cleared.problems ?? []));
    const rows = new Map<string, RecordRow>(readRecord(wb).map((r) => [`${r.sheet}!${r.cell}`, r]));
    let marked = 0;
    try {
      for (const mark of marks) {
        const ws = findSheet(wb, mark.sheet);
        if (!ws) continue;
        if (ws.ProtectContents) {
          addProblem(problems, mark.sheet, 'protected');
          continue;
        }
        try {
          if (paint(ws, mark, rows, problems)) marked++;
        } catch {
          // WPS refused this cell (a cell being edited, a lock we could not see): the rest goes on, it is named.
          addProblem(problems, mark.sheet, 'failed');
        }
        if (marked % 500 === 499) await breathe();
      }
    } finally {
      // Whatever was painted is on record, so 清除标记 can always give it back.
      writeRecord(wb, [...rows.values()]);
    }
    return { marked, problems };
  }

  /** One mark: the original fill on record first, then our fill and note. */
  function paint(ws: WpsWorksheet, mark: CellMark, rows: Map<string, RecordRow>, problems: WriteProblem[]): boolean {
    const cell = markCell(ws, mark.cell);
    const address = cell.Address(false, false);
    const key = `${ws.Name}!${address}`;
    const interior = cell.Interior;
    // A note-only mark (a merged block) is on record with no fill of ours, so only its note is cleared.
    const fill = mark.noteOnly ? UNPAINTED : `FF${mark.fill.toUpperCase()}`;
    if (!rows.has(key)) {
      const had = interior.ColorIndex !== XL_NONE;
      rows.set(key, {
        sheet: ws.Name,
        cell: address,
        fill,
        original: had ? JSON.stringify({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hexOf(interior.Color)}` } }) : '',
        wps: had ? { color: interior.Color, pattern: interior.Pattern } : null,
      });
    } else rows.get(key)!.fill = fill;
    if (!mark.noteOnly) interior.Color = bgrOf(mark.fill);
    const note = cell.Comment;
    if (note && !note.Text().includes(NOTE_PREFIX)) addProblem(problems, mark.sheet, 'comment');
    else {
      if (note) note.Delete();
      cell.AddComment(mark.note);
    }
    return true;
  }

  // ---------------------------------------------------------------- 自评汇总, 定位, settings

  async function writeSummary(model: SummaryModel): Promise<string> {
    const wb = workbook();
    if (wb.ProtectStructure) throw new PeExcelError('protected', STRUCTURE_MESSAGE, 'AccessDenied', 'structure');
    const previous = property(wb, SUMMARY_PROPERTY);
    const old = previous ? findSheet(wb, previous) : null;
    if (old) deleteQuietly(old);
    const taken = new Set(sheets(wb).map((s) => s.Name.toLowerCase()));
    let name = SUMMARY_SHEET;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${SUMMARY_SHEET}(${k})`;
    // After the user's sheets, before our hidden record.
    const visible = sheets(wb).filter((s) => s.Name !== MARKS_SHEET);
    const ws = wb.Worksheets.Add(undefined, visible[visible.length - 1]);
    ws.Name = name;
    await writeSummarySheet(ws, model, breathe);
    setProperty(wb, SUMMARY_PROPERTY, name);
    return name;
  }

  async function selectCell(sheet: string, cell: string): Promise<void> {
    const ws = findSheet(workbook(), sheet);
    if (!ws) throw new PeExcelError('notFound', `找不到工作表“${sheet}”，它可能已被重命名或删除。请重新校验。`, 'ItemNotFound', `${sheet}!${cell}`);
    ws.Activate();
    ws.Range(cell).Select();
  }

  async function loadSettings(): Promise<PaneSettings> {
    const raw = property(workbook(), SETTINGS_PROPERTY);
    try {
      return sanitizeSettings(raw ? (JSON.parse(raw) as Partial<PaneSettings>) : null);
    } catch {
      return sanitizeSettings(null);
    }
  }

  async function saveSettings(s: PaneSettings): Promise<void> {
    setProperty(workbook(), SETTINGS_PROPERTY, JSON.stringify(sanitizeSettings(s)));
  }

  // ---------------------------------------------------------------- 公式转为数值

  /** Cells whose formula calls PE.*, per area looked at (the selection, or each visible sheet's used range). */
  function peCells(scope: FormulaScope): { ws: WpsWorksheet | null; area: WpsRange; cells: [number, number][] }[] {
    const wb = workbook();
    const areas: { ws: WpsWorksheet | null; area: WpsRange }[] =
      scope === 'selection' ? (app.Selection ? [{ ws: null, area: app.Selection }] : []) : sheets(wb).filter((ws) => ws.Visible === XL_SHEET_VISIBLE).map((ws) => ({ ws, area: ws.UsedRange }));
    return areas.map(({ ws, area }) => {
      const rows = area.Rows.Count;
      const cols = area.Columns.Count;
      const formulas = asRows(area.Formula, rows, cols);
      const cells: [number, number][] = [];
      formulas.forEach((row, r) => row.forEach((f, c) => typeof f === 'string' && f.startsWith('=') && PE_FORMULA.test(f) && cells.push([r + 1, c + 1])));
      return { ws, area, cells };
    });
  }

  const sheetOf = (area: WpsRange, ws: WpsWorksheet | null) => ws ?? area.Worksheet;

  async function countPeFormulas(scope: FormulaScope): Promise<PeFormulaCount> {
    const found = peCells(scope).filter((a) => a.cells.length > 0);
    const names = found.map((a) => sheetOf(a.area, a.ws).Name);
    const onProtected = found.filter((a) => sheetOf(a.area, a.ws).ProtectContents).reduce((n, a) => n + a.cells.length, 0);
    return { cells: found.reduce((n, a) => n + a.cells.length, 0), sheets: [...new Set(names)], onProtected };
  }

  async function convertPeFormulas(scope: FormulaScope): Promise<ConvertResult> {
    const problems: WriteProblem[] = [];
    let converted = 0;
    for (const a of peCells(scope)) {
      if (a.cells.length === 0) continue;
      const ws = sheetOf(a.area, a.ws);
      if (ws.ProtectContents) {
        addProblem(problems, ws.Name, 'protected', a.cells.length);
        continue;
      }
      for (const [r, c] of a.cells) {
        const cell = a.area.Item(r, c);
        // The formula gives way to its current value; the format stays.
        const value = cell.Value2;
        cell.Value2 = value;
        converted++;
      }
      await breathe();
    }
    return { converted, problems };
  }

  const readSheets = async (onProgress?: (p: ReadProgress) => void) => (await readWorkbook(onProgress)).grids;
  return { readSheets, readWorkbook, applyMarks, clearMarks, writeSummary, selectCell, loadSettings, saveSettings, countPeFormulas, convertPeFormulas };
}
