// The only module that talks to Excel (Excel.run). Everything else in the pane works on plain data.
//
// Sync budget (constant whatever the number of rows or marks):
//   readSheets    2 + one per sheet (+ one per extra ~4 MB chunk of a very large sheet)
//   applyMarks    4 with notes (ExcelApi 1.18), 5 with threaded comments (ids known after the add)
//   clearMarks    3
//   writeSummary  4 (+ one per extra ~4 MB block of a very large summary)
//   selectCell    1, loadSettings 1, saveSettings 1
import type { CellMark, CellValue, MergedArea, SheetGrid, SummaryCell, SummaryModel } from '../../core/types';
import type { ReverseMethod } from '../../core/profile';
import { cellName, parseCell, parseRange, sheetRef } from './address';
import { PeExcelError, classifyExcelError, toPeError } from './errors';
import { NOTE_PREFIX } from '../../core/highlight';
import { SUMMARY_SHEET_NAME } from '../../core/summary';

export { NOTE_PREFIX };

export const MARKS_KEY = 'peSelfCheck.marks';
export const SETTINGS_KEY = 'peSelfCheck.settings';
export const SUMMARY_KEY = 'peSelfCheck.summary';
export const SUMMARY_SHEET = SUMMARY_SHEET_NAME;
export const CUSTOM_PROPERTY = 'peSelfCheck';

export interface PaneSettings {
  profile: string;
  overTarget: number;
  reverse: ReverseMethod;
}

export const DEFAULT_SETTINGS: PaneSettings = { profile: 'mof2020', overTarget: 1.2, reverse: 'linear' };

export interface ReadProgress {
  /** Sheets read so far. */
  done: number;
  total: number;
  /** The sheet being read now ('' when finished). */
  sheet: string;
}

export interface WorkbookGateway {
  readSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]>;
  /** Clears the previous marks, then fills and annotates the given cells (remembered in workbook.settings). */
  applyMarks(marks: CellMark[]): Promise<void>;
  /** Restores every fill we changed and deletes our notes/comments. */
  clearMarks(): Promise<{ restored: number }>;
  /** (Re)creates our summary sheet; returns the sheet name used. */
  writeSummary(model: SummaryModel): Promise<string>;
  selectCell(sheet: string, cell: string): Promise<void>;
  loadSettings(): Promise<PaneSettings>;
  saveSettings(s: PaneSettings): Promise<void>;
}

/** The shape of Excel.run we use (the real one, or a fake in tests). */
export type ExcelRun = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface GatewayOptions {
  run: ExcelRun;
  /** Office.context.requirements.isSetSupported; defaults to "not supported". */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Estimated bytes per loaded cell (values + numberFormat JSON); used to split big sheets. */
  bytesPerCell?: number;
  /** Payload budget per request, under Excel on the web's 5 MB limit. */
  payloadBudget?: number;
}

/** One remembered mark (what to restore). Stored as JSON in workbook.settings[MARKS_KEY]. */
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
  /** Our note ('note', keyed by cell) or threaded comment ('comment', with id); absent when none was added. */
  noteKind?: 'note' | 'comment';
  noteId?: string;
}

interface StoredMarks {
  version: 1;
  marks: StoredMark[];
}

interface StoredSummary {
  id: string;
  name: string;
}

const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

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
  const bytesPerCell = options.bytesPerCell ?? 160;
  const budget = options.payloadBudget ?? 4_000_000;

  async function guarded<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await run(RUN_OPTIONS, batch);
    } catch (e) {
      throw toPeError(e);
    }
  }

  // ---------------------------------------------------------------- reading

  /** One sync: the worksheets (names, ids) and which sheet, if any, is our 自评汇总. */
  async function loadSheetsAndSummary(context: Excel.RequestContext): Promise<{ sheets: Excel.WorksheetCollection; stored: StoredSummary | null }> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id');
    const setting = context.workbook.settings.getItemOrNullObject(SUMMARY_KEY);
    setting.load('value');
    await context.sync();
    return { sheets, stored: setting.isNullObject ? null : parseJson<StoredSummary>(setting.value) };
  }

  async function readSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]> {
    return guarded(async (context) => {
      const { sheets, stored: ours } = await loadSheetsAndSummary(context);
      const list = sheets.items.filter((ws) => !(ours && ws.id === ours.id));
      const used = list.map((ws) => {
        const r = ws.getUsedRangeOrNullObject(true);
        r.load('address,rowCount,columnCount');
        return r;
      });
      await context.sync();

      const grids: SheetGrid[] = [];
      for (let i = 0; i < list.length; i++) {
        const ws = list[i];
        onProgress?.({ done: i, total: list.length, sheet: ws.name });
        const u = used[i];
        if (u.isNullObject) {
          grids.push({ name: ws.name, values: [], numberFormats: [], merges: [] });
          continue;
        }
        const box = parseRange(u.address);
        if (!box) {
          grids.push({ name: ws.name, values: [], numberFormats: [], merges: [] });
          continue;
        }
        const rows = u.rowCount;
        const cols = u.columnCount;
        const values: CellValue[][] = [];
        const formats: (string | null)[][] = [];
        for (let r = 0; r < box.top; r++) {
          values.push([]);
          formats.push([]);
        }
        let merges: MergedArea[] = [];
        let chunk = rowsPerChunk(cols, bytesPerCell, budget);
        let r0 = 0;
        let mergesRead = false;
        while (r0 < rows) {
          const n = Math.min(chunk, rows - r0);
          const part = ws.getRangeByIndexes(box.top + r0, box.left, n, cols);
          part.load('values,numberFormat');
          let areas: Excel.RangeAreas | null = null;
          if (!mergesRead && supported('1.13')) {
            areas = u.getMergedAreasOrNullObject();
            areas.load('areas/items/address');
          }
          try {
            // One sync per sheet (or per chunk of a very large sheet) is the read budget: reading every
            // sheet in one sync could pass the 5 MB payload limit of Excel on the web.
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
          } catch (e) {
            if (isPayloadError(e) && n > 1) {
              chunk = Math.max(1, Math.floor(n / 2));
              continue;
            }
            throw e;
          }
          mergesRead = true;
          if (areas) {
            if (!areas.isNullObject) {
              merges = areas.areas.items
                .map((a) => parseRange(a.address))
                .filter((b): b is NonNullable<typeof b> => b !== null)
                .map((b) => ({ top: b.top, left: b.left, bottom: b.bottom, right: b.right }));
            }
          }
          const pad: null[] = new Array<null>(box.left).fill(null);
          for (let k = 0; k < n; k++) {
            values.push([...pad, ...part.values[k].map(toCellValue)]);
            formats.push([...pad, ...part.numberFormat[k].map((f) => (f === undefined || f === null ? null : String(f)))]);
          }
          r0 += n;
        }
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
        grids.push({ name: ws.name, values, numberFormats: formats, merges });
      }
      onProgress?.({ done: list.length, total: list.length, sheet: '' });
      return grids;
    });
  }

  // ---------------------------------------------------------------- marks

  interface Pending {
    restored: number;
  }

  /**
   * Queues the clearing of the previously stored marks. Uses two syncs (read the setting, then read the
   * current fills and our notes/comments); the restore itself is queued for the caller's next sync.
   */
  async function queueClear(context: Excel.RequestContext): Promise<Pending & { sheetsById: Map<string, Excel.Worksheet>; sheetsByName: Map<string, Excel.Worksheet>; comments: Excel.CommentCollection | null }> {
    const wb = context.workbook;
    const setting = wb.settings.getItemOrNullObject(MARKS_KEY);
    setting.load('value');
    const sheets = wb.worksheets;
    sheets.load('items/name,items/id');
    const useNotes = supported('1.18');
    let comments: Excel.CommentCollection | null = null;
    if (!useNotes && supported('1.10')) {
      comments = wb.comments;
      comments.load('items/id,items/content');
    }
    await context.sync();

    const sheetsById = new Map(sheets.items.map((s) => [s.id, s] as const));
    const sheetsByName = new Map(sheets.items.map((s) => [s.name, s] as const));
    const stored = setting.isNullObject ? null : parseJson<StoredMarks>(setting.value);
    const prev = stored && Array.isArray(stored.marks) ? stored.marks : [];

    type Probe = { mark: StoredMark; ws: Excel.Worksheet; range: Excel.Range; note: Excel.Note | null };
    const probes: Probe[] = [];
    for (const mark of prev) {
      const ws = (mark.sheetId && sheetsById.get(mark.sheetId)) || sheetsByName.get(mark.sheet);
      if (!ws || !parseCell(mark.cell)) continue;
      const range = ws.getRange(mark.cell);
      range.load('format/fill/color');
      let note: Excel.Note | null = null;
      if (mark.noteKind === 'note' && supported('1.18')) {
        note = ws.notes.getItemOrNullObject(mark.cell);
        note.load('content');
      }
      probes.push({ mark, ws, range, note });
    }
    if (probes.length > 0) await context.sync();

    let restored = 0;
    const commentById = new Map((comments?.items ?? []).map((c) => [c.id, c] as const));
    for (const { mark, range, note } of probes) {
      // Restore only when the fill is still ours: a colour the user set since is theirs to keep.
      if (normColor(range.format.fill.color) === normColor(mark.fill)) {
        if (mark.original === null) range.format.fill.clear();
        else {
          range.format.fill.color = mark.original;
          if (mark.pattern && supported('1.9')) range.format.fill.pattern = mark.pattern as Excel.FillPattern;
        }
        restored++;
      }
      if (note && !note.isNullObject && String(note.content ?? '').startsWith(NOTE_PREFIX)) note.delete();
      if (mark.noteKind === 'comment' && mark.noteId) {
        const c = commentById.get(mark.noteId);
        if (c && String(c.content ?? '').startsWith(NOTE_PREFIX)) {
          c.delete();
          commentById.delete(mark.noteId);
        }
      }
    }
    if (!setting.isNullObject) setting.delete();
    return { restored, sheetsById, sheetsByName, comments };
  }

  async function clearMarks(): Promise<{ restored: number }> {
    return guarded(async (context) => {
      const { restored } = await queueClear(context);
      await context.sync();
      return { restored };
    });
  }

  async function applyMarks(marks: CellMark[]): Promise<void> {
    return guarded(async (context) => {
      const wb = context.workbook;
      const cleared = await queueClear(context);
      const useNotes = supported('1.18');
      const useComments = !useNotes && cleared.comments !== null;
      const canPattern = supported('1.9');

      // Read the current (restored) fills of the cells to mark, and the notes/comments already there.
      type Target = {
        mark: CellMark;
        ws: Excel.Worksheet;
        range: Excel.Range;
        existingNote: Excel.Note | null;
      };
      const targets: Target[] = [];
      const seen = new Set<string>();
      for (const mark of marks) {
        const ws = cleared.sheetsByName.get(mark.sheet);
        const key = `${mark.sheet}!${mark.cell}`;
        if (!ws || seen.has(key)) continue;
        seen.add(key);
        const range = ws.getRange(mark.cell);
        if (canPattern) range.load('format/fill/color,format/fill/pattern');
        else range.load('format/fill/color');
        let existingNote: Excel.Note | null = null;
        if (useNotes) {
          existingNote = ws.notes.getItemOrNullObject(mark.cell);
          existingNote.load('content');
        }
        targets.push({ mark, ws, range, existingNote });
      }
      const commentCells = new Set<string>();
      const locations: { range: Excel.Range }[] = [];
      if (useComments && cleared.comments) {
        for (const c of cleared.comments.items) {
          if (String(c.content ?? '').startsWith(NOTE_PREFIX)) continue; // ours, deleted in this batch
          const loc = c.getLocation();
          loc.load('address');
          locations.push({ range: loc });
        }
      }
      await context.sync(); // restore + delete previous; read targets
      for (const l of locations) {
        const p = parseRange(l.range.address);
        if (p) commentCells.add(`${p.sheet}!${cellName(p.top, p.left)}`);
      }

      const stored: StoredMark[] = [];
      const added: { stored: StoredMark; comment: Excel.Comment }[] = [];
      for (const t of targets) {
        const fill = t.range.format.fill;
        const pattern = canPattern ? String(fill.pattern) : 'Solid';
        const hadFill = canPattern ? pattern !== 'None' && fill.pattern !== null : normColor(fill.color) !== 'FFFFFF';
        const entry: StoredMark = {
          sheet: t.mark.sheet,
          sheetId: t.ws.id,
          cell: t.mark.cell,
          original: hadFill ? `#${normColor(fill.color)}` : null,
          fill: `#${normColor(t.mark.fill)}`,
        };
        if (hadFill && canPattern && pattern !== 'Solid') entry.pattern = pattern;
        t.range.format.fill.color = entry.fill;
        const note = t.mark.note.startsWith(NOTE_PREFIX) ? t.mark.note : NOTE_PREFIX + t.mark.note;
        if (useNotes) {
          if (t.existingNote && t.existingNote.isNullObject) {
            wb.notes.add(t.range, note);
            entry.noteKind = 'note';
            entry.noteId = t.mark.cell;
          }
        } else if (useComments && !commentCells.has(`${t.mark.sheet}!${t.mark.cell}`)) {
          const c = wb.comments.add(t.range, note);
          c.load('id');
          added.push({ stored: entry, comment: c });
          entry.noteKind = 'comment';
        }
        stored.push(entry);
      }
      const payload: StoredMarks = { version: 1, marks: stored };
      if (added.length === 0) {
        if (stored.length > 0) wb.settings.add(MARKS_KEY, JSON.stringify(payload));
        await context.sync();
        return;
      }
      await context.sync(); // fills + comments; comment ids become readable
      for (const a of added) a.stored.noteId = a.comment.id;
      wb.settings.add(MARKS_KEY, JSON.stringify(payload));
      await context.sync();
    });
  }

  // ---------------------------------------------------------------- summary sheet

  async function writeSummary(model: SummaryModel): Promise<string> {
    return guarded(async (context) => {
      const wb = context.workbook;
      const { sheets, stored } = await loadSheetsAndSummary(context);
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

      for (const s of sheets.items) if (ours.has(s.id)) s.delete();
      const ws = sheets.add(name);
      if (useProps) ws.customProperties.add(CUSTOM_PROPERTY, 'summary');
      ws.load('id,name');

      queueSummaryCells(ws, model);
      await context.sync();

      wb.settings.add(SUMMARY_KEY, JSON.stringify({ id: ws.id, name: ws.name } satisfies StoredSummary));
      await context.sync();
      return ws.name;
    });
  }

  function queueSummaryCells(ws: Excel.Worksheet, model: SummaryModel): void {
    const rows = model.rows;
    const width = Math.max(1, ...rows.map((r) => r.length));
    // Values and formats as 2-D arrays per block of rows; text cells are '@' so "=..." stays literal.
    const rowsPerBlock = rowsPerChunk(width, bytesPerCell, budget);
    for (let r0 = 0; r0 < rows.length; r0 += rowsPerBlock) {
      const n = Math.min(rowsPerBlock, rows.length - r0);
      const values: (string | number)[][] = [];
      const formats: string[][] = [];
      for (let k = 0; k < n; k++) {
        const row = rows[r0 + k];
        const v: (string | number)[] = [];
        const f: string[] = [];
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
        }
        values.push(v);
        formats.push(f);
      }
      const block = ws.getRangeByIndexes(r0, 0, n, width);
      block.numberFormat = formats;
      block.values = values;
    }
    // Live references, links, bold and fills (runs of equal style are one range).
    rows.forEach((row, r) => {
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
    });
    model.columnWidths.forEach((w, c) => {
      if (w > 0) ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = Math.round(w * 6 + 6);
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

  return { readSheets, applyMarks, clearMarks, writeSummary, selectCell, loadSettings, saveSettings };
}

/** Keeps only known values (a hand-edited or older setting never breaks the pane). */
export function sanitizeSettings(raw: Partial<PaneSettings> | null | undefined): PaneSettings {
  const out = { ...DEFAULT_SETTINGS };
  if (!raw || typeof raw !== 'object') return out;
  if (raw.profile === 'mof2020' || raw.profile === 'gx130') out.profile = raw.profile;
  if (raw.overTarget === 1.2 || raw.overTarget === 1.3) out.overTarget = raw.overTarget;
  else if (raw.profile === 'gx130') out.overTarget = 1.3;
  if (raw.reverse === 'linear' || raw.reverse === 'ratio') out.reverse = raw.reverse;
  return out;
}
