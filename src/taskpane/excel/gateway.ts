// The only module that talks to Excel (Excel.run). Everything else in the pane works on plain data.
//
// Sync budget (each context.sync is a round trip to Excel, 50–200 ms on Excel on the web):
//   readSheets    2 + one per sheet (+ one per extra ~4 MB chunk of a very large sheet)
//   applyMarks    3 + 2 per batch of marksPerBatch cells (packed across sheets; 1 per batch without
//                 notes), + 2 per refused note or request-size split, + 1 when a failure left the record
//                 stale, + 1 where notes exist (ExcelApi 1.18): they are read in a sync of their own
//   clearMarks    4, 5 when our 自评汇总 is there to remove, + 1 where notes exist, + 1 per ~3 MB of
//                 request past the first (measured sizes, requestSize.ts: ~2,600 restores, ~5,000 probes)
//   Requests never pass REQUEST_BUDGET by our measure (3 MB, the web refuses 5 MB); a host that
//   refuses less halves the budget and the operation runs again.
//   writeSummary  4 (+ one per extra ~4 MB block of a very large summary)
//   selectCell    1, loadSettings 1, saveSettings 1
import { appendAll } from '../../core/arrays';
import type { CellMark, CellValue, MergedArea, SheetGrid, SummaryCell, SummaryModel } from '../../core/types';
import { summaryLayout, type SummaryLayout } from '../../core/summary';
import { cellName, parseCell, parseRange, sheetRef } from './address';
import { PeExcelError, classifyExcelError, isTransientExcelError, toPeError } from './errors';
import { NOTE_PREFIX } from '../../core/highlight';
import { excelErrorOf } from '../../core/cells';
import { slices, type YieldToHost } from './breathe';
import { MIN_REQUEST_BUDGET, REQUEST_BUDGET, REQUEST_COST, RequestMeter, utf8Length } from './requestSize';

export { NOTE_PREFIX };

export const MARKS_KEY = 'peSelfCheck.marks';
export const SETTINGS_KEY = 'peSelfCheck.settings';
export const SUMMARY_KEY = 'peSelfCheck.summary';
export const CUSTOM_PROPERTY = 'peSelfCheck';

// The pane's host interface and its shapes (this is its Excel implementation).
export * from '../host';
import {
  PE_FORMULA,
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
  SUMMARY_SHEET,
  sanitizeSettings,
} from '../host';

/** The shape of Excel.run we use (the real one, or a fake in tests). */
export type ExcelRun = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface GatewayOptions {
  run: ExcelRun;
  /** Office.context.requirements.isSetSupported; defaults to "not supported". */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Estimated bytes per loaded cell (values + numberFormat JSON); used to split big sheets. */
  bytesPerCell?: number;
  /** Payload budget per read (response bytes), under Excel on the web's 5 MB limit. */
  payloadBudget?: number;
  /** What one write request may grow to, in UTF-8 bytes of request JSON (default REQUEST_BUDGET). */
  requestBudget?: number;
  /** Cells marked per write batch (split further when Excel refuses the request size). */
  marksPerBatch?: number;
  /** Pause before the one retry of a transient error. */
  retryDelayMs?: number;
  /** Waits (tests pass a fake clock); setTimeout by default. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest stretch of client-side work (queueing thousands of cells) before giving the thread back. */
  sliceMs?: number;
  /** Gives the thread back between slices; a macrotask by default (tests pass their own). */
  yieldToHost?: YieldToHost;
  /** The clock slices are measured with; performance.now by default. */
  now?: () => number;
}

/** One remembered mark (what to restore), as the gateway works with it. */
export interface StoredMark {
  sheet: string;
  sheetId?: string;
  cell: string;
  /** Original fill colour ('#RRGGBB'), or null when the cell had no fill. */
  original: string | null;
  /** Original fill pattern when it was not a plain solid fill. */
  pattern?: string;
  /** The fill we set, to detect a user who changed it since. */
  fill: string;
  /** Our note ('note', keyed by cell) or threaded comment ('comment'); absent when none was added. */
  noteKind?: 'note' | 'comment';
}

/** The record as version 1 wrote it (still read: marks placed before are still cleared). */
interface StoredMarksV1 {
  version: 1;
  marks: StoredMark[];
}

/**
 * The record as written now, in workbook.settings[MARKS_KEY] (JSON): each sheet's id and name once,
 * the marks as tuples and the colours from a palette — about a sixth of version 1's size.
 */
interface StoredMarksV2 {
  version: 2;
  /** Colours ('#RRGGBB') the marks refer to by index. */
  colors: string[];
  sheets: { id: string; name: string; marks: PackedMark[] }[];
}

/** [cell, our fill (index into colors), original fill (index, -1: none), note (0 none, 1 note, 2 comment), original pattern?] */
type PackedMark = [string, number, number, number] | [string, number, number, number, string];

const NOTE_KINDS = [undefined, 'note', 'comment'] as const;

export function encodeMarks(marks: StoredMark[]): StoredMarksV2 {
  const colors: string[] = [];
  const colorIndex = new Map<string, number>();
  const color = (c: string) => {
    let i = colorIndex.get(c);
    if (i === undefined) {
      i = colors.length;
      colors.push(c);
      colorIndex.set(c, i);
    }
    return i;
  };
  const sheets = new Map<string, StoredMarksV2['sheets'][number]>();
  for (const m of marks) {
    const id = m.sheetId ?? '';
    let s = sheets.get(`${id}\u0000${m.sheet}`);
    if (!s) {
      s = { id, name: m.sheet, marks: [] };
      sheets.set(`${id}\u0000${m.sheet}`, s);
    }
    const packed: PackedMark = [m.cell, color(m.fill), m.original === null ? -1 : color(m.original), m.noteKind === 'note' ? 1 : m.noteKind === 'comment' ? 2 : 0];
    if (m.pattern) packed.push(m.pattern);
    s.marks.push(packed);
  }
  return { version: 2, colors, sheets: [...sheets.values()] };
}

/** The marks of a record of either version; anything unreadable is no marks (never an error). */
export function decodeMarks(raw: unknown): StoredMark[] {
  if (!raw || typeof raw !== 'object') return [];
  const r = raw as Partial<StoredMarksV1> & Partial<Omit<StoredMarksV2, 'version'>>;
  if (Array.isArray(r.marks)) return (r as StoredMarksV1).marks.filter((m) => m && typeof m.cell === 'string' && typeof m.fill === 'string');
  if (!Array.isArray(r.sheets) || !Array.isArray(r.colors)) return [];
  const colors = r.colors;
  const out: StoredMark[] = [];
  for (const s of r.sheets) {
    if (!s || !Array.isArray(s.marks)) continue;
    for (const p of s.marks) {
      if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof colors[p[1]] !== 'string') continue;
      const m: StoredMark = { sheet: String(s.name ?? ''), cell: p[0], original: p[2] >= 0 ? String(colors[p[2]] ?? '') || null : null, fill: colors[p[1]] };
      if (s.id) m.sheetId = String(s.id);
      const kind = NOTE_KINDS[p[3]];
      if (kind) m.noteKind = kind;
      if (typeof p[4] === 'string') m.pattern = p[4];
      out.push(m);
    }
  }
  return out;
}

/** Adds cells to the problem of that sheet and reason (one line per sheet and reason). */
function addProblem(problems: WriteProblem[], sheet: string, reason: WriteProblemReason, cells: number): void {
  const p = problems.find((x) => x.sheet === sheet && x.reason === reason);
  if (p) p.cells += cells;
  else problems.push({ sheet, reason, cells });
}

/** Splits a batch by sheet (first appearance order). */
function groupBySheet<P extends { t: { ws: Excel.Worksheet } }>(batch: P[]): P[][] {
  const by = new Map<string, P[]>();
  for (const p of batch) {
    const list = by.get(p.t.ws.id) ?? [];
    list.push(p);
    by.set(p.t.ws.id, list);
  }
  return [...by.values()];
}

interface StoredSummary {
  id: string;
  name: string;
}

const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

const STRUCTURE_MESSAGE = '工作簿结构受保护，无法添加“自评汇总”工作表。';

/** A record's fill that no cell's colour can equal: the fill was given back, or never set (a note-only mark). */
const UNPAINTED = '#restored';

function normColor(c: string | null | undefined): string {
  return String(c ?? '').replace(/^#/, '').toUpperCase();
}

function parseJson<T>(raw: unknown): T | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'object') return raw as T;
  try {
    return JSON.parse(String(raw)) as T;
  } catch {
    return null;
  }
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** Rows per request for a sheet of `cols` columns. */
function rowsPerChunk(cols: number, bytesPerCell: number, budget: number): number {
  return Math.max(1, Math.floor(budget / (Math.max(1, cols) * bytesPerCell)));
}

function isPayloadError(e: unknown): boolean {
  return classifyExcelError(e) === 'tooLarge';
}

export function createExcelGateway(options: GatewayOptions): WorkbookGateway {
  const run = options.run;
  const supported = (v: string) => (options.isSetSupported ? options.isSetSupported('ExcelApi', v) : false);
  // Measured through Office.js (test/wire/requestSize.test.ts): a cell of long Chinese text answers
  // with ~280 bytes (values, valueTypes, numberFormat); 360 keeps a margin for longer texts.
  const bytesPerCell = options.bytesPerCell ?? 360;
  const budget = options.payloadBudget ?? 4_000_000;
  const marksPerBatch = Math.max(1, options.marksPerBatch ?? 2000);
  let requestBudget = options.requestBudget ?? REQUEST_BUDGET;
  const retryDelayMs = options.retryDelayMs ?? 400;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const sliceMs = options.sliceMs ?? 40;
  const newSlices = () => slices(sliceMs, options.yieldToHost, options.now);

  /** Excel.run with our options; a transient error (GeneralException, InactiveWorkbook) is retried once after a short pause. */
  async function guarded<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    // A host that refuses requests our measured budget allows (a smaller limit than the web's 5 MB):
    // the budget is halved for the rest of the session and the operation runs again. Every
    // operation starts from what the workbook holds (the marks record), so running it again is safe.
    for (;;) {
      try {
        return await run(RUN_OPTIONS, batch);
      } catch (e) {
        if (classifyExcelError(e) === 'tooLarge' && requestBudget > MIN_REQUEST_BUDGET) {
          requestBudget = Math.max(MIN_REQUEST_BUDGET, Math.floor(requestBudget / 2));
          continue;
        }
        if (!isTransientExcelError(e)) throw toPeError(e);
      }
      break;
    }
    await sleep(retryDelayMs);
    try {
      return await run(RUN_OPTIONS, batch);
    } catch (e) {
      throw toPeError(e);
    }
  }

  // ---------------------------------------------------------------- reading

  /** One sync: the worksheets (names, ids) and which sheet, if any, is our 自评汇总. */
  async function loadSheetsAndSummary(context: Excel.RequestContext, withVisibility = false): Promise<{ sheets: Excel.WorksheetCollection; stored: StoredSummary | null }> {
    const sheets = context.workbook.worksheets;
    sheets.load(withVisibility ? 'items/name,items/id,items/visibility' : 'items/name,items/id');
    const setting = context.workbook.settings.getItemOrNullObject(SUMMARY_KEY);
    setting.load('value');
    await context.sync();
    return { sheets, stored: setting.isNullObject ? null : parseJson<StoredSummary>(setting.value) };
  }

  /**
   * A cell as the grid contract wants it (core/cells.ts): an error cell (valueTypes 'Error') keeps
   * the '#…' text Range.values gives; text that merely looks like an error ('#N/A' typed by a user,
   * valueTypes 'String') gets Excel's own text-entry apostrophe so the engine never takes it for
   * one. Dates stay serial numbers; their numberFormat tells them (the engine reads both).
   * Range.valueTypes: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-valuetypes-member
   */
  function gridValue(v: unknown, type: string | undefined): CellValue {
    const value = toCellValue(v);
    if (type === 'Error') return typeof value === 'string' ? value : `#${String(value)}`;
    if (typeof value === 'string' && excelErrorOf(value) !== null) return `'${value}`;
    return value;
  }

  /** Most sheets read in one request (the groups double up to it). */
  const MAX_SHEETS_PER_READ = 16;

  /** Errors that mean "Excel is still computing": wait and read again. */
  const PENDING_ERRORS = new Set(['#BUSY!', '#GETTING_DATA']);

  /**
   * Merged areas of `used` in row slices: Range.getMergedAreasOrNullObject fails when a range holds
   * more than 512 of them (its reference page). A slice that fails is halved; a single row that
   * still fails is read without merges (values are still right, only the merged-cell layout is lost).
   */
  async function readMergesSliced(context: Excel.RequestContext, ws: Excel.Worksheet, box: { top: number; left: number }, rows: number, cols: number): Promise<MergedArea[]> {
    const out = new Map<string, MergedArea>();
    const pending: [number, number][] = [];
    const slice = 200; // rows; a table rarely has more than a couple of merges per row
    for (let r0 = 0; r0 < rows; r0 += slice) pending.push([r0, Math.min(slice, rows - r0)]);
    while (pending.length > 0) {
      const [r0, n] = pending.shift()!;
      const areas = ws.getRangeByIndexes(box.top + r0, box.left, n, cols).getMergedAreasOrNullObject();
      areas.load('areas/items/address');
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per slice
        await context.sync();
      } catch {
        if (n > 1) pending.unshift([r0, Math.ceil(n / 2)], [r0 + Math.ceil(n / 2), n - Math.ceil(n / 2)]);
        continue;
      }
      if (areas.isNullObject) continue;
      for (const a of areas.areas.items) {
        const b = parseRange(a.address);
        if (b) out.set(`${b.top}:${b.left}:${b.bottom}:${b.right}`, { top: b.top, left: b.left, bottom: b.bottom, right: b.right });
      }
    }
    return [...out.values()];
  }

  async function readWorkbook(onProgress?: (p: ReadProgress) => void, readOptions: ReadOptions = {}): Promise<WorkbookRead> {
    const { onGrid, signal } = readOptions;
    // A transient error reruns the whole batch (guarded): sheets already handed on are not handed on twice.
    let delivered = 0;
    return guarded(async (context) => {
      const { sheets, stored: ours } = await loadSheetsAndSummary(context, true);
      // Hidden and very hidden sheets (Worksheet.visibility, ExcelApi 1.1) are not checked: nobody
      // sees them, and Worksheet.activate() fails on them, so 定位 could not work.
      const hidden = sheets.items.filter((ws) => ws.visibility !== 'Visible' && !(ours && ws.id === ours.id)).map((ws) => ws.name);
      const list = sheets.items.filter((ws) => !(ours && ws.id === ours.id) && ws.visibility === 'Visible');
      const used = list.map((ws) => {
        const r = ws.getUsedRangeOrNullObject(true);
        r.load('address,rowCount,columnCount');
        return r;
      });
      await context.sync();

      const grids: SheetGrid[] = [];
      const add = (grid: SheetGrid) => {
        grids.push(grid);
        if (grids.length > delivered) {
          delivered = grids.length;
          onGrid?.(grid);
        }
      };
      const boxes = used.map((u) => (u.isNullObject ? null : parseRange(u.address)));
      const mergesSupported = supported('1.13');
      const pad = (left: number): null[] => new Array<null>(left).fill(null);

      /** The grid of a sheet from its used range's values, types and formats (rows from box.top). */
      function assemble(ws: Excel.Worksheet, box: { top: number; left: number }, rows: CellValue[][], formats: (string | null)[][], merges: MergedArea[]): SheetGrid {
        const values: CellValue[][] = [];
        const numberFormats: (string | null)[][] = [];
        for (let r = 0; r < box.top; r++) {
          values.push([]);
          numberFormats.push([]);
        }
        appendAll(values, rows);
        appendAll(numberFormats, formats);
        // Only the top-left cell of a merged area carries its value (SheetGrid contract).
        for (const m of merges) {
          for (let r = m.top; r <= m.bottom; r++) {
            const row = values[r];
            if (!row) continue;
            for (let c = m.left; c <= m.right; c++) {
              if ((r !== m.top || c !== m.left) && c < row.length) row[c] = null;
            }
          }
        }
        return { name: ws.name, values, numberFormats, merges };
      }
      /** Rows of a loaded range as grid rows (error cells as their #… text, padded to column A). */
      function gridRows(left: number, partValues: unknown[][], partTypes: string[][], partFormats: unknown[][]): { rows: CellValue[][]; formats: (string | null)[][] } {
        const before = pad(left);
        const rows: CellValue[][] = [];
        const formats: (string | null)[][] = [];
        for (let k = 0; k < partValues.length; k++) {
          const types = partTypes[k];
          rows.push([...before, ...partValues[k].map((v, c) => gridValue(v, types?.[c]))]);
          formats.push([...before, ...partFormats[k].map((f) => (f === undefined || f === null ? null : String(f)))]);
        }
        return { rows, formats };
      }
      const mergedAreasOf = (areas: Excel.RangeAreas): MergedArea[] =>
        areas.isNullObject
          ? []
          : areas.areas.items
              .map((a) => parseRange(a.address))
              .filter((b): b is NonNullable<typeof b> => b !== null)
              .map((b) => ({ top: b.top, left: b.left, bottom: b.bottom, right: b.right }));
      const hasPending = (values: unknown[][], types: string[][]) => types.some((row, k) => row.some((t, c) => t === 'Error' && PENDING_ERRORS.has(String(values[k][c]))));

      /** One sheet on its own, in row chunks under the payload budget (halved when Excel still refuses). */
      async function readOne(i: number): Promise<SheetGrid> {
        const ws = list[i];
        const u = used[i];
        const box = boxes[i];
        if (!box) return { name: ws.name, values: [], numberFormats: [], merges: [] };
        const rows = u.rowCount;
        const cols = u.columnCount;
        const values: CellValue[][] = [];
        const formats: (string | null)[][] = [];
        let merges: MergedArea[] = [];
        let chunk = rowsPerChunk(cols, bytesPerCell, budget);
        let r0 = 0;
        // Merged areas: with the first chunk for the whole used range; in slices when that fails.
        let mergesMode: 'whole' | 'sliced' | 'done' = mergesSupported ? 'whole' : 'done';
        let busyRereads = 0;
        while (r0 < rows) {
          const n = Math.min(chunk, rows - r0);
          const part = ws.getRangeByIndexes(box.top + r0, box.left, n, cols);
          part.load('values,valueTypes,numberFormat');
          let areas: Excel.RangeAreas | null = null;
          if (mergesMode === 'whole') {
            areas = u.getMergedAreasOrNullObject();
            areas.load('areas/items/address');
          }
          try {
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk of a very large sheet
            await context.sync();
          } catch (e) {
            if (isPayloadError(e) && n > 1) {
              chunk = Math.max(1, Math.floor(n / 2));
              continue;
            }
            if (areas) {
              mergesMode = 'sliced'; // the merged areas failed (more than 512): values again, merges apart
              continue;
            }
            throw e;
          }
          if (areas) {
            mergesMode = 'done';
            merges = mergedAreasOf(areas);
          }
          // #BUSY! (a function still computing) and #GETTING_DATA: wait and read the chunk again, a few times.
          if (hasPending(part.values, part.valueTypes) && busyRereads < 3) {
            busyRereads++;
            await sleep(500 * busyRereads);
            continue;
          }
          const got = gridRows(box.left, part.values, part.valueTypes, part.numberFormat);
          appendAll(values, got.rows);
          appendAll(formats, got.formats);
          r0 += n;
        }
        if (mergesMode === 'sliced') merges = await readMergesSliced(context, ws, box, rows, cols);
        return assemble(ws, box, values, formats, merges);
      }

      /**
       * Several sheets that each fit whole in one request, in one sync: each sync is a round trip to
       * Excel (on the web, to Microsoft's servers), so 40 small sheets should not cost 40 of them.
       * Null when the batch failed (then each sheet is read on its own, which knows every way a read
       * can fail); a sheet still computing (#BUSY!) is read again on its own.
       */
      async function readGroup(group: number[]): Promise<(SheetGrid | null)[] | null> {
        const loads = group.map((i) => {
          const box = boxes[i];
          if (!box) return null;
          const part = list[i].getRangeByIndexes(box.top, box.left, used[i].rowCount, used[i].columnCount);
          part.load('values,valueTypes,numberFormat');
          let areas: Excel.RangeAreas | null = null;
          if (mergesSupported) {
            areas = used[i].getMergedAreasOrNullObject();
            areas.load('areas/items/address');
          }
          return { part, areas };
        });
        try {
          await context.sync();
        } catch {
          return null;
        }
        return group.map((i, k) => {
          const box = boxes[i];
          const load = loads[k];
          if (!box || !load) return { name: list[i].name, values: [], numberFormats: [], merges: [] };
          if (hasPending(load.part.values, load.part.valueTypes)) return null;
          const got = gridRows(box.left, load.part.values, load.part.valueTypes, load.part.numberFormat);
          return assemble(list[i], box, got.rows, got.formats, load.areas ? mergedAreasOf(load.areas) : []);
        });
      }

      // The first sheet alone (its findings are on screen soonest), then groups that double in size,
      // each under the payload budget; a sheet too big for one request is read on its own.
      let groupSize = 1;
      for (let i = 0; i < list.length; ) {
        if (signal?.aborted) break;
        onProgress?.({ done: i, total: list.length, sheet: list[i].name });
        const group: number[] = [];
        let bytes = 0;
        while (i + group.length < list.length && group.length < groupSize) {
          const k = i + group.length;
          const cells = boxes[k] ? used[k].rowCount * used[k].columnCount : 0;
          const fits = !boxes[k] || used[k].rowCount <= rowsPerChunk(used[k].columnCount, bytesPerCell, budget);
          if (!fits || (group.length > 0 && bytes + cells * bytesPerCell > budget)) break;
          group.push(k);
          bytes += cells * bytesPerCell;
        }
        if (group.length <= 1) {
          add(await readOne(i));
          i++;
        } else {
          const got = await readGroup(group);
          for (let k = 0; k < group.length; k++) {
            add(got?.[k] ?? (await readOne(group[k])));
          }
          i += group.length;
        }
        groupSize = Math.min(groupSize * 2, MAX_SHEETS_PER_READ);
      }
      if (!signal?.aborted) onProgress?.({ done: list.length, total: list.length, sheet: '' });
      return { grids, hidden };
    });
  }

  async function readSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]> {
    return (await readWorkbook(onProgress)).grids;
  }

  // ---------------------------------------------------------------- marks
  //
  // Writing is best effort and never transactional: Office runs a batch's operations in order and a
  // failing one leaves the earlier ones done (application-specific-api-error-handling docs). So the
  // marks record (workbook.settings[MARKS_KEY]) is written in the same batch *before* the fills it
  // lists: whatever happens, 清除标记 knows every fill and note we may have placed. The record lists
  // every planned mark from the first write batch on (written again only after a batch that carried
  // it failed, and once at the end when a failure made it say more than happened), so it is written
  // a constant number of times, not once per batch. Clearing restores a fill only while it is still
  // ours and deletes a note or a threaded comment only when it starts with NOTE_PREFIX, so listing a
  // mark that never got written is harmless.

  /** Comments (ExcelApi 1.10) with their cells; ours are those starting with NOTE_PREFIX. */
  type LocatedComment = { comment: Excel.Comment; key: string; ours: boolean };

  interface MarkState {
    sheetsById: Map<string, Excel.Worksheet>;
    sheetsByName: Map<string, Excel.Worksheet>;
    /** Protected sheets whose formats cannot change (no allowFormatCells): no fill can be written. */
    protectedIds: Set<string>;
    /**
     * Protected sheets that allow formats but not objects (allowEditObjects off): fills can be
     * written and restored, notes and comments neither added nor deleted.
     */
    objectsLockedIds: Set<string>;
    /** Previous marks (on sheets that still exist, sheetId and name as now) with the probes needed to clear them. */
    probes: { mark: StoredMark; ws: Excel.Worksheet; range: Excel.Range }[];
    comments: LocatedComment[];
    /**
     * Each sheet's notes (Worksheet.notes, ExcelApi 1.18), loaded with their content: ours (NOTE_PREFIX)
     * are deleted from there, one collection per sheet rather than one probe per marked cell.
     */
    notes: { ws: Excel.Worksheet; notes: Excel.NoteCollection }[];
    /**
     * Whether this Excel can read notes: ExcelApi 1.18 and the notes load answered. Excel on the web
     * refuses some notes loads (office-js#6198, "by design"); then marks use comments or fills only.
     */
    notesReadable: boolean;
  }

  const cellKey = (sheetId: string, cell: string) => `${sheetId}!${cell.toUpperCase()}`;

  /** One queued clearing step (a fill restored, a note deleted) and its measured request size. */
  type ClearOp = { run: () => void; cost: number };

  /** Two syncs: the record, the sheets and comments; then protection, comment cells and previous marks. */
  async function loadMarkState(context: Excel.RequestContext, breathe: () => Promise<void> | undefined): Promise<{ state: MarkState; hadRecord: boolean }> {
    const wb = context.workbook;
    const setting = wb.settings.getItemOrNullObject(MARKS_KEY);
    setting.load('value');
    const sheets = wb.worksheets;
    sheets.load('items/name,items/id');
    const comments = supported('1.10') ? wb.comments : null;
    comments?.load('items/id,items/content');
    await context.sync();

    const sheetsById = new Map(sheets.items.map((s) => [s.id, s] as const));
    const sheetsByName = new Map(sheets.items.map((s) => [s.name, s] as const));
    const stored = setting.isNullObject ? [] : decodeMarks(parseJson<unknown>(setting.value));

    // WorksheetProtection.protected and .options are ExcelApi 1.2, inside the 1.7 base requirement.
    // A protected sheet refuses formats only without allowFormatCells, and notes or comments only
    // without allowEditObjects (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions).
    const protection = sheets.items.map((ws) => {
      ws.protection.load('protected,options');
      return ws;
    });
    // Comment cells and previous marks' fills are read in requests under the budget (the comments'
    // cells cost as much as a probe each).
    const meter = new RequestMeter(requestBudget);
    // Called from loops below: a sync only when the request budget is reached.
    const room = async () => {
      if (meter.full(REQUEST_COST.probe)) {
        await context.sync();
        meter.reset();
      }
      meter.add(REQUEST_COST.probe);
    };
    const located: { c: Excel.Comment; loc: Excel.Range }[] = [];
    for (const c of comments?.items ?? []) {
      await room();
      const loc = c.getLocation();
      loc.load('address');
      located.push({ c, loc });
    }
    const probes: MarkState['probes'] = [];
    for (const old of stored) {
      await breathe();
      await room();
      const ws = (old.sheetId && sheetsById.get(old.sheetId)) || sheetsByName.get(old.sheet);
      if (!ws || !parseCell(old.cell)) continue; // the sheet is gone: so are its marks
      const range = ws.getRange(old.cell);
      range.load('format/fill/color');
      probes.push({ mark: { ...old, sheet: ws.name, sheetId: ws.id }, ws, range });
    }
    await context.sync();
    const { notes, notesReadable } = await loadNotes(context, sheets.items);

    const locked = protection.filter((ws) => ws.protection.protected);
    const protectedIds = new Set(locked.filter((ws) => !ws.protection.options?.allowFormatCells).map((ws) => ws.id));
    const objectsLockedIds = new Set(locked.filter((ws) => !protectedIds.has(ws.id) && !ws.protection.options?.allowEditObjects).map((ws) => ws.id));
    const located2: LocatedComment[] = [];
    for (const { c, loc } of located) {
      const p = parseRange(loc.address);
      const ws = p ? sheetsByName.get(p.sheet) : undefined;
      if (!p || !ws) continue;
      located2.push({ comment: c, key: cellKey(ws.id, cellName(p.top, p.left)), ours: String(c.content ?? '').startsWith(NOTE_PREFIX) });
    }
    return { state: { sheetsById, sheetsByName, protectedIds, objectsLockedIds, probes, comments: located2, notes, notesReadable }, hadRecord: !setting.isNullObject };
  }

  /**
   * Every sheet's notes with their content, in a sync of their own: Excel on the web refuses some
   * notes loads (office-js#6198, closed "by design": properties the web does not support fail the
   * whole batch), and a refused load must not take the fills' reads with it. A refusal means: this
   * Excel cannot see notes — marks go on as comments or fills, and the pane says so once.
   */
  async function loadNotes(context: Excel.RequestContext, sheets: Excel.Worksheet[]): Promise<{ notes: MarkState['notes']; notesReadable: boolean }> {
    if (!supported('1.18')) return { notes: [], notesReadable: false };
    const notes = sheets.map((ws) => {
      ws.notes.load('items/content');
      return { ws, notes: ws.notes };
    });
    try {
      await context.sync();
      return { notes, notesReadable: true };
    } catch {
      // Whatever the code (the web's refusal is not documented; it may read as a GeneralException):
      // a lost connection fails the next sync as well and is reported there.
      return { notes: [], notesReadable: false };
    }
  }

  /**
   * Plans the clearing of the previous marks: `ops` queue it (for the caller's next sync), one
   * restored cell or deleted note each. Removes both kinds of ours — notes (ExcelApi 1.18) and
   * threaded comments (1.10) — whichever Excel placed them. `left`: the marks that must stay in the
   * record: on a protected sheet, or a note this Excel cannot delete.
   */
  async function planClear(state: MarkState, problems: WriteProblem[], breathe: () => Promise<void> | undefined): Promise<{ restored: number; left: StoredMark[]; ops: ClearOp[] }> {
    const ops: ClearOp[] = [];
    let restored = 0;
    const left: StoredMark[] = [];
    const protectedCount = new Map<string, number>();
    const notesLeft = new Map<string, number>();
    const oursByCell = new Map<string, Excel.Comment[]>();
    for (const c of state.comments) {
      if (!c.ours) continue;
      const list = oursByCell.get(c.key) ?? [];
      list.push(c.comment);
      oursByCell.set(c.key, list);
    }
    const canPattern = supported('1.9');
    const withNotes = state.notesReadable;
    for (const { mark, ws, range } of state.probes) {
      await breathe();
      if (state.protectedIds.has(ws.id)) {
        left.push(mark);
        protectedCount.set(ws.name, (protectedCount.get(ws.name) ?? 0) + 1);
        continue;
      }
      // Restore only when the fill is still ours: a colour the user set since is theirs to keep.
      if (normColor(range.format.fill.color) === normColor(mark.fill)) {
        const original = mark.original;
        const pattern = mark.pattern && canPattern ? (mark.pattern as Excel.FillPattern) : null;
        ops.push({
          cost: REQUEST_COST.fill * (pattern ? 2 : 1),
          run: () => {
            if (original === null) range.format.fill.clear();
            else {
              range.format.fill.color = original;
              if (pattern) range.format.fill.pattern = pattern;
            }
          },
        });
        restored++;
      }
      const key = cellKey(ws.id, mark.cell);
      if (state.objectsLockedIds.has(ws.id)) {
        // The fill is restored; the note or comment cannot go while the sheet keeps objects locked.
        oursByCell.delete(key);
        if (mark.noteKind) {
          left.push({ ...mark, fill: UNPAINTED });
          protectedCount.set(ws.name, (protectedCount.get(ws.name) ?? 0) + 1);
        }
        continue;
      }
      for (const c of oursByCell.get(key) ?? []) ops.push({ cost: REQUEST_COST.objectDelete, run: () => c.delete() });
      oursByCell.delete(key);
      if (mark.noteKind === 'note' && !withNotes) {
        // Placed by an Excel with notes (Microsoft 365); this one cannot see notes. Keep it listed
        // so 清除标记 in that Excel removes it; its fill is restored, so no colour can match again.
        left.push({ ...mark, fill: UNPAINTED });
        notesLeft.set(ws.name, (notesLeft.get(ws.name) ?? 0) + 1);
      }
    }
    // Our notes go wherever they are on a sheet that can be written (a protected one keeps its marks).
    for (const { ws, notes } of state.notes) {
      if (state.protectedIds.has(ws.id) || state.objectsLockedIds.has(ws.id)) continue;
      for (const n of notes.items) if (String(n.content ?? '').startsWith(NOTE_PREFIX)) ops.push({ cost: REQUEST_COST.objectDelete, run: () => n.delete() });
    }
    for (const [sheet, cells] of protectedCount) addProblem(problems, sheet, 'protected', cells);
    for (const [sheet, cells] of notesLeft) addProblem(problems, sheet, 'notesApi', cells);
    return { restored, left, ops };
  }

  /**
   * One sync when it fits the measured request budget: the clearing `ops`, then what `after` queues
   * (reads, the record). A larger clearing goes first in requests of its own (halved while a host
   * still refuses one), the last part with `after`: the record shrinks only once every restore is done.
   */
  async function sendClear(
    context: Excel.RequestContext,
    ops: ClearOp[],
    after: (meter: RequestMeter) => Promise<void> | void,
    breathe: () => Promise<void> | undefined,
  ): Promise<void> {
    // The clearing goes in requests of its measured size: all of it with `after` when it fits,
    // otherwise in requests of their own first — without waiting for Excel to refuse the whole.
    const chunks: ClearOp[][] = [[]];
    let bytes = 0;
    for (const op of ops) {
      if (bytes > 0 && bytes + op.cost > requestBudget) {
        chunks.push([]);
        bytes = 0;
      }
      chunks[chunks.length - 1].push(op);
      bytes += op.cost;
    }
    const last = chunks.pop()!;
    await runChunks(context, chunks, breathe);
    for (const op of last) {
      await breathe();
      op.run();
    }
    // `after` sends what is queued (this last part with it) when its own reads would pass the budget.
    await after(new RequestMeter(requestBudget, bytes));
    await context.sync();
  }

  /** One request per chunk; a chunk Excel still refuses for its size is halved. */
  async function runChunks(context: Excel.RequestContext, chunks: ClearOp[][], breathe: () => Promise<void> | undefined): Promise<void> {
    while (chunks.length > 0) {
      const chunk = chunks.shift()!;
      for (const op of chunk) {
        await breathe();
        op.run();
      }
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per chunk
        await context.sync();
      } catch (e) {
        if (classifyExcelError(e) !== 'tooLarge' || chunk.length === 1) throw e;
        chunks.unshift(chunk.slice(0, Math.ceil(chunk.length / 2)), chunk.slice(Math.ceil(chunk.length / 2)));
      }
    }
  }

  function queueRecord(context: Excel.RequestContext, marks: StoredMark[], hadRecord: boolean): void {
    const settings = context.workbook.settings;
    if (marks.length > 0) settings.add(MARKS_KEY, JSON.stringify(encodeMarks(marks)));
    else if (hadRecord) settings.getItemOrNullObject(MARKS_KEY).delete();
  }

  async function clearMarks(): Promise<ClearResult> {
    return guarded(async (context) => {
      const breathe = newSlices();
      const { state, hadRecord } = await loadMarkState(context, breathe);
      const problems: WriteProblem[] = [];
      const { restored, left, ops } = await planClear(state, problems, breathe);
      await sendClear(context, ops, () => queueRecord(context, left, hadRecord), breathe);
      const summaryRemoved = await removeOurSummary(context, problems);
      return summaryRemoved ? { restored, problems, summaryRemoved } : { restored, problems };
    });
  }

  /**
   * Deletes one of our sheets. A very hidden sheet cannot be deleted, by design (office-js#365: a
   * GeneralException no retry cures): it is made merely hidden first, in the same batch.
   */
  function deleteSheet(ws: Excel.Worksheet): void {
    if (ws.visibility === 'VeryHidden') ws.visibility = 'Hidden' as Excel.SheetVisibility;
    ws.delete();
  }

  /**
   * 清除标记 also takes away our 自评汇总 (its findings are out of date once the marks are gone, and
   * a cleared workbook is what gets sent on). Only the sheet our record names (settings[SUMMARY_KEY]);
   * under workbook structure protection it stays and is named.
   */
  async function removeOurSummary(context: Excel.RequestContext, problems: WriteProblem[]): Promise<string | undefined> {
    const wb = context.workbook;
    wb.protection.load('protected');
    const { sheets, stored } = await loadSheetsAndSummary(context, true);
    const ours = stored ? sheets.items.find((ws) => ws.id === stored.id) : undefined;
    if (!ours) return undefined;
    if (wb.protection.protected) {
      problems.push({ sheet: ours.name, reason: 'structure', cells: 0 });
      return undefined;
    }
    const name = ours.name;
    deleteSheet(ours);
    wb.settings.getItem(SUMMARY_KEY).delete();
    await context.sync();
    return name;
  }

  async function applyMarks(marks: CellMark[]): Promise<MarkResult> {
    return guarded(async (context) => {
      const wb = context.workbook;
      const breathe = newSlices();
      const { state, hadRecord } = await loadMarkState(context, breathe);
      const problems: WriteProblem[] = [];
      const { left, ops } = await planClear(state, problems, breathe);
      const useNotes = state.notesReadable;
      const useComments = !useNotes && supported('1.10');
      // Notes exist here (1.18) but cannot be read: say once what the marks use instead.
      if (supported('1.18') && !useNotes && marks.length > 0) addProblem(problems, '', 'notesUnreadable', 0);
      const canPattern = supported('1.9');
      // Cells with someone else's threaded comment: a cell holds a note or a comment, not both.
      const otherComments = new Set(state.comments.filter((c) => !c.ours).map((c) => c.key));
      // A cell marked last time is probed already: its range is read again (after the restore).
      const probed = new Map(state.probes.map((p) => [cellKey(p.ws.id, p.mark.cell), p.range] as const));
      // A note of someone else's keeps ours off its cell: probed only on sheets that have such notes.
      const userNotes = new Set(state.notes.filter(({ notes }) => notes.items.some((n) => !String(n.content ?? '').startsWith(NOTE_PREFIX))).map(({ ws }) => ws.id));

      type Target = { mark: CellMark; ws: Excel.Worksheet; key: string; range: Excel.Range | null; existingNote: Excel.Note | null };
      const bySheet = new Map<string, Target[]>();
      const seen = new Set<string>();
      for (const mark of marks) {
        await breathe();
        const ws = state.sheetsByName.get(mark.sheet);
        if (!ws || !parseCell(mark.cell)) continue;
        const key = cellKey(ws.id, mark.cell);
        if (seen.has(key)) continue;
        seen.add(key);
        if (state.protectedIds.has(ws.id)) {
          addProblem(problems, ws.name, 'protected', 1);
          continue;
        }
        // A range proxy costs request bytes as soon as it exists (Excel.run tracks it): made where
        // its read is queued, under the request budget.
        const list = bySheet.get(ws.id) ?? [];
        list.push({ mark, ws, key, range: probed.get(key) ?? null, existingNote: null });
        bySheet.set(ws.id, list);
      }
      // The previous marks go (restore + delete) and the record shrinks to what is left, in one
      // batch with the reads of the cells to mark (queued after: they see the restored fills).
      const queueReads = async (meter: RequestMeter) => {
        for (const list of bySheet.values()) {
          for (const t of list) {
            await breathe();
            if (meter.full(REQUEST_COST.probe)) {
              // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only past the request budget
              await context.sync();
              meter.reset();
            }
            meter.add(REQUEST_COST.probe);
            t.range ??= t.ws.getRange(t.mark.cell);
            if (canPattern) t.range.load('format/fill/color,format/fill/pattern');
            else t.range.load('format/fill/color');
            t.existingNote = null;
            if (useNotes && userNotes.has(t.ws.id)) {
              t.existingNote = t.ws.notes.getItemOrNullObject(t.mark.cell);
              t.existingNote.load('content');
            }
          }
        }
        queueRecord(context, left, hadRecord);
      };
      await sendClear(context, ops, queueReads, breathe);

      // What each mark will place, known before anything is written: the record lists it all.
      type Planned = { t: Target & { range: Excel.Range }; entry: StoredMark; note: string | null; blocked: boolean };
      const planned: Planned[] = [];
      for (const list of bySheet.values()) {
        for (const target of list) {
          await breathe();
          const t = { ...target, range: target.range! }; // read above: every target has its range
          const fill = t.range.format.fill;
          const pattern = canPattern ? String(fill.pattern) : 'Solid';
          const hadFill = canPattern ? pattern !== 'None' && fill.pattern !== null : normColor(fill.color) !== 'FFFFFF';
          const entry: StoredMark = {
            sheet: t.ws.name,
            sheetId: t.ws.id,
            cell: t.mark.cell,
            original: hadFill ? `#${normColor(fill.color)}` : null,
            // A note-only mark (a merged block) leaves the fill alone: on record, no colour matches it.
            fill: t.mark.noteOnly ? UNPAINTED : `#${normColor(t.mark.fill)}`,
          };
          if (hadFill && canPattern && pattern !== 'Solid') entry.pattern = pattern;
          const blocked = otherComments.has(t.key) || (t.existingNote !== null && !t.existingNote.isNullObject);
          let note: string | null = null;
          // A sheet protected with formats allowed but objects locked gets the fill alone.
          if ((useNotes || useComments) && !blocked && !state.objectsLockedIds.has(t.ws.id)) {
            note = t.mark.note.startsWith(NOTE_PREFIX) ? t.mark.note : NOTE_PREFIX + t.mark.note;
            entry.noteKind = useNotes ? 'note' : 'comment';
          }
          planned.push({ t, entry, note, blocked });
        }
      }
      const record = [...left, ...planned.map((p) => p.entry)];
      let recordWritten = false;
      /** A failure made the record say more than happened (notes that were never added). */
      let recordStale = false;
      const unnote = (p: Planned) => {
        if (p.entry.noteKind) recordStale = true;
        delete p.entry.noteKind;
      };

      let marked = 0;
      // Batches of up to marksPerBatch cells, across sheets, for the 5 MB request limit: halved when
      // Excel still refuses the size; a batch of several sheets that fails otherwise is tried again
      // sheet by sheet, so one refusing sheet (protected since) spares the others.
      // A batch also ends before its measured request size (the fills; the notes go in a request of
      // their own) would pass the budget: long notes make fewer marks per request.
      const queue: Planned[][] = [];
      let current: Planned[] = [];
      // The fills (with the record, the first time) and the notes go in two requests: one meter each.
      const fills = new RequestMeter(requestBudget, utf8Length(JSON.stringify(encodeMarks(record))));
      const noted = new RequestMeter(requestBudget);
      for (const p of planned) {
        const note = p.note ? REQUEST_COST.noteAdd + utf8Length(p.note) : 0;
        if (current.length > 0 && (current.length >= marksPerBatch || fills.full(REQUEST_COST.fill) || noted.full(note))) {
          queue.push(current);
          current = [];
          fills.reset();
          noted.reset();
        }
        current.push(p);
        fills.add(REQUEST_COST.fill);
        noted.add(note);
      }
      if (current.length > 0) queue.push(current);
      const failedSheets = new Set<string>();
      const notes = useNotes ? wb.notes : useComments ? wb.comments : null;
      while (queue.length > 0) {
        const batch = queue.shift()!.filter((p) => !failedSheets.has(p.t.ws.id));
        if (batch.length === 0) continue;
        // 1) the record (when not written yet) and the fills, 2) the notes/comments.
        if (!recordWritten) queueRecord(context, record, true);
        for (const p of batch) {
          await breathe();
          if (!p.t.mark.noteOnly) p.t.range.format.fill.color = p.entry.fill;
        }
        // How many notes there are before this batch adds its own: tells how far a refused one got.
        const count = notes && batch.some((p) => p.note !== null) ? notes.getCount() : null;
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write batch is the point
          await context.sync();
          recordWritten = true;
        } catch (e) {
          recordWritten = false; // it may have been what failed
          const code = classifyExcelError(e);
          if (code === 'tooLarge' && batch.length > 1) {
            const half = Math.ceil(batch.length / 2);
            queue.unshift(batch.slice(0, half), batch.slice(half));
            continue;
          }
          const sheets = groupBySheet(batch);
          if (sheets.length > 1) {
            queue.unshift(...sheets);
            continue;
          }
          const ws = batch[0].t.ws;
          failedSheets.add(ws.id);
          const reason: WriteProblemReason = code === 'protected' ? 'protected' : code === 'tooLarge' ? 'tooLarge' : 'failed';
          const rest = queue.reduce((n, b) => n + b.filter((p) => p.t.ws.id === ws.id).length, 0);
          addProblem(problems, ws.name, reason, batch.length + rest);
          // The record lists cells that may not be filled (harmless); their notes were never tried.
          for (const b of [batch, ...queue]) for (const p of b) if (p.t.ws.id === ws.id) unnote(p);
          continue;
        }
        marked += batch.length;
        for (const p of batch) if (p.blocked && (useNotes || useComments)) addProblem(problems, p.t.ws.name, 'comment', 1);
        if (notes && count) await addNotes(context, notes, batch.filter((p) => p.note !== null), count.value, problems, unnote, breathe);
      }
      if (recordStale) {
        queueRecord(context, record, true);
        try {
          await context.sync();
        } catch {
          // The record written before lists a few notes too many: harmless (clearing checks the prefix).
        }
      }
      return { marked, problems };
    });
  }

  /**
   * Adds the notes (or threaded comments) of one written batch, in one sync. A refused add (e.g. an
   * old-style note, invisible without ExcelApi 1.18, refuses a comment) stops the rest of the batch
   * and the earlier ones stay: the collection's count (getCount, ExcelApi 1.10 / 1.18) tells how many
   * went in, so the refused one is named and the ones after it are tried again.
   */
  async function addNotes<P extends { t: { range: Excel.Range; ws: Excel.Worksheet }; note: string | null }>(
    context: Excel.RequestContext,
    notes: Excel.NoteCollection | Excel.CommentCollection,
    items: P[],
    countBefore: number,
    problems: WriteProblem[],
    unnote: (p: P) => void,
    breathe: () => Promise<void> | undefined,
  ): Promise<void> {
    const chunks: P[][] = items.length > 0 ? [items] : [];
    let before = countBefore;
    const giveUp = (list: P[], reason: WriteProblemReason) => {
      for (const p of list) {
        addProblem(problems, p.t.ws.name, reason, 1);
        unnote(p);
      }
    };
    while (chunks.length > 0) {
      const chunk = chunks.shift()!;
      for (const p of chunk) {
        await breathe();
        notes.add(p.t.range, p.note ?? '');
      }
      let code: ReturnType<typeof classifyExcelError>;
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write batch is the point
        await context.sync();
        before += chunk.length;
        continue;
      } catch (e) {
        code = classifyExcelError(e);
      }
      if (code === 'tooLarge') {
        // Refused as a whole before anything ran: in halves.
        if (chunk.length === 1) giveUp(chunk, 'tooLarge');
        else chunks.unshift(chunk.slice(0, Math.ceil(chunk.length / 2)), chunk.slice(Math.ceil(chunk.length / 2)));
        continue;
      }
      const reason: WriteProblemReason = code === 'protected' ? 'protected' : 'comment';
      const after = notes.getCount();
      let added = -1;
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only after a refusal
        await context.sync();
        added = after.value - before;
        before = after.value;
      } catch {
        added = -1;
      }
      if (added < 0 || added >= chunk.length) {
        // Cannot tell how far it got: every note of the rest is named (the fills stay).
        giveUp([chunk, ...chunks].flat(), reason);
        return;
      }
      const refused = chunk[added];
      // A protected sheet refuses all of its notes; any other refusal is about that one cell.
      const skip = (p: P) => p === refused || (reason === 'protected' && p.t.ws.id === refused.t.ws.id);
      const later = [chunk.slice(added), ...chunks.splice(0)].flat();
      giveUp(later.filter(skip), reason);
      const retry = later.filter((p) => !skip(p));
      if (retry.length > 0) chunks.push(retry);
    }
  }

  // ---------------------------------------------------------------- summary sheet

  /**
   * (Re)creates 自评汇总. Over the request size limit (the whole request is refused, nothing ran) it
   * is tried again with smaller blocks, each sent on its own.
   */
  async function writeSummary(model: SummaryModel): Promise<string> {
    let budgetNow = requestBudget;
    for (;;) {
      try {
        return await writeSummaryOnce(model, budgetNow);
      } catch (e) {
        // The estimate was short for this host: smaller requests (nothing of a refused one ran).
        if (classifyExcelError(e) !== 'tooLarge' || budgetNow < 500) throw e;
        budgetNow = Math.floor(budgetNow / 4);
      }
    }
  }

  async function writeSummaryOnce(model: SummaryModel, requestBudget: number): Promise<string> {
    return guarded(async (context) => {
      const wb = context.workbook;
      // Structure protection (WorkbookProtection.protected, ExcelApi 1.7) refuses worksheets.add:
      // say so before deleting the old summary, not halfway through.
      wb.protection.load('protected');
      const { sheets, stored } = await loadSheetsAndSummary(context, true);
      if (wb.protection.protected) throw new PeExcelError('protected', STRUCTURE_MESSAGE, 'AccessDenied', 'structure');
      const useProps = supported('1.12');
      // A sheet is ours when its id is the stored one, or it carries our custom property.
      const candidates = sheets.items.filter((s) => s.name.startsWith(SUMMARY_SHEET));
      const props = useProps
        ? candidates.map((s) => {
            const p = s.customProperties.getItemOrNullObject(CUSTOM_PROPERTY);
            p.load('value');
            return p;
          })
        : [];
      if (props.length > 0) await context.sync();
      const ours = new Set<string>();
      for (const s of sheets.items) if (stored && s.id === stored.id) ours.add(s.id);
      candidates.forEach((s, i) => {
        const p = props[i];
        if (p && !p.isNullObject && p.value === 'summary') ours.add(s.id);
      });

      const taken = new Set(sheets.items.filter((s) => !ours.has(s.id)).map((s) => s.name.toLowerCase()));
      let name = SUMMARY_SHEET;
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${SUMMARY_SHEET}(${k})`;

      for (const s of sheets.items) if (ours.has(s.id)) deleteSheet(s);
      const ws = sheets.add(name);
      if (useProps) ws.customProperties.add(CUSTOM_PROPERTY, 'summary');
      ws.load('id,name');

      const breathe = newSlices();
      // One request while it fits; otherwise sent whenever the next part would pass the budget.
      const meter = new RequestMeter(requestBudget);
      const flush = async () => {
        await context.sync();
        meter.reset();
      };
      await queueSummaryCells(ws, model, meter, flush, breathe);
      const layout = summaryLayout(model);
      queueSummaryWrap(ws, model, layout);
      await context.sync();
      await setSummaryPrinting(context, ws, layout);

      wb.settings.add(SUMMARY_KEY, JSON.stringify({ id: ws.id, name: ws.name } satisfies StoredSummary));
      await context.sync();
      return ws.name;
    });
  }

  /**
   * The summary on screen as the files lay it out (core summaryLayout): each run of grid rows wraps
   * and its rows fit the text (RangeFormat.wrapText 1.1, autofitRows 1.2). Queued with the cells.
   */
  function queueSummaryWrap(ws: Excel.Worksheet, model: SummaryModel, layout: SummaryLayout): void {
    const width = Math.max(1, ...model.rows.map((r) => r.length));
    for (const run of layout.gridRuns) {
      const block = ws.getRangeByIndexes(run.top, 0, run.count, width);
      block.format.wrapText = true;
      block.format.verticalAlignment = 'Center' as Excel.VerticalAlignment;
      if (supported('1.2')) block.format.autofitRows();
    }
  }

  /**
   * The summary on paper: A4 landscape, one page wide, a header row on every page, and a filter on
   * the list of findings (PageLayout and AutoFilter, ExcelApi 1.9). A convenience, in a request of
   * its own: a host that refuses it (an Excel without 1.9, a setting it rejects) keeps the sheet.
   */
  async function setSummaryPrinting(context: Excel.RequestContext, ws: Excel.Worksheet, layout: SummaryLayout): Promise<void> {
    if (!supported('1.9')) return;
    try {
      const page = ws.pageLayout;
      page.orientation = 'Landscape' as Excel.PageOrientation;
      page.paperSize = 'A4' as Excel.PaperType;
      // One page wide; as many pages tall as it takes (0, as fitToHeight="0" in the file's pageSetup).
      page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (layout.printTitleRow !== null) page.setPrintTitleRows(`$${layout.printTitleRow}:$${layout.printTitleRow}`);
      const f = layout.filter;
      if (f) ws.autoFilter.apply(ws.getRangeByIndexes(f.top, 0, f.bottom - f.top + 1, f.columns));
      await context.sync();
    } catch (e) {
      console.warn('[绩效自评助手] 自评汇总的打印设置或筛选未能设置', e);
    }
  }

  /**
   * Queues the summary's cells, measuring each part's request size (requestSize.ts): before a part
   * would pass the meter's budget, what is queued is sent (`flush`).
   */
  async function queueSummaryCells(
    ws: Excel.Worksheet,
    model: SummaryModel,
    meter: RequestMeter,
    flush: () => Promise<void>,
    breathe: () => Promise<void> | undefined,
  ): Promise<void> {
    const rows = model.rows;
    const width = Math.max(1, ...rows.map((r) => r.length));
    const send = async (cost: number) => {
      if (meter.full(cost)) await flush();
      meter.add(cost);
    };
    // Values and formats as 2-D arrays per block of rows; text cells are '@' so "=..." stays literal.
    // A block ends at 1,500 cells (Office.js itself sends a larger one in slices of rows) or where
    // the next row would pass the request budget.
    const maxRows = Math.max(1, Math.floor(1500 / width));
    let r0 = 0;
    let values: (string | number)[][] = [];
    let formats: string[][] = [];
    let cost = 0;
    const emit = async () => {
      if (values.length === 0) return;
      await send(cost);
      const block = ws.getRangeByIndexes(r0, 0, values.length, width);
      block.numberFormat = formats;
      block.values = values;
      r0 += values.length;
      values = [];
      formats = [];
      cost = 0;
    };
    for (const row of rows) {
      await breathe();
      const v: (string | number)[] = [];
      const f: string[] = [];
      let rowCost = 0;
      for (let c = 0; c < width; c++) {
        const cell: SummaryCell | undefined = row[c];
        if (!cell) {
          v.push('');
          f.push('General');
        } else if (cell.number !== undefined && cell.number !== null && !Number.isNaN(cell.number)) {
          v.push(cell.number);
          f.push(cell.format ?? 'General');
        } else if (cell.text !== undefined) {
          v.push(cell.text);
          f.push('@');
        } else {
          v.push('');
          f.push(cell.ref ? cell.format ?? 'General' : 'General');
        }
        rowCost += REQUEST_COST.blockCell + utf8Length(String(v[c])) + f[c].length;
      }
      if (values.length >= maxRows || (values.length > 0 && meter.wouldPass(cost + rowCost + REQUEST_COST.formula))) await emit();
      values.push(v);
      formats.push(f);
      cost += rowCost + (values.length === 1 ? REQUEST_COST.formula : 0);
    }
    await emit();
    // Live references, links, bold and fills (runs of equal style are one range).
    for (let r = 0; r < rows.length; r++) {
      await breathe();
      const row = rows[r];
      let cost = 0;
      for (const cell of row) {
        if (cell?.ref) cost += REQUEST_COST.formula + utf8Length(sheetRef(cell.ref.sheet, cell.ref.cell));
        if (cell?.link) cost += REQUEST_COST.hyperlink + 2 * utf8Length(sheetRef(cell.link.sheet, cell.link.cell)) + utf8Length(cell.text ?? '');
        if (cell?.bold || cell?.fill) cost += REQUEST_COST.styleRun;
      }
      await send(cost);
      row.forEach((cell, c) => {
        if (!cell) return;
        const range = () => ws.getRangeByIndexes(r, c, 1, 1);
        if (cell.ref) {
          const rg = range();
          rg.numberFormat = [[cell.format ?? 'General']];
          rg.formulas = [[`=${sheetRef(cell.ref.sheet, cell.ref.cell)}`]];
        }
        if (cell.link) {
          range().hyperlink = {
            documentReference: sheetRef(cell.link.sheet, cell.link.cell),
            textToDisplay: cell.text ?? `${cell.link.sheet}!${cell.link.cell}`,
            screenTip: `${cell.link.sheet}!${cell.link.cell}`,
          };
        }
      });
      let c = 0;
      while (c < row.length) {
        const cell = row[c];
        const bold = !!cell?.bold;
        const fill = cell?.fill ? normColor(cell.fill) : '';
        let end = c + 1;
        while (end < row.length && !!row[end]?.bold === bold && (row[end]?.fill ? normColor(row[end]?.fill) : '') === fill) end++;
        if (bold || fill) {
          const rg = ws.getRangeByIndexes(r, c, 1, end - c);
          if (bold) rg.format.font.bold = true;
          if (fill) rg.format.fill.color = `#${fill}`;
        }
        c = end;
      }
    }
    model.columnWidths.forEach((w, c) => {
      if (w > 0) ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = Math.round(w * 6 + 6);
    });
    // The rule codes: kept for filtering, hidden (Range.columnHidden, ExcelApi 1.2).
    for (const c of model.hiddenColumns ?? []) ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().columnHidden = true;
  }

  // ---------------------------------------------------------------- 公式转为数值

  type Found = { ws: Excel.Worksheet; name: string; cells: { row: number; col: number; value: unknown }[]; protected: boolean };

  /** Two syncs: the ranges (selection or used ranges) with formulas and values, and protection. */
  async function findPeFormulas(context: Excel.RequestContext, scope: FormulaScope): Promise<Found[]> {
    const ranges: { ws: Excel.Worksheet; range: Excel.Range }[] = [];
    if (scope === 'selection') {
      const range = context.workbook.getSelectedRange();
      range.load('formulas,values,rowIndex,columnIndex');
      // The selection is always on the active sheet.
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load('name');
      ws.protection.load('protected');
      ranges.push({ ws, range });
      await context.sync();
    } else {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      await context.sync();
      for (const ws of sheets.items) {
        if (ws.visibility !== 'Visible') continue;
        const range = ws.getUsedRangeOrNullObject(true);
        range.load('formulas,values,rowIndex,columnIndex');
        ws.protection.load('protected');
        ranges.push({ ws, range });
      }
      await context.sync();
    }
    const found: Found[] = [];
    for (const { ws, range } of ranges) {
      if (range.isNullObject) continue;
      const formulas = range.formulas;
      const values = range.values;
      const cells: Found['cells'] = [];
      formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f === 'string' && f.startsWith('=') && PE_FORMULA.test(f)) cells.push({ row: range.rowIndex + r, col: range.columnIndex + c, value: values[r][c] });
        }),
      );
      if (cells.length > 0) found.push({ ws, name: ws.name, cells, protected: ws.protection.protected });
    }
    return found;
  }

  async function countPeFormulas(scope: FormulaScope): Promise<PeFormulaCount> {
    return guarded(async (context) => {
      const found = await findPeFormulas(context, scope);
      return {
        cells: found.reduce((n, f) => n + f.cells.length, 0),
        sheets: found.map((f) => f.name),
        onProtected: found.filter((f) => f.protected).reduce((n, f) => n + f.cells.length, 0),
      };
    });
  }

  async function convertPeFormulas(scope: FormulaScope): Promise<ConvertResult> {
    return guarded(async (context) => {
      const found = await findPeFormulas(context, scope);
      const problems: WriteProblem[] = [];
      let converted = 0;
      for (const f of found) {
        if (f.protected) {
          problems.push({ sheet: f.name, reason: 'protected', cells: f.cells.length });
          continue;
        }
        // The value as Excel shows it now (Range.values; an error result such as '#N/A' written back
        // is that error again, as when typed). Number formats stay, so dates and percentages look the same.
        for (const c of f.cells) f.ws.getRangeByIndexes(c.row, c.col, 1, 1).values = [[c.value as string | number | boolean]];
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per sheet, so one refusal spares the others
          await context.sync();
          converted += f.cells.length;
        } catch (e) {
          problems.push({ sheet: f.name, reason: classifyExcelError(e) === 'protected' ? 'protected' : 'failed', cells: f.cells.length });
        }
      }
      return { converted, problems };
    });
  }

  // ---------------------------------------------------------------- navigation, settings

  async function selectCell(sheet: string, cell: string): Promise<void> {
    try {
      await run(RUN_OPTIONS, async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      });
    } catch (e) {
      const err = toPeError(e, `${sheet}!${cell}`);
      throw err.code === 'notFound' ? new PeExcelError('notFound', err.message, err.excelCode, `${sheet}!${cell}`) : err;
    }
  }

  async function loadSettings(): Promise<PaneSettings> {
    return guarded(async (context) => {
      const s = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
      s.load('value');
      await context.sync();
      return sanitizeSettings(s.isNullObject ? null : parseJson<Partial<PaneSettings>>(s.value));
    });
  }

  async function saveSettings(settings: PaneSettings): Promise<void> {
    return guarded(async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(sanitizeSettings(settings)));
      await context.sync();
    });
  }

  return { readSheets, readWorkbook, applyMarks, clearMarks, writeSummary, selectCell, loadSettings, saveSettings, countPeFormulas, convertPeFormulas };
}
